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

import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link ValueCodec}. They only decide how new values are written: every
 * value records its format, compression and encryption in its header, so values written
 * under earlier settings stay readable (encrypted ones as long as their key is still
 * configured).
 *
 * @param format how values are serialized
 * @param compressionThreshold the serialized size in bytes from which values are
 * compressed, or {@code null} to never compress; a compressed value is only kept when it
 * is smaller than the uncompressed one
 * @param encryption the keys used to encrypt values (AES-GCM), or {@code null} to write
 * values unencrypted
 * @author redis-utils authors
 */
public record CodecOptions(ValueFormat format, @Nullable Integer compressionThreshold,
		@Nullable EncryptionKeys encryption) {

	private static final CodecOptions DEFAULTS = new CodecOptions(ValueFormat.JSON, null, null);

	/**
	 * Create options, checking that they make sense.
	 * @param format how values are serialized
	 * @param compressionThreshold the size from which values are compressed, or
	 * {@code null}
	 * @param encryption the encryption keys, or {@code null}
	 * @throws IllegalArgumentException if {@code format} is {@code null} or the threshold
	 * is negative
	 */
	public CodecOptions {
		if (format == null) {
			throw new IllegalArgumentException("Value format must not be null");
		}
		if (compressionThreshold != null && compressionThreshold < 0) {
			throw new IllegalArgumentException(
					"Compression threshold must not be negative, but was " + compressionThreshold);
		}
	}

	/**
	 * Return the default options: JSON, no compression, no encryption.
	 * @return the default options
	 */
	public static CodecOptions defaults() {
		return DEFAULTS;
	}

}
