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

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.validation.FieldError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that invalid {@code redis.cache.*} properties fail start-up naming the property
 * and the reason.
 *
 * @author redis-utils authors
 */
class RedisCachePropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsCacheAutoConfiguration.class));

	@Test
	void validPropertiesBind() {
		this.contextRunner
			.withPropertyValues("redis.cache.time-to-live=5m", "redis.cache.ttl-jitter=0.2",
					"redis.cache.caches.users.time-to-live=30s", "redis.cache.caches.users.key-prefix=users-v2",
					"redis.cache.single-flight.wait=0s", "redis.cache.outage-backoff=0s",
					"redis.cache.early-refresh.beta=2.5")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void zeroTimeToLiveFails() {
		assertFailure("redis.cache.time-to-live=0s", "redis.cache.timeToLive", "must be positive");
	}

	@Test
	void jitterOfOneFails() {
		assertFailure("redis.cache.ttl-jitter=1", "redis.cache.ttlJitter", "less than 1");
	}

	@Test
	void negativeOutageBackoffFails() {
		assertFailure("redis.cache.outage-backoff=-1s", "redis.cache.outageBackoff", "must not be negative");
	}

	@Test
	void zeroClearBatchSizeFails() {
		assertFailure("redis.cache.clear-batch-size=0", "redis.cache.clearBatchSize", "at least 1");
	}

	@Test
	void cacheNameWithAControlCharacterFails() {
		assertFailure("redis.cache.cache-names=ok,bad\u0001name", "redis.cache.cacheNames[1]",
				"not usable in a Redis key");
	}

	@Test
	void perCacheTimeToLiveMustBePositive() {
		assertFailure("redis.cache.caches.users.time-to-live=-5s", "redis.cache.caches[users].timeToLive",
				"must be positive");
	}

	@Test
	void perCacheJitterIsChecked() {
		assertFailure("redis.cache.caches.users.ttl-jitter=-0.1", "redis.cache.caches[users].ttlJitter", "at least 0");
	}

	@Test
	void perCacheKeyPrefixMustBeUsableInAKey() {
		assertFailure("redis.cache.caches.users.key-prefix=" + "x".repeat(600), "redis.cache.caches[users].keyPrefix",
				"at most 512 characters");
	}

	@Test
	void singleFlightLeaseMustBePositive() {
		assertFailure("redis.cache.single-flight.lease=0ms", "redis.cache.singleFlight.lease", "must be positive");
	}

	@Test
	void singleFlightPollIntervalMustBePositive() {
		assertFailure("redis.cache.single-flight.poll-interval=0ms", "redis.cache.singleFlight.pollInterval",
				"must be positive");
	}

	@Test
	void negativeSingleFlightWaitFails() {
		assertFailure("redis.cache.single-flight.wait=-1ms", "redis.cache.singleFlight.wait", "must not be negative");
	}

	@Test
	void earlyRefreshBetaMustBePositive() {
		assertFailure("redis.cache.early-refresh.beta=0", "redis.cache.earlyRefresh.beta", "must be positive");
	}

	private void assertFailure(String property, String expectedProperty, String expectedReason) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			Throwable root = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
			BindValidationException validation = findCause(context.getStartupFailure(), BindValidationException.class);
			assertThat(validation).as("cause %s", root).isNotNull();
			assertThat(validation.getValidationErrors().getAllErrors()).singleElement().satisfies((error) -> {
				assertThat(error).isInstanceOf(FieldError.class);
				FieldError fieldError = (FieldError) error;
				assertThat(fieldError.getObjectName() + "." + fieldError.getField()).isEqualTo(expectedProperty);
				assertThat(fieldError.getDefaultMessage()).contains(expectedReason);
			});
		});
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		Throwable candidate = failure;
		while (candidate != null) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
			candidate = candidate.getCause();
		}
		return null;
	}

}
