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

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.jspecify.annotations.Nullable;

/**
 * Compresses value bodies with {@link Deflater} (zlib format, RFC 1950, whose Adler-32
 * checksum catches corruption of unencrypted values) and inflates them again, refusing to
 * inflate more than a fixed number of bytes so that a crafted value cannot exhaust the
 * heap.
 * <p>
 * Thread-safe: each call uses its own {@code Deflater} or {@code Inflater} and releases
 * its native memory before returning.
 *
 * @author redis-utils authors
 */
final class DeflateCompression {

	/**
	 * The largest size a value may inflate to: 64 MiB, far above what is sensible to keep
	 * in one Redis value, far below what would hurt a typical heap.
	 */
	static final int DEFAULT_MAX_INFLATED_SIZE = 64 * 1024 * 1024;

	private static final int MIN_INFLATE_BUFFER = 256;

	private final int maxInflatedSize;

	DeflateCompression() {
		this(DEFAULT_MAX_INFLATED_SIZE);
	}

	DeflateCompression(int maxInflatedSize) {
		if (maxInflatedSize <= 0 || maxInflatedSize > Integer.MAX_VALUE - 16) {
			throw new IllegalArgumentException("Maximum inflated size must be positive, but was " + maxInflatedSize);
		}
		this.maxInflatedSize = maxInflatedSize;
	}

	/**
	 * Compress bytes, giving up as soon as the output is not smaller than the input.
	 * @param input the bytes to compress
	 * @return the compressed bytes, or {@code null} if compressing does not make them
	 * smaller
	 */
	@Nullable ByteSlice compress(byte[] input) {
		// Values are compressed on every write, on the caller's thread: favour speed,
		// which
		// still gets most of the size reduction on JSON
		Deflater deflater = new Deflater(Deflater.BEST_SPEED);
		try {
			deflater.setInput(input);
			deflater.finish();
			// The result is only worth keeping if it is smaller, so an input-sized buffer
			// bounds the work and the allocation
			byte[] output = new byte[input.length];
			int length = 0;
			while (!deflater.finished() && length < output.length) {
				length += deflater.deflate(output, length, output.length - length);
			}
			return (deflater.finished() && length < input.length) ? new ByteSlice(output, 0, length) : null;
		}
		finally {
			deflater.end();
		}
	}

	/**
	 * Inflate bytes written by {@link #compress(byte[])}.
	 * @param input the compressed bytes
	 * @return the inflated bytes
	 * @throws ValueDecodingException if the bytes are not a complete zlib stream or
	 * inflate to more than the maximum size
	 */
	ByteSlice inflate(ByteSlice input) {
		Inflater inflater = new Inflater();
		try {
			inflater.setInput(input.array(), input.offset(), input.length());
			long initialSize = Math.max(MIN_INFLATE_BUFFER, (long) input.length() * 4);
			// One byte more than the limit, so that reaching it proves the limit is
			// exceeded
			byte[] output = new byte[(int) Math.min(initialSize, this.maxInflatedSize + 1L)];
			int length = 0;
			while (!inflater.finished()) {
				if (length == output.length) {
					output = Arrays.copyOf(output, (int) Math.min(output.length * 2L, this.maxInflatedSize + 1L));
				}
				int inflated = inflater.inflate(output, length, output.length - length);
				length += inflated;
				if (length > this.maxInflatedSize) {
					throw new ValueDecodingException("Compressed value inflates to more than the maximum of "
							+ this.maxInflatedSize + " bytes; refusing to decompress it");
				}
				if (inflated == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
					throw new ValueDecodingException(
							"Compressed value is truncated: the zlib stream ends after " + length + " inflated bytes");
				}
			}
			if (inflater.getRemaining() > 0) {
				throw new ValueDecodingException("Compressed value is corrupt: " + inflater.getRemaining()
						+ " unexpected bytes follow the end of the zlib stream");
			}
			return new ByteSlice(output, 0, length);
		}
		catch (DataFormatException ex) {
			throw new ValueDecodingException("Compressed value is corrupt: " + ex.getMessage(), ex);
		}
		finally {
			inflater.end();
		}
	}

}
