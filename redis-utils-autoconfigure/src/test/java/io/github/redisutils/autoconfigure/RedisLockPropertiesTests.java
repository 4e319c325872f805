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

import io.github.redisutils.lock.LockOptions;
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
 * Tests that invalid {@code redis.lock.*} properties fail start-up naming the property
 * and the reason.
 *
 * @author redis-utils authors
 */
class RedisLockPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsLockAutoConfiguration.class));

	@Test
	void validPropertiesBind() {
		this.contextRunner
			.withPropertyValues("redis.lock.lease=10s", "redis.lock.wait=0s", "redis.lock.poll-interval=100ms",
					"redis.lock.registry-name=orders")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RedisLockProperties properties = context.getBean(RedisLockProperties.class);
				assertThat(properties.toLockOptions().lease()).isEqualTo(Duration.ofSeconds(10));
				assertThat(properties.toLockOptions().registryName()).isEqualTo("orders");
			});
	}

	@Test
	void leaseShorterThan100MillisecondsFails() {
		assertFailure("redis.lock.lease=99ms", "redis.lock.lease", "at least 100ms");
	}

	@Test
	void negativeWaitFails() {
		assertFailure("redis.lock.wait=-1s", "redis.lock.wait", "must not be negative");
	}

	@Test
	void zeroPollIntervalFails() {
		assertFailure("redis.lock.poll-interval=0ms", "redis.lock.pollInterval", "must be positive");
	}

	@Test
	void blankRegistryNameFails() {
		assertFailure("redis.lock.registry-name= ", "redis.lock.registryName", "must not be empty");
	}

	@Test
	void propertiesAndRecordReportTheSameRuleWithTheSameMessage() {
		String expected = LockOptions.problems("default", Duration.ofMillis(99), Duration.ofMillis(250)).get("lease");
		assertThat(expected).isEqualTo("must be at least 100ms: the watchdog renews every third of it (was PT0.099S)");
		assertFailure("redis.lock.lease=99ms", "redis.lock.lease", expected);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LockOptions("default", Duration.ofMillis(99), Duration.ofMillis(250)))
			.withMessage("Invalid lock options: lease " + expected);
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
