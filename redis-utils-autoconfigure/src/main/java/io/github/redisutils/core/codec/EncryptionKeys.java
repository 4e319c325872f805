/*
 * Copyright 2026 the redis-utils authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.redisutils.core.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The AES keys a {@link ValueCodec} encrypts and decrypts values with. New values are
 * encrypted with the {@code current} key; values written with a {@code previous} key stay
 * readable, which is how keys are rotated: make the new key current, move the old one to
 * the previous keys, and drop it once every value written with it has expired or been
 * rewritten.
 * <p>
 * Each encrypted value carries the id of its key (the first four bytes of the key's
 * SHA-256 digest), so {@link #toString()} shows those ids and never the keys.
 *
 * <p>
 * Without a current key ({@link #readOnly(List)}) nothing new is encrypted, but values
 * encrypted earlier stay readable: that is what switching encryption off looks like.
 *
 * @param current the key new values are encrypted with, or {@code null} to read encrypted
 * values without writing new ones
 * @param previous keys that older values may have been encrypted with, possibly empty
 * @author redis-utils authors
 */
public record EncryptionKeys(@Nullable SecretKey current, List<SecretKey> previous) {

	/**
	 * Create keys, checking that each is a raw AES key of 128, 192 or 256 bits.
	 * @param current the key new values are encrypted with
	 * @param previous keys that older values may have been encrypted with
	 * @throws IllegalArgumentException if there is no key at all, a key is not an AES
	 * key, of the wrong length, or if two different keys share an id
	 */
	public EncryptionKeys {
		if (previous == null) {
			throw new IllegalArgumentException("Previous encryption keys must not be null (use an empty list)");
		}
		if (current == null && previous.isEmpty()) {
			throw new IllegalArgumentException("At least one encryption key is needed");
		}
		Map<Integer, byte[]> keysById = new HashMap<>();
		if (current != null) {
			checkKey("current", current, keysById);
		}
		for (int i = 0; i < previous.size(); i++) {
			checkKey("previous[" + i + "]", previous.get(i), keysById);
		}
		previous = List.copyOf(previous);
	}

	/**
	 * Create keys from their Base64 text, as found in configuration properties (for
	 * example the output of {@code openssl rand -base64 32}). The URL-safe Base64
	 * alphabet is accepted too.
	 * @param currentKey the Base64 text of the key new values are encrypted with
	 * @param previousKeys the Base64 text of keys older values may have been encrypted
	 * with, possibly empty
	 * @return the keys
	 * @throws IllegalArgumentException naming the key ({@code current} or
	 * {@code previous[i]}) that is missing, not valid Base64, or not 16, 24 or 32 bytes
	 * long
	 */
	public static EncryptionKeys fromBase64(String currentKey, List<String> previousKeys) {
		if (previousKeys == null) {
			throw new IllegalArgumentException("Previous encryption keys must not be null (use an empty list)");
		}
		SecretKey current = decodeKey("current", currentKey);
		List<SecretKey> previous = new ArrayList<>(previousKeys.size());
		for (int i = 0; i < previousKeys.size(); i++) {
			previous.add(decodeKey("previous[" + i + "]", previousKeys.get(i)));
		}
		return new EncryptionKeys(current, previous);
	}

	/**
	 * Create keys that decrypt values written with any of them and encrypt nothing new.
	 * @param keys the keys older values may have been encrypted with, at least one
	 * @return the keys
	 * @throws IllegalArgumentException if the list is empty or a key is not acceptable
	 */
	public static EncryptionKeys readOnly(List<SecretKey> keys) {
		return new EncryptionKeys(null, keys);
	}

	/**
	 * Decode one AES key from Base64 text (the standard or the URL-safe alphabet).
	 * @param name what the key is called in error messages, for example a property name
	 * @param text the Base64 text
	 * @return the key
	 * @throws IllegalArgumentException naming the key if it is empty, not valid Base64,
	 * or not 16, 24 or 32 bytes long
	 */
	public static SecretKey aesKey(String name, String text) {
		return decodeKey(name, text);
	}

	private static SecretKey decodeKey(String name, String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("Encryption key '" + name + "' is empty");
		}
		String trimmed = text.strip();
		// Accept the URL-safe alphabet too: key generators and secret stores differ
		boolean urlSafe = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0;
		byte[] raw;
		try {
			raw = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(trimmed);
		}
		catch (IllegalArgumentException ex) {
			// The decoder's message names an offending character, never the key itself
			throw new IllegalArgumentException("Encryption key '" + name + "' is not valid Base64: " + ex.getMessage(),
					ex);
		}
		try {
			checkLength(name, raw.length);
			return new SecretKeySpec(raw, "AES");
		}
		finally {
			// SecretKeySpec keeps its own copy
			Arrays.fill(raw, (byte) 0);
		}
	}

	private static void checkKey(String name, SecretKey key, Map<Integer, byte[]> keysById) {
		if (key == null) {
			throw new IllegalArgumentException("Encryption key '" + name + "' must not be null");
		}
		if (!"AES".equalsIgnoreCase(key.getAlgorithm())) {
			throw new IllegalArgumentException(
					"Encryption key '" + name + "' must be an AES key, but its algorithm is " + key.getAlgorithm());
		}
		byte[] raw = key.getEncoded();
		if (raw == null || !"RAW".equalsIgnoreCase(key.getFormat())) {
			throw new IllegalArgumentException("Encryption key '" + name
					+ "' must expose its raw bytes (format RAW) so that its id can be computed");
		}
		checkLength(name, raw.length);
		byte[] existing = keysById.putIfAbsent(KeyId.of(raw), raw);
		// The same key listed twice is harmless; two different keys with one id are not
		if (existing != null && !Arrays.equals(existing, raw)) {
			throw new IllegalArgumentException("Encryption key '" + name + "' has the same id "
					+ KeyId.toHex(KeyId.of(raw)) + " as another configured key; generate a new key");
		}
	}

	private static void checkLength(String name, int length) {
		if (length != 16 && length != 24 && length != 32) {
			throw new IllegalArgumentException("Encryption key '" + name + "' is " + length
					+ " bytes long; an AES key must be 16, 24 or 32 bytes (128, 192 or 256 bits)");
		}
	}

	/**
	 * Return a description that names the keys by id and never shows key material.
	 * @return a description of the keys
	 */
	@Override
	public String toString() {
		List<String> previousIds = this.previous.stream()
			.map((key) -> KeyId.toHex(KeyId.of(key.getEncoded())))
			.toList();
		String currentId = (this.current != null) ? KeyId.toHex(KeyId.of(this.current.getEncoded())) : "none";
		return "EncryptionKeys[current=" + currentId + ", previous=" + previousIds + "]";
	}

}
