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

import io.github.redisutils.blacklist.FailurePolicy;
import io.github.redisutils.blacklist.TokenBlacklistOptions;
import org.junit.jupiter.api.Test;

import static io.github.redisutils.autoconfigure.PropertiesBinding.assertRejected;
import static io.github.redisutils.autoconfigure.PropertiesBinding.bind;
import static io.github.redisutils.autoconfigure.PropertiesBinding.startUpFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RedisTokenBlacklistProperties} binding and validation.
 *
 * @author redis-utils authors
 */
class RedisTokenBlacklistPropertiesTests {

	@Test
	void validPropertiesBind() {
		RedisTokenBlacklistProperties properties = bind(RedisTokenBlacklistProperties.class,
				"redis.token-blacklist.on-failure=open", "redis.token-blacklist.max-token-lifetime=2h",
				"redis.token-blacklist.local-cache.max-size=5", "redis.token-blacklist.local-cache.time-to-live=5s",
				"redis.token-blacklist.security.enabled=true");
		assertThat(properties.getOnFailure()).isEqualTo(FailurePolicy.OPEN);
		assertThat(properties.toOptions().maxTokenLifetime()).isEqualTo(Duration.ofHours(2));
		assertThat(properties.getLocalCache().getMaxSize()).isEqualTo(5);
		assertThat(properties.getSecurity().isEnabled()).isTrue();
	}

	@Test
	void defaultsAreClosedADayAndACacheOfTenThousand() {
		RedisTokenBlacklistProperties properties = new RedisTokenBlacklistProperties();
		assertThat(properties.getOnFailure()).isEqualTo(FailurePolicy.CLOSED);
		assertThat(properties.getMaxTokenLifetime()).isEqualTo(Duration.ofDays(1));
		assertThat(properties.getLocalCache().isEnabled()).isTrue();
		assertThat(properties.getLocalCache().getMaxSize()).isEqualTo(10_000);
		assertThat(properties.getLocalCache().getTimeToLive()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.getSecurity().isEnabled()).isFalse();
	}

	@Test
	void maxTokenLifetimeBelowOneSecondFails() {
		assertRejected(RedisTokenBlacklistProperties.class, "redis.token-blacklist.maxTokenLifetime", "at least PT1S",
				"redis.token-blacklist.max-token-lifetime=500ms");
	}

	@Test
	void nonPositiveCacheSizeFails() {
		assertRejected(RedisTokenBlacklistProperties.class, "redis.token-blacklist.localCache.maxSize",
				"must be positive", "redis.token-blacklist.local-cache.max-size=0");
	}

	@Test
	void nonPositiveCacheTimeToLiveFails() {
		assertRejected(RedisTokenBlacklistProperties.class, "redis.token-blacklist.localCache.timeToLive",
				"must be positive", "redis.token-blacklist.local-cache.time-to-live=0s");
	}

	@Test
	void unknownFailurePolicyFails() {
		assertThat(startUpFailure(RedisTokenBlacklistProperties.class, "redis.token-blacklist.on-failure=sometimes"))
			.contains("Failed to bind properties under 'redis.token-blacklist.on-failure'");
	}

	@Test
	void propertiesAndRecordReportTheSameRuleWithTheSameMessage() {
		String expected = TokenBlacklistOptions.problems(FailurePolicy.CLOSED, Duration.ofMillis(500))
			.get("maxTokenLifetime");
		assertThat(expected).isEqualTo("must be at least PT1S: JWT times have second precision (was PT0.5S)");
		assertRejected(RedisTokenBlacklistProperties.class, "redis.token-blacklist.maxTokenLifetime", expected,
				"redis.token-blacklist.max-token-lifetime=500ms");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TokenBlacklistOptions(FailurePolicy.CLOSED, Duration.ofMillis(500)))
			.withMessage("Invalid token blacklist options: maxTokenLifetime " + expected);
	}

}
