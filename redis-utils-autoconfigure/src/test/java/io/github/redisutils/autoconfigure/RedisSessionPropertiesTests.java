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
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.validation.FieldError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RedisSessionProperties} binding and validation.
 *
 * @author redis-utils authors
 */
class RedisSessionPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsSessionAutoConfiguration.class))
		.withPropertyValues(RedisServers.standalone().springProperties());

	@Test
	void validPropertiesBind() {
		this.contextRunner
			.withPropertyValues("redis.session.idle-timeout=10m", "redis.session.absolute-lifetime=1d",
					"redis.session.touch-interval=30s", "redis.session.max-per-user=5",
					"redis.session.limit-policy=refuse", "redis.session.active-count-refresh=1m")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RedisSessionProperties properties = context.getBean(RedisSessionProperties.class);
				assertThat(properties.toOptions().idleTimeout()).isEqualTo(Duration.ofMinutes(10));
				assertThat(properties.toOptions().absoluteLifetime()).isEqualTo(Duration.ofDays(1));
				assertThat(properties.toOptions().touchInterval()).isEqualTo(Duration.ofSeconds(30));
				assertThat(properties.toOptions().maxPerUser()).isEqualTo(5);
				assertThat(properties.toOptions().limitPolicy()).isEqualTo(LimitPolicy.REFUSE);
				assertThat(properties.getActiveCountRefresh()).isEqualTo(Duration.ofMinutes(1));
			});
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
		assertFailure("redis.session.idle-timeout=500ms", "redis.session.idleTimeout", "must be at least PT1S");
	}

	@Test
	void absoluteLifetimeShorterThanIdleTimeoutFails() {
		assertFailure("redis.session.absolute-lifetime=10m", "redis.session.absoluteLifetime",
				"must not be shorter than the idle timeout");
	}

	@Test
	void touchIntervalNotShorterThanIdleTimeoutFails() {
		assertFailure("redis.session.touch-interval=30m", "redis.session.touchInterval",
				"must be shorter than the idle timeout");
	}

	@Test
	void negativeTouchIntervalFails() {
		assertFailure("redis.session.touch-interval=-1s", "redis.session.touchInterval", "must not be negative");
	}

	@Test
	void negativeMaxPerUserFails() {
		assertFailure("redis.session.max-per-user=-1", "redis.session.maxPerUser", "must not be negative");
	}

	@Test
	void negativeActiveCountRefreshFails() {
		assertFailure("redis.session.active-count-refresh=-1s", "redis.session.activeCountRefresh",
				"must not be negative");
	}

	@Test
	void unknownLimitPolicyFails() {
		this.contextRunner.withPropertyValues("redis.session.limit-policy=sometimes")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("redis.session.limit-policy"));
	}

	@Test
	void propertiesAndRecordReportTheSameRuleWithTheSameMessage() {
		String expected = SessionStoreOptions
			.problems(Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofMinutes(1), 0,
					LimitPolicy.EVICT_OLDEST)
			.get("absoluteLifetime");
		assertThat(expected).isEqualTo("must not be shorter than the idle timeout (PT30M)");
		assertFailure("redis.session.absolute-lifetime=10m", "redis.session.absoluteLifetime", expected);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SessionStoreOptions(Duration.ofMinutes(30), Duration.ofMinutes(10),
					Duration.ofMinutes(1), 0, LimitPolicy.EVICT_OLDEST))
			.withMessage("Invalid session store options: absoluteLifetime " + expected);
	}

	private void assertFailure(String property, String expectedProperty, String expectedReason) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			Throwable rootCause = NestedExceptionUtils.getRootCause(context.getStartupFailure());
			assertThat(rootCause).isInstanceOf(BindValidationException.class);
			ValidationErrors errors = ((BindValidationException) rootCause).getValidationErrors();
			assertThat(errors.getAllErrors()).singleElement().isInstanceOfSatisfying(FieldError.class, (error) -> {
				assertThat(error.getObjectName() + "." + error.getField()).isEqualTo(expectedProperty);
				assertThat(error.getDefaultMessage()).contains(expectedReason);
			});
		});
	}

}
