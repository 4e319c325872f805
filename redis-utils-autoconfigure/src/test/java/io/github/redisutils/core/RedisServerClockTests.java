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
package io.github.redisutils.core;

import java.time.Duration;
import java.time.Instant;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RedisServerClock}.
 *
 * @author redis-utils authors
 */
class RedisServerClockTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class));

	@Test
	void readsTheServerTimeWhichOnThisMachineMatchesTheLocalClock() {
		this.contextRunner.withPropertyValues(RedisServers.standalone().springProperties()).run((context) -> {
			Instant before = Instant.now();
			Instant server = context.getBean(RedisServerClock.class).now();
			Instant after = Instant.now();
			assertThat(server).isBetween(before.minusMillis(50), after.plusMillis(50));
			assertThat(Duration.between(before, after)).isLessThan(Duration.ofSeconds(1));
		});
	}

	@Test
	void unreachableServerIsATypedException() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			redis.stop();
			this.contextRunner.withPropertyValues(redis.springProperties())
				.run((context) -> assertThatExceptionOfType(RedisUnavailableException.class)
					.isThrownBy(() -> context.getBean(RedisServerClock.class).now())
					.withMessageStartingWith("Could not read the Redis server time"));
		}
	}

}
