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

package io.github.redisutils.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IDE metadata the build generates: every {@code redis.*} key has a description in
 * Boot's style, and keys whose values follow a vocabulary have hints.
 *
 * @author redis-utils authors
 */
class ConfigurationMetadataTests {

	@Test
	void everyKeyHasADescriptionInBootsStyle() throws IOException {
		JsonNode metadata = read();
		List<String> problems = new ArrayList<>();
		int keys = 0;
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (!name.startsWith("redis.") && !name.startsWith("management.health.redis.")) {
				continue;
			}
			keys++;
			String description = property.has("description") ? property.get("description").asString() : "";
			if (description.isBlank()) {
				problems.add(name + ": no description");
			}
			else if (description.startsWith("The ") || description.startsWith("A ")) {
				problems.add(name + ": description starts with an article");
			}
			else if ("java.lang.Boolean".equals(property.path("type").asString())
					&& !description.startsWith("Whether")) {
				problems.add(name + ": a boolean's description should start with 'Whether'");
			}
			if ("java.lang.Boolean".equals(property.path("type").asString()) && !property.has("defaultValue")) {
				problems.add(name + ": a boolean without a default");
			}
		}
		assertThat(keys).isGreaterThan(70);
		assertThat(problems).isEmpty();
	}

	@Test
	void keysWithAVocabularyHaveHints() throws IOException {
		JsonNode metadata = read();
		List<String> hinted = new ArrayList<>();
		for (JsonNode hint : metadata.get("hints")) {
			hinted.add(hint.get("name").asString());
		}
		assertThat(hinted).contains("redis.rate-limit.web.default-key", "redis.rate-limit.policies.values.algorithm",
				"redis.rate-limit.policies.values.on-failure");
	}

	private static JsonNode read() throws IOException {
		try (InputStream input = RedisUtilsAutoConfiguration.class.getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			assertThat(input).isNotNull();
			return JsonMapper.builder().build().readTree(input);
		}
	}

}
