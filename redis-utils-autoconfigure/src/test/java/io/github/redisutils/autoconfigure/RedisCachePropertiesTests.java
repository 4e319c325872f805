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

import java.time.Duration;
import java.util.Map;

import io.github.redisutils.cache.CacheOptions;
import io.github.redisutils.cache.CacheSettings;
import org.junit.jupiter.api.Test;

import static io.github.redisutils.autoconfigure.PropertiesBinding.assertRejected;
import static io.github.redisutils.autoconfigure.PropertiesBinding.bind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests that invalid {@code redis.cache.*} properties fail start-up naming the property
 * and the reason.
 *
 * @author redis-utils authors
 */
class RedisCachePropertiesTests {

	@Test
	void validPropertiesBind() {
		RedisCacheProperties properties = bind(RedisCacheProperties.class, "redis.cache.time-to-live=5m",
				"redis.cache.ttl-jitter=0.2", "redis.cache.caches.users.time-to-live=30s",
				"redis.cache.caches.users.key-prefix=users-v2", "redis.cache.single-flight.wait=0s",
				"redis.cache.outage-backoff=0s", "redis.cache.early-refresh.beta=2.5");
		assertThat(properties.toDefaultSettings())
			.isEqualTo(new CacheSettings(Duration.ofMinutes(5), true, null, 0.2, false));
		assertThat(properties.toSettings()).containsExactlyEntriesOf(
				Map.of("users", new CacheSettings(Duration.ofSeconds(30), true, "users-v2", 0.2, false)));
		CacheOptions options = properties.toOptions();
		assertThat(options.maxWait()).isZero();
		assertThat(options.outageBackoff()).isZero();
		assertThat(options.earlyRefreshBeta()).isEqualTo(2.5);
	}

	@Test
	void zeroTimeToLiveFails() {
		assertRejected(RedisCacheProperties.class, "redis.cache.timeToLive", "must be positive",
				"redis.cache.time-to-live=0s");
	}

	@Test
	void jitterOfOneFails() {
		assertRejected(RedisCacheProperties.class, "redis.cache.ttlJitter", "less than 1", "redis.cache.ttl-jitter=1");
	}

	@Test
	void negativeOutageBackoffFails() {
		assertRejected(RedisCacheProperties.class, "redis.cache.outageBackoff", "must not be negative",
				"redis.cache.outage-backoff=-1s");
	}

	@Test
	void zeroClearBatchSizeFails() {
		assertRejected(RedisCacheProperties.class, "redis.cache.clearBatchSize", "at least 1",
				"redis.cache.clear-batch-size=0");
	}

	@Test
	void cacheNameWithAControlCharacterFails() {
		assertRejected(RedisCacheProperties.class, "redis.cache.cacheNames[1]", "not usable in a Redis key",
				"redis.cache.cache-names=ok,bad\u0001name");
	}

	@Test
	void perCacheTimeToLiveMustBePositive() {
		assertRejected(RedisCacheProperties.class, "redis.cache.caches[users].timeToLive", "must be positive",
				"redis.cache.caches.users.time-to-live=-5s");
	}

	@Test
	void perCacheJitterIsChecked() {
		assertRejected(RedisCacheProperties.class, "redis.cache.caches[users].ttlJitter", "at least 0",
				"redis.cache.caches.users.ttl-jitter=-0.1");
	}

	@Test
	void perCacheKeyPrefixMustBeUsableInAKey() {
		assertRejected(RedisCacheProperties.class, "redis.cache.caches[users].keyPrefix", "at most 512 characters",
				"redis.cache.caches.users.key-prefix=" + "x".repeat(600));
	}

	@Test
	void aBadDefaultIsReportedOnceNotForEveryCache() {
		assertRejected(RedisCacheProperties.class, "redis.cache.timeToLive", "must be positive",
				"redis.cache.time-to-live=0s", "redis.cache.caches.users.cache-null-values=false");
	}

	@Test
	void singleFlightLeaseMustBePositive() {
		assertRejected(RedisCacheProperties.class, "redis.cache.singleFlight.lease", "must be positive",
				"redis.cache.single-flight.lease=0ms");
	}

	@Test
	void singleFlightPollIntervalMustBePositive() {
		assertRejected(RedisCacheProperties.class, "redis.cache.singleFlight.pollInterval", "must be positive",
				"redis.cache.single-flight.poll-interval=0ms");
	}

	@Test
	void negativeSingleFlightWaitFails() {
		assertRejected(RedisCacheProperties.class, "redis.cache.singleFlight.wait", "must not be negative",
				"redis.cache.single-flight.wait=-1ms");
	}

	@Test
	void earlyRefreshBetaMustBePositive() {
		assertRejected(RedisCacheProperties.class, "redis.cache.earlyRefresh.beta", "must be positive",
				"redis.cache.early-refresh.beta=0");
	}

	@Test
	void propertiesAndSettingsReportTheSameRuleWithTheSameMessage() {
		String expected = CacheSettings.problems(Duration.ofHours(1), null, 1.5).get("ttlJitter");
		assertThat(expected).isEqualTo("must be at least 0 and less than 1 (a fraction of the time to live) (was 1.5)");
		assertRejected(RedisCacheProperties.class, "redis.cache.caches[users].ttlJitter", expected,
				"redis.cache.caches.users.ttl-jitter=1.5");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CacheSettings(Duration.ofHours(1), true, null, 1.5, false))
			.withMessage("Invalid cache settings: ttlJitter " + expected);
	}

	@Test
	void propertiesAndSettingsReportTheSameKeyNameRule() {
		String keyName = "x".repeat(600);
		String expected = CacheSettings.problems(Duration.ofHours(1), keyName, 0).get("keyName");
		assertThat(expected).startsWith("is not usable in a Redis key: ").contains("at most 512 characters");
		assertRejected(RedisCacheProperties.class, "redis.cache.caches[users].keyPrefix", expected,
				"redis.cache.caches.users.key-prefix=" + keyName);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CacheSettings(Duration.ofHours(1), true, keyName, 0, false))
			.withMessage("Invalid cache settings: keyName " + expected);
	}

	@Test
	void propertiesAndOptionsReportTheSameRuleWithTheSameMessage() {
		String expected = CacheOptions
			.problems(Duration.ofSeconds(10), Duration.ofMillis(-1), Duration.ofMillis(20), Duration.ofSeconds(1), 500,
					1.0)
			.get("maxWait");
		assertThat(expected).isEqualTo("must not be negative (was PT-0.001S)");
		assertRejected(RedisCacheProperties.class, "redis.cache.singleFlight.wait", expected,
				"redis.cache.single-flight.wait=-1ms");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CacheOptions(true, Duration.ofSeconds(10), Duration.ofMillis(-1),
					Duration.ofMillis(20), Duration.ofSeconds(1), 500, 1.0))
			.withMessage("Invalid cache options: maxWait " + expected);
	}

}
