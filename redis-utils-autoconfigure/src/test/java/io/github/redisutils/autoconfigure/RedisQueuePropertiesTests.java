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
import java.util.List;

import io.github.redisutils.actuate.QueueHealthThresholds;
import io.github.redisutils.queue.Backoff;
import io.github.redisutils.queue.JobHandlers;
import io.github.redisutils.queue.QueueSettings;
import io.github.redisutils.queue.QueueSizes;
import io.github.redisutils.queue.QueueWorkers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static io.github.redisutils.autoconfigure.PropertiesBinding.assertRejected;
import static io.github.redisutils.autoconfigure.PropertiesBinding.bind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests that {@code redis.queue.*} properties bind into queue settings, the top-level
 * values being the defaults of every queue, and that invalid ones fail start-up naming
 * the property and the reason.
 *
 * @author redis-utils authors
 */
class RedisQueuePropertiesTests {

	@Test
	void validPropertiesBindIntoQueueSettings() {
		RedisQueueProperties properties = bind(RedisQueueProperties.class, "redis.queue.queues.orders.concurrency=8",
				"redis.queue.queues.orders.max-attempts=5", "redis.queue.queues.orders.backoff-initial=2s",
				"redis.queue.queues.orders.backoff-max=1m", "redis.queue.queues.orders.visibility-timeout=10s",
				"redis.queue.queues.orders.completed-retention=0s", "redis.queue.queues.orders.completed-count=0",
				"redis.queue.queues.orders.dead-retention=1d", "redis.queue.queues.orders.dead-count=5",
				"redis.queue.block-timeout=2s", "redis.queue.health.dead-down=10",
				"redis.queue.health.waiting-age-down=1h");
		QueueSettings settings = properties.toSettings().get("orders");
		assertThat(settings.concurrency()).isEqualTo(8);
		assertThat(settings.maxAttempts()).isEqualTo(5);
		assertThat(settings.backoff().initial()).isEqualTo(Duration.ofSeconds(2));
		assertThat(settings.backoff().max()).isEqualTo(Duration.ofMinutes(1));
		assertThat(settings.visibilityTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.completedRetention()).isZero();
		assertThat(settings.completedCount()).isZero();
		assertThat(settings.deadRetention()).isEqualTo(Duration.ofDays(1));
		assertThat(settings.deadCount()).isEqualTo(5);
		assertThat(properties.getBlockTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.getHealth().toThresholds().deadDown()).isEqualTo(10);
		assertThat(properties.toSettingsResolver(List.of()).settings("other")).isEqualTo(QueueSettings.defaults());
	}

	@Test
	void topLevelDefaultsAreTheLibrarysDefaults() {
		assertThat(new RedisQueueProperties().toDefaultSettings()).isEqualTo(QueueSettings.defaults());
		assertThat(bind(RedisQueueProperties.class).toDefaultSettings()).isEqualTo(QueueSettings.defaults());
	}

