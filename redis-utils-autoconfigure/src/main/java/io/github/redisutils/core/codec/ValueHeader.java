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

/**
 * The four bytes in front of every value a {@link ValueCodec} writes. See
 * {@link DefaultValueCodec} for the layout; it never changes for header version 1.
 *
 * @param format the format of the serialized value
 * @param compressed whether the body is deflate-compressed
 * @param encrypted whether the body is AES-GCM encrypted
 * @author redis-utils authors
 */
record ValueHeader(ValueFormat format, boolean compressed, boolean encrypted) {

	/**
	 * First byte of every value with a header. No JSON text can start with it: JSON
	 * starts with whitespace, a structural character, a quote, a digit, a minus sign or
	 * one of {@code t}, {@code f}, {@code n}, all ASCII, and a UTF-8 byte order mark
	 * starts with {@code 0xEF}.
	 */
	static final byte MAGIC = (byte) 0xD5;

	/**
	 * The only header version written and read so far.
	 */
	static final byte VERSION = 1;

	/**
	 * Length of the header in bytes.
	 */
	static final int LENGTH = 4;

	static final int FORMAT_JSON = 1;

	static final int FORMAT_CBOR = 2;

	static final int FLAG_COMPRESSED = 0x01;

	static final int FLAG_ENCRYPTED = 0x02;

	private static final int KNOWN_FLAGS = FLAG_COMPRESSED | FLAG_ENCRYPTED;

	/**
	 * Whether stored bytes start with a header. Bytes that do not are read as plain JSON.
	 * @param value the stored bytes
	 * @return whether the first byte is the magic byte
	 */
	static boolean isPresent(byte[] value) {
		return value.length > 0 && value[0] == MAGIC;
	}

	/**
	 * Read the header of stored bytes that start with the magic byte.
	 * @param value the stored bytes
	 * @return the header
	 * @throws ValueDecodingException if the header is truncated, of an unknown version,
	 * names an unknown format or sets unknown flags
	 */
	static ValueHeader read(byte[] value) {
		if (value.length < LENGTH) {
			throw new ValueDecodingException(
					"Value is truncated: it starts with the redis-utils header byte 0xd5 but is " + value.length
							+ " bytes long, shorter than the " + LENGTH + "-byte header");
		}
		int version = value[1] & 0xFF;
		if (version != VERSION) {
			throw new ValueDecodingException("Unsupported value header version " + version
					+ " (this version of redis-utils reads version " + VERSION + ")");
		}
		ValueFormat format = formatOf(value[2] & 0xFF);
		int flags = value[3] & 0xFF;
		if ((flags & ~KNOWN_FLAGS) != 0) {
			throw new ValueDecodingException("Unknown value header flags 0x" + Integer.toHexString(flags & ~KNOWN_FLAGS)
					+ " (known flags: 0x01 compressed, 0x02 encrypted)");
		}
		return new ValueHeader(format, (flags & FLAG_COMPRESSED) != 0, (flags & FLAG_ENCRYPTED) != 0);
	}

	/**
	 * Write this header into the first {@link #LENGTH} bytes of a value.
	 * @param target the array that receives the value
	 */
	void writeTo(byte[] target) {
		target[0] = MAGIC;
		target[1] = VERSION;
		target[2] = (byte) formatId(this.format);
		target[3] = (byte) ((this.compressed ? FLAG_COMPRESSED : 0) | (this.encrypted ? FLAG_ENCRYPTED : 0));
	}

	private static int formatId(ValueFormat format) {
		return switch (format) {
			case JSON -> FORMAT_JSON;
			case CBOR -> FORMAT_CBOR;
		};
	}

	private static ValueFormat formatOf(int id) {
		return switch (id) {
			case FORMAT_JSON -> ValueFormat.JSON;
			case FORMAT_CBOR -> ValueFormat.CBOR;
			default -> throw new ValueDecodingException(
					"Unknown value format id " + id + " (known: " + FORMAT_JSON + " JSON, " + FORMAT_CBOR + " CBOR)");
		};
	}

}
