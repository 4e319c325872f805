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

import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DatatypeFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * Creates the CBOR mapper. Kept apart so that the CBOR classes are only loaded when
 * {@code jackson-dataformat-cbor} is on the classpath.
 *
 * @author redis-utils authors
 */
final class CborMapperFactory {

	private CborMapperFactory() {
	}

	/**
	 * Create a CBOR mapper that maps objects the way the given JSON mapper does: same
	 * modules, features, naming strategy, inclusion and polymorphic type validator.
	 * Default typing is not carried over.
	 * @param jsonMapper the application's JSON mapper
	 * @return a CBOR mapper
	 */
	static ObjectMapper create(JsonMapper jsonMapper) {
		SerializationConfig serialization = jsonMapper.serializationConfig();
		DeserializationConfig deserialization = jsonMapper.deserializationConfig();
		CBORMapper.Builder builder = CBORMapper.builder();
		builder.addModules(jsonMapper.registeredModules());
		for (MapperFeature feature : MapperFeature.values()) {
			builder.configure(feature, jsonMapper.isEnabled(feature));
		}
		for (SerializationFeature feature : SerializationFeature.values()) {
			builder.configure(feature, jsonMapper.isEnabled(feature));
		}
		for (DeserializationFeature feature : DeserializationFeature.values()) {
			builder.configure(feature, jsonMapper.isEnabled(feature));
		}
		copy(jsonMapper, builder, DateTimeFeature.values());
		copy(jsonMapper, builder, EnumFeature.values());
		copy(jsonMapper, builder, JsonNodeFeature.values());
		builder.propertyNamingStrategy(serialization.getPropertyNamingStrategy());
		builder.changeDefaultPropertyInclusion((inclusion) -> serialization.getDefaultPropertyInclusion());
		builder.polymorphicTypeValidator(deserialization.getPolymorphicTypeValidator());
		return builder.build();
	}

	private static void copy(JsonMapper jsonMapper, CBORMapper.Builder builder, DatatypeFeature[] features) {
		for (DatatypeFeature feature : features) {
			builder.configure(feature, jsonMapper.isEnabled(feature));
		}
	}

}
