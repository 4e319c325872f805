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

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The id of an encryption key as stored in front of each encrypted value: the first four
 * bytes of the SHA-256 digest of the raw key. It lets a reader pick the right key among
 * the current and previous ones without trying each, and reveals nothing useful about the
 * key itself.
 *
 * @author redis-utils authors
 */
final class KeyId {

	/**
	 * Number of bytes a key id takes in an encrypted value.
	 */
	static final int LENGTH = 4;

	private KeyId() {
	}

	/**
	 * Compute the id of a raw key.
	 * @param rawKey the key bytes
	 * @return the id, as a big-endian int
	 */
	static int of(byte[] rawKey) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawKey);
			return ((digest[0] & 0xFF) << 24) | ((digest[1] & 0xFF) << 16) | ((digest[2] & 0xFF) << 8)
					| (digest[3] & 0xFF);
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform is required to provide SHA-256
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * Format an id the way messages and {@code toString()} show it.
	 * @param id the id
	 * @return eight lower-case hex digits
	 */
	static String toHex(int id) {
		return HexFormat.of().toHexDigits(id);
	}

}
