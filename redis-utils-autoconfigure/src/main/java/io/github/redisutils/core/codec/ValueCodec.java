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
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;

/**
 * Turns values into the bytes stored in Redis and back. Every redis-utils feature that
 * stores application objects (cache entries, sessions, messages, jobs) goes through it.
 * <p>
 * Values are read into a declared type; type information is never taken from the stored
 * bytes. Plain JSON values (neither compressed nor encrypted) are stored as the JSON text
 * itself; any other value records its format, compression and encryption in a small
 * header, so values stay readable after those settings change. Bytes without that header
 * are read as plain JSON, so values written as JSON before this codec was used (for
 * example by a Jackson-based {@code RedisSerializer}) or by other tools stay readable.
 * <p>
 * Equal values encode to equal bytes unless encryption is on: map entries are written in
 * key order (whatever order the map iterates in), record and bean properties in their
 * declared order. Sets and other collections are written in their iteration order, so a
 * value compared by its bytes should hold ordered collections ({@code List},
 * {@code SortedSet}, {@code LinkedHashSet}).
 * <p>
 * Implementations are thread-safe.
 *
 * @author redis-utils authors
 * @see #create(JsonMapper, CodecOptions)
 */
public interface ValueCodec {

	/**
	 * Encode a value into the bytes to store.
	 * @param value the value, possibly {@code null}, which is stored as JSON {@code null}
	 * @return the bytes to store, never {@code null}
	 * @throws ValueEncodingException if the value cannot be serialized or encrypted
	 */
	byte[] encode(@Nullable Object value);

	/**
	 * Decode stored bytes into a type.
	 * @param <T> the type of the value
	 * @param bytes the stored bytes
	 * @param type the type to read the value as
	 * @return the value, or {@code null} if {@code null} was stored
	 * @throws ValueDecodingException if the bytes cannot be turned into the type
	 * @throws ValueDecryptionException if the value is encrypted and cannot be decrypted
	 */
	<T> @Nullable T decode(byte[] bytes, Class<T> type);

	/**
	 * Decode stored bytes into a generic type such as {@code List<Order>}.
	 * @param <T> the type of the value
	 * @param bytes the stored bytes
	 * @param type the type to read the value as
	 * @return the value, or {@code null} if {@code null} was stored
	 * @throws ValueDecodingException if the bytes cannot be turned into the type
	 * @throws ValueDecryptionException if the value is encrypted and cannot be decrypted
	 */
	<T> @Nullable T decode(byte[] bytes, ParameterizedTypeReference<T> type);

	/**
	 * Decode stored bytes into a type known only as a {@link Type}, for framework code
	 * that gets the type from reflection.
	 * @param bytes the stored bytes
	 * @param type the type to read the value as
	 * @return the value, or {@code null} if {@code null} was stored
	 * @throws ValueDecodingException if the bytes cannot be turned into the type
	 * @throws ValueDecryptionException if the value is encrypted and cannot be decrypted
	 */
	@Nullable Object decode(byte[] bytes, Type type);

	/**
	 * The value that stored bytes hold, in a form that is equal for two stored values
	 * exactly when they encode equal values: the serialized value and its format, without
	 * compression, encryption or header. Encrypted values never repeat their bytes (each
	 * has its own nonce), so features that compare stored values (compare-and-set)
	 * compare this form. The default returns the bytes unchanged, which is right for
	 * codecs whose encoding is deterministic.
	 * @param bytes the stored bytes
	 * @return the canonical form
	 * @throws ValueDecodingException if the bytes are no value this codec wrote or reads
	 * @throws ValueDecryptionException if the value is encrypted and cannot be decrypted
	 */
	default byte[] canonical(byte[] bytes) {
		return bytes;
	}

	/**
	 * Create a codec.
	 * @param jsonMapper the mapper values are serialized with; with
	 * {@link ValueFormat#CBOR} a CBOR mapper with the same modules and features is
	 * derived from it
	 * @param options the format, compression and encryption settings for new values
	 * @return a thread-safe codec
	 * @throws IllegalStateException if the format is {@link ValueFormat#CBOR} and
	 * {@code tools.jackson.dataformat:jackson-dataformat-cbor} is not on the classpath
	 */
	static ValueCodec create(JsonMapper jsonMapper, CodecOptions options) {
		return DefaultValueCodec.create(jsonMapper, options, ValueCodec.class.getClassLoader());
	}

}
