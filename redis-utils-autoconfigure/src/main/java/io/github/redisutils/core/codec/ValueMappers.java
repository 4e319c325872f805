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
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ClassUtils;

/**
 * The Jackson mapper for each {@link ValueFormat}: the application's JSON mapper, and a
 * CBOR mapper derived from it when {@code jackson-dataformat-cbor} is on the classpath.
 * Values are always read with {@link DeserializationFeature#FAIL_ON_TRAILING_TOKENS}:
 * bytes after a complete value mean the stored value is damaged, and reading only its
 * first part would return something that was never written.
 *
 * @author redis-utils authors
 */
final class ValueMappers {

	private static final String CBOR_MAPPER_CLASS = "tools.jackson.dataformat.cbor.CBORMapper";

	private static final String CBOR_DEPENDENCY = "tools.jackson.dataformat:jackson-dataformat-cbor";

	private final JsonMapper jsonMapper;

	private final ObjectReader jsonReader;

	private final @Nullable ObjectMapper cborMapper;

	private final @Nullable ObjectReader cborReader;

	private ValueMappers(JsonMapper jsonMapper, @Nullable ObjectMapper cborMapper) {
		this.jsonMapper = jsonMapper;
		this.jsonReader = strictReader(jsonMapper);
		this.cborMapper = cborMapper;
		this.cborReader = (cborMapper != null) ? strictReader(cborMapper) : null;
	}

	private static ObjectReader strictReader(ObjectMapper mapper) {
		return mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	/**
	 * Create the mappers, making sure the format values are written with is available.
	 * The CBOR mapper is created whenever CBOR is on the classpath, so that values
	 * written as CBOR stay readable after the format is switched back to JSON.
	 * @param jsonMapper the application's JSON mapper
	 * @param writeFormat the format new values are written with
	 * @param classLoader the class loader to look for CBOR support with
	 * @return the mappers
	 * @throws IllegalStateException if the write format is CBOR and CBOR support is
	 * missing
	 */
	static ValueMappers create(JsonMapper jsonMapper, ValueFormat writeFormat, @Nullable ClassLoader classLoader) {
		boolean cborPresent = ClassUtils.isPresent(CBOR_MAPPER_CLASS, classLoader);
		if (writeFormat == ValueFormat.CBOR && !cborPresent) {
			throw new IllegalStateException("Value format CBOR requires " + CBOR_DEPENDENCY
					+ " on the classpath; add that dependency " + "or use value format JSON");
		}
		// Equal maps must encode to equal bytes, whatever order they iterate in: stored
		// values are compared by their bytes (compare-and-set)
		JsonMapper ordered = jsonMapper.isEnabled(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS) ? jsonMapper
				: jsonMapper.rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
		return new ValueMappers(ordered, cborPresent ? CborMapperFactory.create(ordered) : null);
	}

	/**
	 * Return the mapper that writes a format.
	 * @param format the format
	 * @return its mapper
	 * @throws ValueDecodingException if the format is CBOR and CBOR support is missing
	 */
	ObjectMapper mapper(ValueFormat format) {
		if (format == ValueFormat.JSON) {
			return this.jsonMapper;
		}
		ObjectMapper mapper = this.cborMapper;
		if (mapper == null) {
			throw cborMissing();
		}
		return mapper;
	}

	/**
	 * Return the reader for a format, to be narrowed to a type with
	 * {@link ObjectReader#forType(tools.jackson.databind.JavaType)}.
	 * @param format the format
	 * @return its reader
	 * @throws ValueDecodingException if the format is CBOR and CBOR support is missing,
	 * which only happens when reading a value written by an application that had it
	 */
	ObjectReader reader(ValueFormat format) {
		if (format == ValueFormat.JSON) {
			return this.jsonReader;
		}
		ObjectReader reader = this.cborReader;
		if (reader == null) {
			throw cborMissing();
		}
		return reader;
	}

	private static ValueDecodingException cborMissing() {
		return new ValueDecodingException("Value is stored as CBOR but " + CBOR_DEPENDENCY
				+ " is not on the classpath; add that dependency to read it");
	}

}