	@Test
	void topLevelValuesAreInheritedByEveryQueueAndAQueuesOwnValueWins() {
		RedisQueueProperties properties = bind(RedisQueueProperties.class, "redis.queue.max-attempts=7",
				"redis.queue.visibility-timeout=10s", "redis.queue.backoff-initial=2s", "redis.queue.dead-count=50",
				"redis.queue.concurrency=2", "redis.queue.queues.orders.concurrency=8",
				"redis.queue.queues.mail.max-attempts=2", "redis.queue.queues.mail.backoff-max=3s");
		QueueSettings orders = properties.toSettings().get("orders");
		assertThat(orders.concurrency()).as("the queue's own value wins").isEqualTo(8);
		assertThat(orders.maxAttempts()).as("inherited from redis.queue.max-attempts").isEqualTo(7);
		assertThat(orders.visibilityTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(orders.backoff()).isEqualTo(new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5)));
		assertThat(orders.deadCount()).isEqualTo(50);
		QueueSettings mail = properties.toSettings().get("mail");
		assertThat(mail.concurrency()).as("inherited from redis.queue.concurrency").isEqualTo(2);
		assertThat(mail.maxAttempts()).as("the queue's own value wins").isEqualTo(2);
		assertThat(mail.backoff()).isEqualTo(new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(3)));
		assertThat(properties.toSettings()).containsOnlyKeys("orders", "mail");
		QueueSettings.Resolver resolver = properties.toSettingsResolver(List.of());
		assertThat(resolver.settings("orders")).isEqualTo(orders);
		assertThat(resolver.settings("other")).isEqualTo(properties.toDefaultSettings());
		assertThat(resolver.settings("other").maxAttempts()).isEqualTo(7);
		assertThat(resolver.settings("other").concurrency()).isEqualTo(2);
	}

	@Test
	void aWrongTopLevelValueIsReportedOnceAtItsOwnKey() {
		assertRejected(RedisQueueProperties.class, "redis.queue.maxAttempts", "must be at least 1 (was 0)",
				"redis.queue.max-attempts=0", "redis.queue.queues.orders.concurrency=1",
				"redis.queue.queues.mail.concurrency=1");
	}

	@Test
	void aQueueValueThatClashesWithAnInheritedDefaultIsReportedAtTheQueuesKey() {
		assertRejected(RedisQueueProperties.class, "redis.queue.queues[orders].backoffMax",
				"must not be shorter than the initial delay (PT1M) (was PT10S)", "redis.queue.backoff-max=10s",
				"redis.queue.queues.orders.backoff-initial=1m");
	}

	@Test
	void topLevelDefaultsAreValidatedLikeAQueuesOwnValues() {
		assertRejected(RedisQueueProperties.class, "redis.queue.concurrency", "must not be negative",
				"redis.queue.concurrency=-1");
		assertRejected(RedisQueueProperties.class, "redis.queue.deadRetention", "must be positive",
				"redis.queue.dead-retention=0s");
		assertRejected(RedisQueueProperties.class, "redis.queue.completedCount", "must not be negative",
				"redis.queue.completed-count=-1");
		assertRejected(RedisQueueProperties.class, "redis.queue.backoffMax", "must not be shorter than",
				"redis.queue.backoff-initial=10m");
	}

	@Test
	void propertiesAndRecordReportTheSameRuleWithTheSameMessage() {
		String expected = QueueSettings
			.problems(4, 3, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMillis(299), Duration.ofHours(1),
					1000, Duration.ofDays(7), 10000)
			.get("visibilityTimeout");
		assertThat(expected).isEqualTo("must be at least 300ms: the heartbeat renews every third of it (was PT0.299S)");
		assertRejected(RedisQueueProperties.class, "redis.queue.visibilityTimeout", expected,
				"redis.queue.visibility-timeout=299ms");
		assertRejected(RedisQueueProperties.class, "redis.queue.queues[orders].visibilityTimeout", expected,
				"redis.queue.queues.orders.visibility-timeout=299ms");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> QueueSettings.defaults().withVisibilityTimeout(Duration.ofMillis(299)))
			.withMessage("Invalid queue settings: visibilityTimeout " + expected);
	}

	@Test
	void backoffPropertiesAndTheBackoffRecordReportTheSameMessage() {
		String expected = Backoff.problems(Duration.ofSeconds(1), Duration.ofMillis(100)).get("max");
		assertThat(expected).isEqualTo("must not be shorter than the initial delay (PT1S) (was PT0.1S)");
		assertRejected(RedisQueueProperties.class, "redis.queue.queues[orders].backoffMax", expected,
				"redis.queue.queues.orders.backoff-max=100ms");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofMillis(100)))
			.withMessage("Invalid backoff: max " + expected);
	}

	@Test
	void workerPropertiesAndTheWorkersReportTheSameMessage() {
		String expected = QueueWorkers.problems(Duration.ofMillis(1500), Duration.ofSeconds(30)).get("blockTimeout");
		assertThat(expected).isEqualTo("must be a whole number of seconds, at least 1s (BLPOP) (was PT1.5S)");
		assertRejected(RedisQueueProperties.class, "redis.queue.blockTimeout", expected,
				"redis.queue.block-timeout=1500ms");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new QueueWorkers(
					new RedisUtilsQueueAutoConfigurationTests.UserQueues(new QueueSizes(0, 0, 0, 0, 0, null)),
					new JobHandlers(), List.of(), Duration.ofMillis(1500), Duration.ofSeconds(30),
					new SimpleMeterRegistry()))
			.withMessage("Invalid queue workers: blockTimeout " + expected);
	}

	@Test
	void healthPropertiesAndTheThresholdsReportTheSameMessage() {
		String expected = QueueHealthThresholds.problems(0, null, Duration.ofMinutes(5), null).get("deadWarning");
		assertThat(expected).isEqualTo("must be at least 1 (was 0)");
		assertRejected(RedisQueueProperties.class, "redis.queue.health.deadWarning", expected,
				"redis.queue.health.dead-warning=0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new QueueHealthThresholds(0, null, Duration.ofMinutes(5), null))
			.withMessage("Invalid queue health thresholds: deadWarning " + expected);
	}

	@Test
	void negativeConcurrencyFails() {
		assertRejected(RedisQueueProperties.class, "redis.queue.queues[orders].concurrency", "must not be negative",
				"redis.queue.queues.orders.concurrency=-1");
	}

	@Test
	void zeroMaxAttemptsFails() {
		assertRejected(RedisQueueProperties.class, "redis.queue.queues[orders].maxAttempts", "at least 1",
				"redis.queue.queues.orders.max-attempts=0");
	}

	@Test
	void negativeBackoffFails() {
		assertRejected(RedisQueueProperties.class, "redis.queue.queues[orders].backoffInitial", "must not be negative",
				"redis.queue.queues.orders.backoff-initial=-1s");
	}

	@Test
	void backoffMaxShorterThanInitialFails() {
		assertRejected(RedisQueueProperties.class, "redis.queue.queues[orders].backoffMax",
				"must not be shorter than the initial delay (PT1S)", "redis.queue.queues.orders.backoff-max=100ms");
	}

	@Test
	void visibilityTimeoutBelow300MillisecondsFails() {
		assertRejected(RedisQueueProperties.class, "redis.queue.queues[orders].visibilityTimeout", "at least 300ms",
				"redis.queue.queues.orders.visibility-timeout=299ms");
	}

	@Test
	void negativeCompletedRetentionFails() {
		assertRejected(RedisQueueProperties.class, "redis.queue.queues[orders].completedRetention",
				"must not be negative", "redis.queue.queues.orders.completed-retention=-1s");
	}

	@Test
	void negativeCompletedCountFails() {
		assertRejected(RedisQueueProperties.class, "redis.queue.queues[orders].completedCount", "must not be negative",
				"redis.queue.queues.orders.completed-count=-1");
	}

	@Test
	void zeroDeadRetentionFails() {
		assertRejected(RedisQueueProperties.class, "redis.queue.queues[orders].deadRetention", "must be positive",
				"redis.queue.queues.orders.dead-retention=0s");
	}

	@Test
	void zeroDeadCountFails() {
		assertRejected(RedisQueueProperties.class, "redis.queue.queues[orders].deadCount", "at least 1",
				"redis.queue.queues.orders.dead-count=0");
	}

	@Test
	void queueNameWithBracesFails() {
		assertRejected(RedisQueueProperties.class, "redis.queue.queues", "Queue name 'a{b'",
				"redis.queue.queues[a{b].concurrency=1");
	}

	@Test
	void blockTimeoutThatIsNotWholeSecondsFails() {
		assertRejected(RedisQueueProperties.class, "redis.queue.blockTimeout", "whole number of seconds",
				"redis.queue.block-timeout=1500ms");
	}

	@Test
	void negativeShutdownTimeoutFails() {
		assertRejected(RedisQueueProperties.class, "redis.queue.shutdownTimeout", "must not be negative",
				"redis.queue.shutdown-timeout=-1s");
	}

	@Test
	void zeroDeadWarningFails() {
		assertRejected(RedisQueueProperties.class, "redis.queue.health.deadWarning", "at least 1",
				"redis.queue.health.dead-warning=0");
	}

	@Test
	void zeroDeadDownFails() {
		assertRejected(RedisQueueProperties.class, "redis.queue.health.deadDown", "at least 1",
				"redis.queue.health.dead-down=0");
	}

	@Test
	void zeroWaitingAgeWarningFails() {
		assertRejected(RedisQueueProperties.class, "redis.queue.health.waitingAgeWarning", "must be positive",
				"redis.queue.health.waiting-age-warning=0s");
	}

	@Test
	void zeroWaitingAgeDownFails() {
		assertRejected(RedisQueueProperties.class, "redis.queue.health.waitingAgeDown", "must be positive",
				"redis.queue.health.waiting-age-down=0s");
	}

}
