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

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.util.Assert;

/**
 * The {@link ValueCodec} of redis-utils.
 * <p>
 * A value that is JSON, neither compressed nor encrypted, is written as the plain JSON
 * text the mapper produces, without any header, so that {@code redis-cli} and clients in
 * other languages read and write it as they would any JSON. Every other value starts with
 * a header that records what was done to it, laid out as follows. The layout is part of
 * the library's compatibility promise: a value written by any version can be read by
 * every later version.
 *
 * <pre>
 * offset  length  content
 * 0       1       magic byte 0xD5 (can never start a JSON text)
 * 1       1       header version, 1
 * 2       1       format id: 1 = JSON, 2 = CBOR
 * 3       1       flags: bit 0 (0x01) = compressed, bit 1 (0x02) = encrypted; other bits must be 0
 * 4       n       body
 * </pre>
 *
 * The body is produced in three steps, each recorded in the header:
 * <ol>
 * <li>The value is serialized with the format's Jackson mapper ({@code null} as JSON
 * {@code null}).</li>
 * <li>If compression is on and the serialized size is at least the threshold, it is
 * compressed with {@link java.util.zip.Deflater} (zlib stream, RFC 1950). The compressed
 * form is kept only if it is smaller; otherwise the compressed flag stays clear.</li>
 * <li>If encryption is on, it is encrypted with AES/GCM/NoPadding and a 128-bit tag,
 * using the four header bytes as additional authenticated data. The body then is:
 *
 * <pre>
 * offset  length  content
 * 0       4       key id: the first 4 bytes of SHA-256 over the raw AES key
 * 4       12      IV, random per value
 * 16      m + 16  ciphertext of the (compressed) serialized value, then the GCM tag
 * </pre>
 *
 * </li>
 * </ol>
 * Decoding follows the header, not the current options: it decrypts with the key the key
 * id names (current or previous), inflates (refusing more than
 * {@link DeflateCompression#DEFAULT_MAX_INFLATED_SIZE} bytes) and deserializes with the
 * recorded format. Bytes whose first byte is not the magic byte are read as plain JSON.
 *
 * @author redis-utils authors
 */
final class DefaultValueCodec implements ValueCodec {

	private final ValueMappers mappers;

	private final ValueFormat format;

	private final ObjectMapper writeMapper;

	private final @Nullable Integer compressionThreshold;

	private final DeflateCompression compression;

	private final AesGcmEncryption encryption;

	private final CodecOptions options;

	DefaultValueCodec(ValueMappers mappers, CodecOptions options, DeflateCompression compression) {
		this.mappers = mappers;
		this.options = options;
		this.format = options.format();
		this.writeMapper = mappers.mapper(this.format);
		this.compressionThreshold = options.compressionThreshold();
		this.compression = compression;
		this.encryption = new AesGcmEncryption(options.encryption());
	}

	static DefaultValueCodec create(JsonMapper jsonMapper, CodecOptions options, @Nullable ClassLoader classLoader) {
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		Assert.notNull(options, "'options' must not be null");
		ValueMappers mappers = ValueMappers.create(jsonMapper, options.format(), classLoader);
		return new DefaultValueCodec(mappers, options, new DeflateCompression());
	}

	@Override
	public byte[] encode(@Nullable Object value) {
		byte[] serialized = serialize(value);
		ByteSlice body = ByteSlice.of(serialized);
		boolean compressed = false;
		if (this.compressionThreshold != null && serialized.length >= this.compressionThreshold) {
			ByteSlice deflated = this.compression.compress(serialized);
			if (deflated != null) {
				body = deflated;
				compressed = true;
			}
		}
		boolean encrypted = this.encryption.isEnabled();
		if (this.format == ValueFormat.JSON && !compressed && !encrypted) {
			// The header would say nothing the bytes do not: keep them readable by any
			// tool
			return serialized;
		}
		ValueHeader header = new ValueHeader(this.format, compressed, encrypted);
		int bodyLength = encrypted ? AesGcmEncryption.encryptedLength(body.length()) : body.length();
		byte[] stored = new byte[ValueHeader.LENGTH + bodyLength];
		header.writeTo(stored);
		if (encrypted) {
			this.encryption.encrypt(stored, ValueHeader.LENGTH, body);
		}
		else {
			System.arraycopy(body.array(), body.offset(), stored, ValueHeader.LENGTH, body.length());
		}
		return stored;
	}

	private byte[] serialize(@Nullable Object value) {
		try {
			return this.writeMapper.writeValueAsBytes(value);
		}
		catch (JacksonException ex) {
			String typeName = (value != null) ? value.getClass().getName() : "null";
			throw new ValueEncodingException(
					"Could not write " + typeName + " as " + this.format + ": " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T decode(byte[] bytes, Class<T> type) {
		Assert.notNull(type, "'type' must not be null");
		return (T) decode(bytes, (Type) type);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T decode(byte[] bytes, ParameterizedTypeReference<T> type) {
		Assert.notNull(type, "'type' must not be null");
		return (T) decode(bytes, type.getType());
	}

	@Override
	public @Nullable Object decode(byte[] bytes, Type type) {
		Assert.notNull(bytes, "'bytes' must not be null");
		Assert.notNull(type, "'type' must not be null");
		if (bytes.length == 0) {
			throw new ValueDecodingException("Value is empty (0 bytes): expected JSON or a redis-utils value");
		}
		if (!ValueHeader.isPresent(bytes)) {
			// Plain JSON: written by this codec without compression or encryption, by
			// another tool, or by a Jackson serializer before this codec was used
			return deserialize(ValueFormat.JSON, ByteSlice.of(bytes), type);
		}
		ValueHeader header = ValueHeader.read(bytes);
		return deserialize(header.format(), body(header, bytes), type);
	}

	@Override
	public byte[] canonical(byte[] bytes) {
		Assert.notNull(bytes, "'bytes' must not be null");
		if (bytes.length == 0) {
			throw new ValueDecodingException("Value is empty (0 bytes): expected JSON or a redis-utils value");
		}
		ValueFormat format = ValueFormat.JSON;
		ByteSlice body = ByteSlice.of(bytes);
		if (ValueHeader.isPresent(bytes)) {
			ValueHeader header = ValueHeader.read(bytes);
			format = header.format();
			body = body(header, bytes);
		}
		byte[] canonical = new byte[1 + body.length()];
		canonical[0] = (byte) format.ordinal();
		System.arraycopy(body.array(), body.offset(), canonical, 1, body.length());
		return canonical;
	}

	private ByteSlice body(ValueHeader header, byte[] bytes) {
		ByteSlice body = header.encrypted() ? this.encryption.decrypt(bytes, ValueHeader.LENGTH)
				: new ByteSlice(bytes, ValueHeader.LENGTH, bytes.length - ValueHeader.LENGTH);
		return header.compressed() ? this.compression.inflate(body) : body;
	}

	private @Nullable Object deserialize(ValueFormat format, ByteSlice body, Type type) {
		ObjectReader reader = this.mappers.reader(format);
		JavaType javaType = reader.getTypeFactory().constructType(type);
		try {
			return reader.forType(javaType).readValue(body.array(), body.offset(), body.length());
		}
		catch (JacksonException ex) {
			throw new ValueDecodingException(
					"Could not read " + format + " as " + type.getTypeName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public String toString() {
		return "ValueCodec[format=" + this.format + ", compressionThreshold=" + this.compressionThreshold
				+ ", encryption=" + this.options.encryption() + "]";
	}

}
