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

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DeflateCompression}.
 *
 * @author redis-utils authors
 */
class DeflateCompressionTests {

	private final DeflateCompression compression = new DeflateCompression(1000);

	@Test
	void compressedBytesInflateToOriginal() {
		byte[] input = "abc".repeat(300).getBytes(StandardCharsets.US_ASCII);
		ByteSlice compressed = this.compression.compress(input);
		assertThat(compressed).isNotNull();
		assertThat(compressed.length()).isLessThan(input.length);
		assertThat(toArray(this.compression.inflate(compressed))).isEqualTo(input);
	}

	@Test
	void compressReturnsNullWhenOutputIsNotSmaller() {
		assertThat(this.compression.compress(new byte[] { 1, 2, 3 })).isNull();
		assertThat(this.compression.compress(new byte[0])).isNull();
	}

	@Test
	void inflatingExactlyTheLimitSucceeds() {
		ByteSlice compressed = this.compression.compress(new byte[1000]);
		assertThat(this.compression.inflate(compressed).length()).isEqualTo(1000);
	}

	@Test
	void inflatingMoreThanTheLimitFails() {
		ByteSlice compressed = new DeflateCompression(2000).compress(new byte[1001]);
		assertThatExceptionOfType(ValueDecodingException.class).isThrownBy(() -> this.compression.inflate(compressed))
			.withMessage("Compressed value inflates to more than the maximum of 1000 bytes; refusing to decompress it");
	}

	@Test
	void trailingBytesAfterStreamAreRejected() {
		ByteSlice compressed = this.compression.compress(new byte[500]);
		byte[] withTrailer = Arrays.copyOf(toArray(compressed), compressed.length() + 2);
		assertThatExceptionOfType(ValueDecodingException.class)
			.isThrownBy(() -> this.compression.inflate(ByteSlice.of(withTrailer)))
			.withMessage("Compressed value is corrupt: 2 unexpected bytes follow the end of the zlib stream");
	}

	@Test
	void emptyInputIsRejectedAsTruncated() {
		assertThatExceptionOfType(ValueDecodingException.class)
			.isThrownBy(() -> this.compression.inflate(ByteSlice.of(new byte[0])))
			.withMessageStartingWith("Compressed value is truncated");
	}

	private static byte[] toArray(ByteSlice slice) {
		return Arrays.copyOfRange(slice.array(), slice.offset(), slice.offset() + slice.length());
	}

}
