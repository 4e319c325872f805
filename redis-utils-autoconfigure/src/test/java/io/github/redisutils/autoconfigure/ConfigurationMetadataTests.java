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
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

	/**
	 * Boot's processor lists a {@code Map<String, Pojo>} setting as one key whose type
	 * names the value class; IDEs complete {@code <key>.<name>.*} by reading that class's
	 * properties and take their descriptions from its field Javadoc (the sources jar).
	 * Every such value class of ours, and the nested classes it holds, must document each
	 * field.
	 */
	@Test
	void everyMapValueSettingHasADescription() throws IOException, ClassNotFoundException {
		JsonNode metadata = read();
		Pattern mapOfOurs = Pattern
			.compile("java\\.util\\.Map<java\\.lang\\.String,(io\\.github\\.redisutils\\.[\\w.$]+)>");
		List<String> problems = new ArrayList<>();
		List<String> checked = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			Matcher matcher = mapOfOurs.matcher(property.path("type").asString());
			if (name.startsWith("redis.") && matcher.matches()) {
				checkDocumented(name + ".<name>", Class.forName(matcher.group(1)), problems, checked);
			}
		}
		assertThat(checked).contains("redis.cache.caches.<name>.time-to-live", "redis.queue.queues.<name>.concurrency",
				"redis.rate-limit.policies.<name>.limit");
		assertThat(problems).isEmpty();
	}

	private static void checkDocumented(String prefix, Class<?> type, List<String> problems, List<String> checked)
			throws IOException {
		Class<?> outer = type;
		while (outer.getEnclosingClass() != null) {
			outer = outer.getEnclosingClass();
		}
		String source = Files.readString(Path.of("src/main/java", outer.getName().replace('.', '/') + ".java"));
		int body = source.indexOf("class " + type.getSimpleName() + " ");
		assertThat(body).as("source of " + type.getName()).isPositive();
		for (Field field : type.getDeclaredFields()) {
			if (Modifier.isStatic(field.getModifiers())) {
				continue;
			}
			String key = prefix + "." + field.getName().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
			checked.add(key);
			Matcher declaration = Pattern.compile("\\*/\\s*private [^;=]*\\b" + field.getName() + "\\s*[;=]")
				.matcher(source);
			if (!declaration.find(body)) {
				problems.add(key + ": no field Javadoc in " + type.getName());
			}
			if (field.getType().getName().startsWith("io.github.redisutils.autoconfigure.")
					&& !field.getType().isEnum()) {
				checkDocumented(key, field.getType(), problems, checked);
			}
		}
	}

	private static JsonNode read() throws IOException {
		try (InputStream input = RedisUtilsAutoConfiguration.class.getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			assertThat(input).isNotNull();
			return JsonMapper.builder().build().readTree(input);
		}
	}

}
