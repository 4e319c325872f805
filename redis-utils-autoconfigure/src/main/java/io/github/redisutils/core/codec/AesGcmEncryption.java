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

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.jspecify.annotations.Nullable;

/**
 * Encrypts value bodies with AES-GCM and decrypts them with whichever configured key
 * their key id names. The encrypted body is the key id (4 bytes), a random IV (12 bytes)
 * and the ciphertext followed by the 16-byte authentication tag. The value's header is
 * authenticated as additional data, so changing a flag or the format id of an encrypted
 * value makes it fail to decrypt rather than be misread.
 * <p>
 * IVs are random, which is safe for about 2<sup>32</sup> values per key; rotate keys well
 * before that. Thread-safe: a {@link Cipher} is created per call and the
 * {@link SecureRandom} is shared.
 *
 * @author redis-utils authors
 */
final class AesGcmEncryption {

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";

	static final int IV_LENGTH = 12;

	static final int TAG_LENGTH = 16;

	/**
	 * Bytes an encrypted body has in addition to its plaintext.
	 */
	static final int OVERHEAD = KeyId.LENGTH + IV_LENGTH + TAG_LENGTH;

	private final @Nullable SecretKey currentKey;

	private final int currentKeyId;

	private final Map<Integer, SecretKey> keysById;

	private final SecureRandom random;

	/**
	 * Create an instance for a set of keys.
	 * @param keys the keys, or {@code null} if values are not encrypted, in which case
	 * this instance only reports encrypted values as unreadable
	 */
	AesGcmEncryption(@Nullable EncryptionKeys keys) {
		Map<Integer, SecretKey> keysById = new HashMap<>();
		SecretKey current = (keys != null) ? keys.current() : null;
		this.currentKey = current;
		this.currentKeyId = (current != null) ? KeyId.of(current.getEncoded()) : 0;
		if (current != null) {
			keysById.put(this.currentKeyId, current);
		}
		if (keys != null) {
			for (SecretKey key : keys.previous()) {
				keysById.putIfAbsent(KeyId.of(key.getEncoded()), key);
			}
		}
		this.keysById = Collections.unmodifiableMap(keysById);
		this.random = new SecureRandom();
	}

	/**
	 * Whether a current key is configured, so that new values are encrypted.
	 * @return whether values are encrypted
	 */
	boolean isEnabled() {
		return this.currentKey != null;
	}

	/**
	 * Encrypt a body with the current key into a target array.
	 * @param value the array that receives the value; its first {@code headerLength}
	 * bytes hold the header, which is authenticated, and the encrypted body is written
	 * right after it
	 * @param headerLength the header's length
	 * @param plaintext the body to encrypt
	 */
	void encrypt(byte[] value, int headerLength, ByteSlice plaintext) {
		SecretKey key = this.currentKey;
		if (key == null) {
			throw new IllegalStateException("No encryption key is configured");
		}
		int offset = headerLength;
		value[offset++] = (byte) (this.currentKeyId >>> 24);
		value[offset++] = (byte) (this.currentKeyId >>> 16);
		value[offset++] = (byte) (this.currentKeyId >>> 8);
		value[offset++] = (byte) this.currentKeyId;
		byte[] iv = new byte[IV_LENGTH];
		this.random.nextBytes(iv);
		System.arraycopy(iv, 0, value, offset, IV_LENGTH);
		offset += IV_LENGTH;
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, iv));
			cipher.updateAAD(value, 0, headerLength);
			cipher.doFinal(plaintext.array(), plaintext.offset(), plaintext.length(), value, offset);
		}
		catch (GeneralSecurityException ex) {
			throw new ValueEncodingException(
					"Could not encrypt value with key id " + KeyId.toHex(this.currentKeyId) + ": " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Decrypt the body of a stored value with the key its key id names.
	 * @param value the stored value
	 * @param headerLength the header's length; the header is authenticated and the
	 * encrypted body follows it
	 * @return the plaintext body
	 * @throws ValueDecryptionException if no key or not the value's key is configured, or
	 * the value (header included) was altered
	 */
	ByteSlice decrypt(byte[] value, int headerLength) {
		int bodyLength = value.length - headerLength;
		if (bodyLength < OVERHEAD) {
			throw new ValueDecryptionException("Encrypted value is truncated: its body is " + bodyLength
					+ " bytes long, shorter than the " + OVERHEAD + " bytes of key id, IV and authentication tag");
		}
		if (this.keysById.isEmpty()) {
			throw new ValueDecryptionException(
					"Value is encrypted but no encryption key is configured (redis.codec.encryption.key)");
		}
		int offset = headerLength;
		int keyId = ((value[offset] & 0xFF) << 24) | ((value[offset + 1] & 0xFF) << 16)
				| ((value[offset + 2] & 0xFF) << 8) | (value[offset + 3] & 0xFF);
		offset += KeyId.LENGTH;
		SecretKey key = this.keysById.get(keyId);
		if (key == null) {
			throw new ValueDecryptionException("Value is encrypted with key id " + KeyId.toHex(keyId)
					+ " which is not configured (redis.codec.encryption.key / previous-keys)");
		}
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, value, offset, IV_LENGTH));
			offset += IV_LENGTH;
			cipher.updateAAD(value, 0, headerLength);
			return ByteSlice.of(cipher.doFinal(value, offset, value.length - offset));
		}
		catch (AEADBadTagException ex) {
			throw new ValueDecryptionException("Value could not be decrypted with key id " + KeyId.toHex(keyId)
					+ ": authentication failed, so the value or its header was altered", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new ValueDecryptionException(
					"Value could not be decrypted with key id " + KeyId.toHex(keyId) + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Return the length of an encrypted body.
	 * @param plaintextLength the length of the plaintext body
	 * @return the length of the encrypted body
	 */
	static int encryptedLength(int plaintextLength) {
		return plaintextLength + OVERHEAD;
	}

}
