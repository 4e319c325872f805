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

import java.util.List;
import java.util.Map;
import java.util.Optional;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.github.redisutils.actuate.RedisHealthContribution;
import io.github.redisutils.actuate.RedisHealthContributor;
import io.github.redisutils.queue.JobHandlerBeanPostProcessor;
import io.github.redisutils.queue.JobHandlers;
import io.github.redisutils.queue.JobInfo;
import io.github.redisutils.queue.JobOptions;
import io.github.redisutils.queue.JobQueue;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.queue.QueueGauges;
import io.github.redisutils.queue.QueueSettings;
import io.github.redisutils.queue.QueueSizes;
import io.github.redisutils.queue.QueueWorkers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisUtilsQueueAutoConfiguration} and
 * {@link RedisUtilsQueueHealthContributorAutoConfiguration}. Only the health tests use
 * sizes, and they come from a user's queues bean: nothing here connects.
 *
 * @author redis-utils authors
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisUtilsQueueAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsQueueAutoConfiguration.class, RedisUtilsHealthContributorAutoConfiguration.class,
				RedisUtilsQueueHealthContributorAutoConfiguration.class));

	@Test
	void defaultsProvideQueuesHandlersWorkersGaugesAndTheHealthChild() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(JobQueues.class)
			.hasSingleBean(JobHandlers.class)
			.hasSingleBean(JobHandlerBeanPostProcessor.class)
			.hasSingleBean(QueueWorkers.class)
			.hasSingleBean(QueueGauges.class)
			.hasSingleBean(RedisQueueProperties.class)
			.hasBean("queueHealthContribution"));
	}

	@Test
	void workersWithoutHandlersDoNotStart() {
		this.contextRunner.withPropertyValues("redis.queue.queues.orders.concurrency=2")
			.run((context) -> assertThat(context.getBean(QueueWorkers.class).running()).isEmpty());
	}

	@Test
	void queueSwitchTurnsTheFeatureOff() {
		this.contextRunner.withPropertyValues("redis.queue.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(JobQueues.class)
				.doesNotHaveBean(QueueWorkers.class)
				.doesNotHaveBean(JobHandlerBeanPostProcessor.class)
				.doesNotHaveBean("queueHealthContribution")
				.hasSingleBean(RedisHealthContributor.class));
	}

	@Test
	void workersSwitchRemovesOnlyTheWorkers() {
		this.contextRunner.withPropertyValues("redis.queue.workers-enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(JobQueues.class)
				.doesNotHaveBean(QueueWorkers.class)
				.hasBean("queueHealthContribution"));
	}

	@Test
	void redisSwitchTurnsEverythingOff() {
		this.contextRunner.withPropertyValues("redis.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(JobQueues.class)
				.doesNotHaveBean(QueueWorkers.class)
				.doesNotHaveBean(RedisHealthContribution.class));
	}

	@Test
	void usersOwnBeansWin() {
		JobHandlers handlers = new JobHandlers();
		UserQueues queues = new UserQueues(new QueueSizes(0, 0, 0, 0, 0, null));
		QueueWorkers workers = new QueueWorkers(queues, handlers, List.of(), java.time.Duration.ofSeconds(1),
				java.time.Duration.ofSeconds(1), new SimpleMeterRegistry());
		QueueGauges gauges = new QueueGauges(queues, List.of());
		RedisHealthContribution contribution = new RedisHealthContribution("queue",
				(HealthIndicator) () -> Health.down().build());
		this.contextRunner.withBean("myQueues", JobQueues.class, () -> queues)
			.withBean("myHandlers", JobHandlers.class, () -> handlers)
			.withBean("myWorkers", QueueWorkers.class, () -> workers)
			.withBean("myGauges", QueueGauges.class, () -> gauges)
			.withBean("queueHealthContribution", RedisHealthContribution.class, () -> contribution)
			.run((context) -> {
				assertThat(context).getBean(JobQueues.class).isSameAs(queues);
				assertThat(context).getBean(JobHandlers.class).isSameAs(handlers);
				assertThat(context).getBean(QueueWorkers.class).isSameAs(workers);
				assertThat(context).getBean(QueueGauges.class).isSameAs(gauges);
				assertThat(context).getBean("queueHealthContribution").isSameAs(contribution);
			});
	}

	@Test
	void settingsCustomizersApplyInOrderToEveryQueueBeforeItIsCreated() {
		this.contextRunner
			.withPropertyValues("redis.queue.workers-enabled=false", "redis.queue.max-attempts=5",
					"redis.queue.queues.orders.concurrency=2")
			.withBean("second", QueueSettingsCustomizer.class,
					() -> new OrderedCustomizer(2,
							(queue, settings) -> "orders".equals(queue)
									? settings.withConcurrency(settings.concurrency() * 10) : settings))
			.withBean("first", QueueSettingsCustomizer.class,
					() -> new OrderedCustomizer(1,
							(queue, settings) -> "orders".equals(queue)
									? settings.withConcurrency(settings.concurrency() + 1) : settings))
			.withBean("everyQueue", QueueSettingsCustomizer.class,
					() -> new OrderedCustomizer(3,
							(queue, settings) -> settings.withMaxAttempts(settings.maxAttempts() + 1)))
			.run((context) -> {
				JobQueues queues = context.getBean(JobQueues.class);
				// (2 + 1) * 10, not 2 * 10 + 1: "first" runs before "second".
				assertThat(queues.settings("orders").concurrency()).isEqualTo(30);
				assertThat(queues.settings("orders").maxAttempts()).isEqualTo(6);
				assertThat(queues.settings("other").concurrency()).isEqualTo(4);
				assertThat(queues.settings("other").maxAttempts()).isEqualTo(6);
			});
	}

	@Test
	void usersOwnPostProcessorWins() {
		this.contextRunner
			.withBean("myPostProcessor", JobHandlerBeanPostProcessor.class,
					() -> new JobHandlerBeanPostProcessor(JobHandlers::new))
			.run((context) -> assertThat(context).hasSingleBean(JobHandlerBeanPostProcessor.class)
				.hasBean("myPostProcessor"));
	}

	@Test
	void healthIsUpWithWarningsThenDownPastTheThresholds() {
		UserQueues queues = new UserQueues(new QueueSizes(3, 0, 1, 2, 0, java.time.Duration.ofMinutes(10)));
		this.contextRunner.withBean(JobQueues.class, () -> queues)
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withPropertyValues("redis.queue.workers-enabled=false", "redis.queue.queues.orders.concurrency=1")
			.run((context) -> {
				Health health = health(context.getBean(RedisHealthContributor.class));
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("warning",
						"orders: 2 dead jobs; orders: oldest waiting job ready for PT10M");
				assertThat(health.getDetails()).containsEntry("queues", Map.of("orders", Map.of("waiting", 3L,
						"delayed", 0L, "active", 1L, "dead", 2L, "completed", 0L, "oldestWaitingAge", "PT10M")));
				assertThat(context.getBean(MeterRegistry.class)
					.get("redis.queue.depth")
					.tag("queue", "orders")
					.tag("state", "dead")
					.gauge()
					.value()).isEqualTo(2);
			});
		this.contextRunner.withBean(JobQueues.class, () -> queues)
			.withPropertyValues("redis.queue.workers-enabled=false", "redis.queue.queues.orders.concurrency=1",
					"redis.queue.health.dead-down=2")
			.run((context) -> assertThat(health(context.getBean(RedisHealthContributor.class)).getStatus())
				.isEqualTo(Status.DOWN));
		this.contextRunner.withBean(JobQueues.class, () -> queues)
			.withPropertyValues("redis.queue.workers-enabled=false", "redis.queue.queues.orders.concurrency=1",
					"redis.queue.health.waiting-age-down=5m")
			.run((context) -> assertThat(health(context.getBean(RedisHealthContributor.class)).getStatus())
				.isEqualTo(Status.DOWN));
	}

	@Test
	void deadJobsWarnButNeverTakeTheApplicationDownUnlessAThresholdIsSet() {
		UserQueues queues = new UserQueues(new QueueSizes(0, 0, 0, 5000, 0, null));
		this.contextRunner.withBean(JobQueues.class, () -> queues)
			.withPropertyValues("redis.queue.workers-enabled=false", "redis.queue.queues.orders.concurrency=1")
			.run((context) -> {
				Health health = health(context.getBean(RedisHealthContributor.class));
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("warning", "orders: 5000 dead jobs");
			});
		this.contextRunner.withBean(JobQueues.class, () -> queues)
			.withPropertyValues("redis.queue.workers-enabled=false", "redis.queue.queues.orders.concurrency=1",
					"redis.queue.health.dead-down=5001")
			.run((context) -> assertThat(health(context.getBean(RedisHealthContributor.class)).getStatus())
				.isEqualTo(Status.UP));
	}

	@Test
	void gaugesAreBoundOnceBySpringBootsMetricsSupport(CapturedOutput output) {
		UserQueues queues = new UserQueues(new QueueSizes(1, 0, 0, 0, 0, null));
		// Micrometer warns of a second registration once per JVM, then logs it at debug
		// level: with debug on, every second registration shows.
		Logger micrometer = (Logger) LoggerFactory.getLogger(MeterRegistry.class);
		Level level = micrometer.getLevel();
		micrometer.setLevel(Level.DEBUG);
		try {
			runWithMetrics(queues);
		}
		finally {
			micrometer.setLevel(level);
		}
		assertThat(output).doesNotContain("already registered");
	}

	private void runWithMetrics(UserQueues queues) {
		this.contextRunner.withBean(JobQueues.class, () -> queues)
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withPropertyValues("redis.queue.workers-enabled=false", "redis.queue.queues.orders.concurrency=1")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("redis.queue.depth").tag("queue", "orders").tag("state", "waiting").gauges())
					.hasSize(1);
				assertThat(registry.find("redis.queue.depth").gauge().value()).isNotNaN();
			});
	}

	@Test
	void blockTimeoutAtOrAboveTheCommandTimeoutFailsStartUpNamingBothKeys() {
		this.contextRunner.withPropertyValues("spring.data.redis.timeout=2s", "redis.queue.block-timeout=2s")
			.run((context) -> {
				assertThat(context).hasFailed();
				BindValidationException failure = findCause(context.getStartupFailure(), BindValidationException.class);
				assertThat(failure.getValidationErrors().getAllErrors()).singleElement().satisfies((error) -> {
					assertThat(((FieldError) error).getField()).isEqualTo("blockTimeout");
					assertThat(error.getDefaultMessage()).contains("spring.data.redis.timeout (2000 ms)");
				});
				assertThat(failure.getValidationErrors().getName()).hasToString("redis.queue");
			});
		this.contextRunner.withPropertyValues("spring.data.redis.timeout=3s", "redis.queue.block-timeout=2s")
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner.withPropertyValues("redis.queue.block-timeout=60s")
			.run((context) -> assertThat(context).hasFailed());
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " in " + failure);
	}

	@Test
	void healthChildSwitchRemovesOnlyTheQueuesChild() {
		this.contextRunner.withPropertyValues("management.health.redis.queue.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(JobQueues.class)
				.hasSingleBean(RedisHealthContributor.class)
				.doesNotHaveBean("queueHealthContribution"));
	}

	@Test
	void withoutActuatorThereIsNoHealthChild() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(JobQueues.class)
				.doesNotHaveBean("queueHealthContribution"));
	}

	@Test
	void healthIndicatorSwitchRemovesTheHealthChild() {
		this.contextRunner.withPropertyValues("management.health.redis.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(JobQueues.class)
				.doesNotHaveBean("queueHealthContribution"));
	}

	private static Health health(RedisHealthContributor redis) {
		return ((HealthIndicator) redis.getContributor("queue")).health(true);
	}

	record OrderedCustomizer(int order, QueueSettingsCustomizer delegate) implements QueueSettingsCustomizer, Ordered {

		@Override
		public QueueSettings customize(String queue, QueueSettings settings) {
			return this.delegate.customize(queue, settings);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

	static class UserQueues implements JobQueues {

		private final QueueSizes sizes;

		UserQueues(QueueSizes sizes) {
			this.sizes = sizes;
		}

		@Override
		public JobQueue queue(String name) {
			QueueSizes sizes = this.sizes;
			return new JobQueue() {

				@Override
				public String name() {
					return name;
				}

				@Override
				public String enqueue(String type, @Nullable Object payload, JobOptions options) {
					throw new UnsupportedOperationException();
				}

				@Override
				public Optional<JobInfo> peek() {
					return Optional.empty();
				}

				@Override
				public QueueSizes sizes() {
					return sizes;
				}

				@Override
				public long clear() {
					return 0;
				}

				@Override
				public Optional<JobInfo> find(String id) {
					return Optional.empty();
				}

				@Override
				public <T> Optional<T> payload(String id, Class<T> type) {
					return Optional.empty();
				}

				@Override
				public boolean cancel(String id) {
					return false;
				}

				@Override
				public List<JobInfo> dead(int offset, int count) {
					return List.of();
				}

				@Override
				public boolean retryDead(String id) {
					return false;
				}

				@Override
				public long retryAllDead() {
					return 0;
				}

			};
		}

		@Override
		public QueueSettings settings(String name) {
			return QueueSettings.defaults();
		}

	}

}
