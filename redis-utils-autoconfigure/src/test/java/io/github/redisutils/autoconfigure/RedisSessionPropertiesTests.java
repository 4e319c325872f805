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

import io.github.redisutils.session.LimitPolicy;
import io.github.redisutils.session.SessionStoreOptions;
import org.junit.jupiter.api.Test;

import static io.github.redisutils.autoconfigure.PropertiesBinding.assertRejected;
import static io.github.redisutils.autoconfigure.PropertiesBinding.bind;
import static io.github.redisutils.autoconfigure.PropertiesBinding.startUpFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RedisSessionProperties} binding and validation.
 *
 * @author redis-utils authors
 */
class RedisSessionPropertiesTests {

	@Test
	void validPropertiesBind() {
		RedisSessionProperties properties = bind(RedisSessionProperties.class, "redis.session.idle-timeout=10m",
				"redis.session.absolute-lifetime=1d", "redis.session.touch-interval=30s",
				"redis.session.max-per-user=5", "redis.session.limit-policy=refuse",
				"redis.session.active-count-refresh=1m");
		assertThat(properties.toOptions().idleTimeout()).isEqualTo(Duration.ofMinutes(10));
		assertThat(properties.toOptions().absoluteLifetime()).isEqualTo(Duration.ofDays(1));
		assertThat(properties.toOptions().touchInterval()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.toOptions().maxPerUser()).isEqualTo(5);
		assertThat(properties.toOptions().limitPolicy()).isEqualTo(LimitPolicy.REFUSE);
		assertThat(properties.getActiveCountRefresh()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void defaultsAreHalfAnHourIdleTwelveHoursAbsoluteAndNoLimit() {
		RedisSessionProperties properties = new RedisSessionProperties();
		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.getIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
		assertThat(properties.getAbsoluteLifetime()).isEqualTo(Duration.ofHours(12));
		assertThat(properties.getTouchInterval()).isEqualTo(Duration.ofMinutes(1));
		assertThat(properties.getMaxPerUser()).isZero();
		assertThat(properties.getLimitPolicy()).isEqualTo(LimitPolicy.EVICT_OLDEST);
		assertThat(properties.getActiveCountRefresh()).isEqualTo(Duration.ofSeconds(15));
	}

	@Test
	void idleTimeoutBelowOneSecondFails() {
		assertRejected(RedisSessionProperties.class, "redis.session.idleTimeout", "must be at least PT1S",
				"redis.session.idle-timeout=500ms");
	}

	@Test
	void absoluteLifetimeShorterThanIdleTimeoutFails() {
		assertRejected(RedisSessionProperties.class, "redis.session.absoluteLifetime",
				"must not be shorter than the idle timeout", "redis.session.absolute-lifetime=10m");
	}

	@Test
	void touchIntervalNotShorterThanIdleTimeoutFails() {
		assertRejected(RedisSessionProperties.class, "redis.session.touchInterval",
				"must be shorter than the idle timeout", "redis.session.touch-interval=30m");
	}

	@Test
	void negativeTouchIntervalFails() {
		assertRejected(RedisSessionProperties.class, "redis.session.touchInterval", "must not be negative",
				"redis.session.touch-interval=-1s");
	}

	@Test
	void negativeMaxPerUserFails() {
		assertRejected(RedisSessionProperties.class, "redis.session.maxPerUser", "must not be negative",
				"redis.session.max-per-user=-1");
	}

	@Test
	void negativeActiveCountRefreshFails() {
		assertRejected(RedisSessionProperties.class, "redis.session.activeCountRefresh", "must not be negative",
				"redis.session.active-count-refresh=-1s");
	}

	@Test
	void unknownLimitPolicyFails() {
		assertThat(startUpFailure(RedisSessionProperties.class, "redis.session.limit-policy=sometimes"))
			.contains("Failed to bind properties under 'redis.session.limit-policy'");
	}

	@Test
	void propertiesAndRecordReportTheSameRuleWithTheSameMessage() {
		String expected = SessionStoreOptions
			.problems(Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofMinutes(1), 0,
					LimitPolicy.EVICT_OLDEST)
			.get("absoluteLifetime");
		assertThat(expected).isEqualTo("must not be shorter than the idle timeout (PT30M)");
		assertRejected(RedisSessionProperties.class, "redis.session.absoluteLifetime", expected,
				"redis.session.absolute-lifetime=10m");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SessionStoreOptions(Duration.ofMinutes(30), Duration.ofMinutes(10),
					Duration.ofMinutes(1), 0, LimitPolicy.EVICT_OLDEST))
			.withMessage("Invalid session store options: absoluteLifetime " + expected);
	}

}
