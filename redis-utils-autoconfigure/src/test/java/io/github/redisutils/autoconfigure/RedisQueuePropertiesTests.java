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

import io.github.redisutils.queue.QueueSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.validation.FieldError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that invalid {@code redis.queue.*} properties fail start-up naming the property
 * and the reason.
 *
 * @author redis-utils authors
 */
class RedisQueuePropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsQueueAutoConfiguration.class))
		.withPropertyValues("redis.queue.workers-enabled=false");

	@Test
	void validPropertiesBindIntoQueueSettings() {
		this.contextRunner
			.withPropertyValues("redis.queue.queues.orders.concurrency=8", "redis.queue.queues.orders.max-attempts=5",
					"redis.queue.queues.orders.backoff-initial=2s", "redis.queue.queues.orders.backoff-max=1m",
					"redis.queue.queues.orders.visibility-timeout=10s",
					"redis.queue.queues.orders.completed-retention=0s", "redis.queue.queues.orders.completed-count=0",
					"redis.queue.queues.orders.dead-retention=1d", "redis.queue.queues.orders.dead-count=5",
					"redis.queue.block-timeout=2s", "redis.queue.health.dead-down=10",
					"redis.queue.health.waiting-age-down=1h")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RedisQueueProperties properties = context.getBean(RedisQueueProperties.class);
				QueueSettings settings = properties.settings("orders");
				assertThat(settings.concurrency()).isEqualTo(8);
				assertThat(settings.maxAttempts()).isEqualTo(5);
				assertThat(settings.backoff().initial()).isEqualTo(Duration.ofSeconds(2));
				assertThat(settings.backoff().max()).isEqualTo(Duration.ofMinutes(1));
				assertThat(settings.visibilityTimeout()).isEqualTo(Duration.ofSeconds(10));
				assertThat(settings.completedCount()).isZero();
				assertThat(settings.deadRetention()).isEqualTo(Duration.ofDays(1));
				assertThat(settings.deadCount()).isEqualTo(5);
				assertThat(properties.settings("other")).isEqualTo(QueueSettings.defaults());
			});
	}

	@Test
	void negativeConcurrencyFails() {
		assertFailure("redis.queue.queues.orders.concurrency=-1", "redis.queue.queues[orders].concurrency",
				"must not be negative");
	}

	@Test
	void zeroMaxAttemptsFails() {
		assertFailure("redis.queue.queues.orders.max-attempts=0", "redis.queue.queues[orders].maxAttempts",
				"at least 1");
	}

	@Test
	void negativeBackoffFails() {
		assertFailure("redis.queue.queues.orders.backoff-initial=-1s", "redis.queue.queues[orders].backoffInitial",
				"must not be negative");
	}

	@Test
	void backoffMaxShorterThanInitialFails() {
		assertFailure("redis.queue.queues.orders.backoff-max=100ms", "redis.queue.queues[orders].backoffMax",
				"must not be shorter than backoff-initial");
	}

	@Test
	void visibilityTimeoutBelow300MillisecondsFails() {
		assertFailure("redis.queue.queues.orders.visibility-timeout=299ms",
				"redis.queue.queues[orders].visibilityTimeout", "at least 300ms");
	}

	@Test
	void negativeCompletedRetentionFails() {
		assertFailure("redis.queue.queues.orders.completed-retention=-1s",
				"redis.queue.queues[orders].completedRetention", "must not be negative");
	}

	@Test
	void negativeCompletedCountFails() {
		assertFailure("redis.queue.queues.orders.completed-count=-1", "redis.queue.queues[orders].completedCount",
				"must not be negative");
	}

	@Test
	void zeroDeadRetentionFails() {
		assertFailure("redis.queue.queues.orders.dead-retention=0s", "redis.queue.queues[orders].deadRetention",
				"must be positive");
	}

	@Test
	void zeroDeadCountFails() {
		assertFailure("redis.queue.queues.orders.dead-count=0", "redis.queue.queues[orders].deadCount", "at least 1");
	}

	@Test
	void queueNameWithBracesFails() {
		assertFailure("redis.queue.queues[a{b].concurrency=1", "redis.queue.queues", "Queue name 'a{b'");
	}

	@Test
	void blockTimeoutThatIsNotWholeSecondsFails() {
		assertFailure("redis.queue.block-timeout=1500ms", "redis.queue.blockTimeout", "whole number of seconds");
	}

	@Test
	void negativeShutdownTimeoutFails() {
		assertFailure("redis.queue.shutdown-timeout=-1s", "redis.queue.shutdownTimeout", "must not be negative");
	}

	@Test
	void zeroDeadWarningFails() {
		assertFailure("redis.queue.health.dead-warning=0", "redis.queue.health.deadWarning", "at least 1");
	}

	@Test
	void zeroDeadDownFails() {
		assertFailure("redis.queue.health.dead-down=0", "redis.queue.health.deadDown", "at least 1");
	}

	@Test
	void zeroWaitingAgeWarningFails() {
		assertFailure("redis.queue.health.waiting-age-warning=0s", "redis.queue.health.waitingAgeWarning",
				"must be positive");
	}

	@Test
	void zeroWaitingAgeDownFails() {
		assertFailure("redis.queue.health.waiting-age-down=0s", "redis.queue.health.waitingAgeDown",
				"must be positive");
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
