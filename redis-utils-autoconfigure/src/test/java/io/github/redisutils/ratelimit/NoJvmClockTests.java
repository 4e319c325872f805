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
package io.github.redisutils.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No class of the rate-limit packages reads a JVM wall clock: decisions are timed by the
 * Redis server only, so instances whose clocks disagree still agree on every limit.
 * Checked on the compiled classes' constant pools.
 *
 * @author redis-utils authors
 */
class NoJvmClockTests {

	private static final List<String> WALL_CLOCKS = List.of("currentTimeMillis", "java/time/Clock", "java/time/Instant",
			"java/time/LocalDateTime", "java/time/OffsetDateTime", "java/time/ZonedDateTime", "java/util/Date");

	@Test
	void rateLimitClassesNeverReadTheJvmClock() throws IOException {
		Resource[] classes = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:io/github/redisutils/ratelimit/**/*.class");
		List<Resource> main = java.util.Arrays.stream(classes)
			.filter((resource) -> !String.valueOf(resource.getFilename()).endsWith("Tests.class"))
			.filter((resource) -> {
				try {
					return resource.getURL().toString().contains("/target/classes/");
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			})
			.toList();
		assertThat(main).hasSizeGreaterThan(10);
		for (Resource resource : main) {
			String constants;
			try (InputStream input = resource.getInputStream()) {
				constants = new String(input.readAllBytes(), StandardCharsets.ISO_8859_1);
			}
			for (String clock : WALL_CLOCKS) {
				assertThat(constants).as(resource.getFilename()).doesNotContain(clock);
			}
		}
	}

}
