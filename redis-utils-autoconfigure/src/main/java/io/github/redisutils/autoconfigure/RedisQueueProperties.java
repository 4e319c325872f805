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
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.redisutils.actuate.QueueHealthThresholds;
import io.github.redisutils.core.InvalidKeyPartException;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.queue.Backoff;
import io.github.redisutils.queue.QueueSettings;
import io.github.redisutils.queue.QueueWorkers;
import io.github.redisutils.queue.RecurringJob;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the job queues, under {@code redis.queue.*}: the workers'
 * timeouts, the default settings of every queue, and per-queue settings under
 * {@code redis.queue.queues.<name>.*} that override the defaults. They validate
 * themselves when bound, with the rules of {@link QueueSettings#problems},
 * {@link QueueWorkers#problems} and {@link QueueHealthThresholds#problems}: a bad value
 * fails start-up naming the property and the reason.
 *
 * @author redis-utils authors
 */
@ConfigurationProperties("redis.queue")
public class RedisQueueProperties implements Validator, EnvironmentAware {

	/**
	 * Lettuce's command timeout when spring.data.redis.timeout is not set.
	 */
	private static final Duration LETTUCE_DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * Whether the job queues are enabled.
	 */
	private boolean enabled = true;

	/**
	 * Whether this instance runs workers for the queues under redis.queue.queues (they
	 * start only when at least one job type has a handler). Switch off in instances that
	 * only enqueue.
	 */
	private boolean workersEnabled = true;

	/**
	 * Longest blocking wait (BLPOP) of an idle worker for new jobs, in whole seconds, at
	 * least 1s. It also bounds how late an idle instance recovers the jobs of a lost
	 * worker and how long stopping waits for the fetcher. Keep it below the command
	 * timeout (spring.data.redis.timeout), which applies to BLPOP too.
	 */
	private Duration blockTimeout = Duration.ofSeconds(1);

	// Only a block timeout the user chose fails start-up against the command timeout: an
	// application that sets a short command timeout and never runs a worker must start.
	private boolean blockTimeoutSet;

	private @Nullable Duration commandTimeout;

	/**
	 * How long a graceful shutdown waits for running jobs before giving the unfinished
	 * ones back to their queue.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(30);

	/**
	 * Jobs of a queue processed at once by this instance, unless the queue sets its own;
	 * 0 for no workers.
	 */
	private int concurrency = 4;

	/**
	 * Attempts of jobs enqueued without their own, before the dead letters, unless the
	 * queue sets its own.
	 */
	private int maxAttempts = 3;

	/**
	 * Delay before the first retry, doubled for each further retry up to backoff-max; up
	 * to half of it is taken off at random (jitter). Applies unless the queue sets its
	 * own.
	 */
	private Duration backoffInitial = Duration.ofSeconds(1);

	/**
	 * Longest delay between two attempts, unless the queue sets its own.
	 */
	private Duration backoffMax = Duration.ofMinutes(5);

	/**
	 * How long a taken job stays invisible to other workers without a heartbeat (renewed
	 * every third of it while the handler runs), unless the queue sets its own: a lost
	 * worker's jobs run again this long after its last heartbeat. At least 300ms.
	 */
	private Duration visibilityTimeout = Duration.ofSeconds(30);

	/**
	 * How long completed jobs are kept (findable), unless the queue sets its own; 0 to
	 * delete them at once.
	 */
	private Duration completedRetention = Duration.ofHours(1);

	/**
	 * Most completed jobs kept in a queue, unless the queue sets its own; the oldest go
	 * first.
	 */
	private int completedCount = 1000;

	/**
	 * How long dead jobs are kept, unless the queue sets its own.
	 */
	private Duration deadRetention = Duration.ofDays(7);

	/**
	 * Most dead jobs kept in a queue, unless the queue sets its own; the oldest go first.
	 */
	private int deadCount = 10000;

	/**
	 * Settings of each queue, by queue name; what a queue leaves unset comes from the
	 * redis.queue.* defaults. Workers run for the queues listed here; other queues can be
	 * used to enqueue, with the defaults.
	 */
	private Map<String, Queue> queues = new LinkedHashMap<>();

	/**
	 * Recurring jobs by schedule name: at every tick of the cron expression exactly one
	 * job is enqueued across all instances that keep the schedule.
	 */
	private Map<String, Schedule> schedules = new LinkedHashMap<>();

	/**
	 * Whether this instance keeps the recurring jobs running (those under
	 * redis.queue.schedules and those registered through RecurringJobs). Ticks fire while
	 * at least one instance keeps them.
	 */
	private boolean schedulesEnabled = true;

	/**
	 * Thresholds of the "queue" health child.
	 */
	private final Health health = new Health();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isWorkersEnabled() {
		return this.workersEnabled;
	}

	public void setWorkersEnabled(boolean workersEnabled) {
		this.workersEnabled = workersEnabled;
	}

	public Duration getBlockTimeout() {
		return this.blockTimeout;
	}

	public void setBlockTimeout(Duration blockTimeout) {
		this.blockTimeout = blockTimeout;
		this.blockTimeoutSet = true;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public int getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(int concurrency) {
		this.concurrency = concurrency;
	}

	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	public Duration getBackoffInitial() {
		return this.backoffInitial;
	}

	public void setBackoffInitial(Duration backoffInitial) {
		this.backoffInitial = backoffInitial;
	}

	public Duration getBackoffMax() {
		return this.backoffMax;
	}

	public void setBackoffMax(Duration backoffMax) {
		this.backoffMax = backoffMax;
	}

	public Duration getVisibilityTimeout() {
		return this.visibilityTimeout;
	}

	public void setVisibilityTimeout(Duration visibilityTimeout) {
		this.visibilityTimeout = visibilityTimeout;
	}

	public Duration getCompletedRetention() {
		return this.completedRetention;
	}

	public void setCompletedRetention(Duration completedRetention) {
		this.completedRetention = completedRetention;
	}

	public int getCompletedCount() {
		return this.completedCount;
	}

	public void setCompletedCount(int completedCount) {
		this.completedCount = completedCount;
	}

	public Duration getDeadRetention() {
		return this.deadRetention;
	}

	public void setDeadRetention(Duration deadRetention) {
		this.deadRetention = deadRetention;
	}

	public int getDeadCount() {
		return this.deadCount;
	}

	public void setDeadCount(int deadCount) {
		this.deadCount = deadCount;
	}

	public Map<String, Queue> getQueues() {
		return this.queues;
	}

	public void setQueues(Map<String, Queue> queues) {
		this.queues = queues;
	}

	public Health getHealth() {
		return this.health;
	}

	public Map<String, Schedule> getSchedules() {
		return this.schedules;
	}

	public void setSchedules(Map<String, Schedule> schedules) {
		this.schedules = schedules;
	}

	public boolean isSchedulesEnabled() {
		return this.schedulesEnabled;
	}

	public void setSchedulesEnabled(boolean schedulesEnabled) {
		this.schedulesEnabled = schedulesEnabled;
	}

	/**
	 * Return the settings of queues that have no entry under {@code queues}: the
	 * top-level {@code redis.queue.*} values.
	 * @return the default settings
	 */
	public QueueSettings toDefaultSettings() {
		return new QueueSettings(this.concurrency, this.maxAttempts, new Backoff(this.backoffInitial, this.backoffMax),
				this.visibilityTimeout, this.completedRetention, this.completedCount, this.deadRetention,
				this.deadCount);
	}

	/**
	 * Return the settings of every queue configured under {@code queues}, the defaults
	 * filling in what a queue leaves unset.
	 * @return the settings by queue name
	 */
	public Map<String, QueueSettings> toSettings() {
		QueueSettings defaults = toDefaultSettings();
		Map<String, QueueSettings> settings = new LinkedHashMap<>();
		this.queues.forEach((name, queue) -> settings.put(name, queue.toSettings(defaults)));
		return settings;
	}

	/**
	 * Return the settings resolver of the queues: a configured queue's
	 * {@link #toSettings() settings}, the {@link #toDefaultSettings() defaults} for any
	 * other, passed through the customizers in order.
	 * @param customizers the customizers, in the order they apply
	 * @return the resolver
	 */
	public QueueSettings.Resolver toSettingsResolver(List<? extends QueueSettingsCustomizer> customizers) {
		Map<String, QueueSettings> configured = toSettings();
		QueueSettings defaults = toDefaultSettings();
		List<QueueSettingsCustomizer> ordered = List.copyOf(customizers);
		return (name) -> {
			QueueSettings settings = configured.getOrDefault(name, defaults);
			for (QueueSettingsCustomizer customizer : ordered) {
				settings = customizer.customize(name, settings);
			}
			return settings;
		};
	}

	@Override
	public boolean supports(Class<?> type) {
		return RedisQueueProperties.class.isAssignableFrom(type);
	}

	@Override
	public void setEnvironment(Environment environment) {
		// Set before binding: the block timeout is checked against the command timeout.
		this.commandTimeout = Binder.get(environment)
			.bind("spring.data.redis.timeout", Duration.class)
			.orElse(LETTUCE_DEFAULT_TIMEOUT);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RedisQueueProperties properties = (RedisQueueProperties) target;
		Map<String, String> workers = QueueWorkers.problems(properties.blockTimeout, properties.shutdownTimeout);
		workers.forEach((field, problem) -> errors.rejectValue(field, "invalid", problem));
		if (!workers.containsKey("blockTimeout") && properties.blockTimeoutSet && properties.commandTimeout != null
				&& properties.blockTimeout.compareTo(properties.commandTimeout) >= 0) {
			errors.rejectValue("blockTimeout", "invalid",
					"must be below spring.data.redis.timeout (" + properties.commandTimeout.toMillis()
							+ " ms): an idle worker's BLPOP would otherwise fail with a command timeout");
		}
		Map<String, String> defaults = properties.defaultProblems();
		defaults.forEach((field, problem) -> errors.rejectValue(field, "invalid", problem));
		properties.queues.forEach((name, queue) -> queue.validate(name, properties, defaults, errors));
		properties.schedules.forEach((name, schedule) -> schedule.validate(name, errors));
		properties.health.validate(errors);
	}

	private Map<String, String> defaultProblems() {
		return QueueSettings.problems(this.concurrency, this.maxAttempts, this.backoffInitial, this.backoffMax,
				this.visibilityTimeout, this.completedRetention, this.completedCount, this.deadRetention,
				this.deadCount);
	}

	private static <T> T or(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * Settings of one queue; what is left unset comes from the redis.queue.* defaults.
	 */
	public static class Queue {

		/**
		 * Jobs of this queue processed at once by this instance; 0 for no workers.
		 * Defaults to redis.queue.concurrency.
		 */
		private @Nullable Integer concurrency;

		/**
		 * Attempts of jobs enqueued without their own, before the dead letters. Defaults
		 * to redis.queue.max-attempts.
		 */
		private @Nullable Integer maxAttempts;

		/**
		 * Delay before the first retry, doubled for each further retry up to backoff-max;
		 * up to half of it is taken off at random (jitter). Defaults to
		 * redis.queue.backoff-initial.
		 */
		private @Nullable Duration backoffInitial;

		/**
		 * Longest delay between two attempts. Defaults to redis.queue.backoff-max.
		 */
		private @Nullable Duration backoffMax;

		/**
		 * How long a taken job stays invisible to other workers without a heartbeat
		 * (renewed every third of it while the handler runs): a lost worker's jobs run
		 * again this long after its last heartbeat. At least 300ms. Defaults to
		 * redis.queue.visibility-timeout.
		 */
		private @Nullable Duration visibilityTimeout;

		/**
		 * How long completed jobs are kept (findable); 0 to delete them at once. Defaults
		 * to redis.queue.completed-retention.
		 */
		private @Nullable Duration completedRetention;

		/**
		 * Most completed jobs kept; the oldest go first. Defaults to
		 * redis.queue.completed-count.
		 */
		private @Nullable Integer completedCount;

		/**
		 * How long dead jobs are kept. Defaults to redis.queue.dead-retention.
		 */
		private @Nullable Duration deadRetention;

		/**
		 * Most dead jobs kept; the oldest go first. Defaults to redis.queue.dead-count.
		 */
		private @Nullable Integer deadCount;

		public @Nullable Integer getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(@Nullable Integer concurrency) {
			this.concurrency = concurrency;
		}

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public @Nullable Duration getBackoffInitial() {
			return this.backoffInitial;
		}

		public void setBackoffInitial(@Nullable Duration backoffInitial) {
			this.backoffInitial = backoffInitial;
		}

		public @Nullable Duration getBackoffMax() {
			return this.backoffMax;
		}

		public void setBackoffMax(@Nullable Duration backoffMax) {
			this.backoffMax = backoffMax;
		}

		public @Nullable Duration getVisibilityTimeout() {
			return this.visibilityTimeout;
		}

		public void setVisibilityTimeout(@Nullable Duration visibilityTimeout) {
			this.visibilityTimeout = visibilityTimeout;
		}

		public @Nullable Duration getCompletedRetention() {
			return this.completedRetention;
		}

		public void setCompletedRetention(@Nullable Duration completedRetention) {
			this.completedRetention = completedRetention;
		}

		public @Nullable Integer getCompletedCount() {
			return this.completedCount;
		}

		public void setCompletedCount(@Nullable Integer completedCount) {
			this.completedCount = completedCount;
		}

		public @Nullable Duration getDeadRetention() {
			return this.deadRetention;
		}

		public void setDeadRetention(@Nullable Duration deadRetention) {
			this.deadRetention = deadRetention;
		}

		public @Nullable Integer getDeadCount() {
			return this.deadCount;
		}

		public void setDeadCount(@Nullable Integer deadCount) {
			this.deadCount = deadCount;
		}

		QueueSettings toSettings(QueueSettings defaults) {
			return new QueueSettings(or(this.concurrency, defaults.concurrency()),
					or(this.maxAttempts, defaults.maxAttempts()),
					new Backoff(or(this.backoffInitial, defaults.backoff().initial()),
							or(this.backoffMax, defaults.backoff().max())),
					or(this.visibilityTimeout, defaults.visibilityTimeout()),
					or(this.completedRetention, defaults.completedRetention()),
					or(this.completedCount, defaults.completedCount()),
					or(this.deadRetention, defaults.deadRetention()), or(this.deadCount, defaults.deadCount()));
		}

		// The rules apply to the values the queue runs with, its own over the defaults; a
		// problem the queue inherits unchanged is reported once, at the default's key.
		void validate(String name, RedisQueueProperties defaults, Map<String, String> defaultProblems, Errors errors) {
			try {
				RedisKeys.withPrefix("check").feature("queue").tagged(name);
			}
			catch (InvalidKeyPartException ex) {
				errors.rejectValue("queues", "invalid", "Queue name '" + name + "': " + ex.getMessage());
			}
			QueueSettings
				.problems(or(this.concurrency, defaults.concurrency), or(this.maxAttempts, defaults.maxAttempts),
						or(this.backoffInitial, defaults.backoffInitial), or(this.backoffMax, defaults.backoffMax),
						or(this.visibilityTimeout, defaults.visibilityTimeout),
						or(this.completedRetention, defaults.completedRetention),
						or(this.completedCount, defaults.completedCount),
						or(this.deadRetention, defaults.deadRetention), or(this.deadCount, defaults.deadCount))
				.forEach((field, problem) -> {
					if (sets(field) || !defaultProblems.containsKey(field)) {
						errors.rejectValue("queues[" + name + "]." + field, "invalid", problem);
					}
				});
		}

		private boolean sets(String field) {
			Object value = switch (field) {
				case "concurrency" -> this.concurrency;
				case "maxAttempts" -> this.maxAttempts;
				case "backoffInitial" -> this.backoffInitial;
				case "backoffMax" -> this.backoffMax;
				case "visibilityTimeout" -> this.visibilityTimeout;
				case "completedRetention" -> this.completedRetention;
				case "completedCount" -> this.completedCount;
				case "deadRetention" -> this.deadRetention;
				case "deadCount" -> this.deadCount;
				default -> null;
			};
			return value != null;
		}

	}

	/**
	 * One recurring job: what goes into which queue at every tick of a cron expression.
	 */
	public static class Schedule {

		/**
		 * The schedule, a Spring cron expression with six fields, seconds first (for
		 * example "0 0 3 * * *" for 03:00 every day, "@hourly" at the start of every
		 * hour).
		 */
		private @Nullable String cron;

		/**
		 * The time zone the cron expression is read in. Defaults to the JVM's, as with
		 * Spring's @Scheduled; set it when instances may run in different zones.
		 */
		private @Nullable ZoneId zone;

		/**
		 * The queue the jobs go into.
		 */
		private @Nullable String queue;

		/**
		 * The job type, which selects the handler.
		 */
		private @Nullable String type;

		/**
		 * The payload of every job, as its properties (payload.kind=daily), decoded into
		 * the handler's payload type; a null payload when unset.
		 */
		private Map<String, Object> payload = new LinkedHashMap<>();

		public @Nullable String getCron() {
			return this.cron;
		}

		public void setCron(@Nullable String cron) {
			this.cron = cron;
		}

		public @Nullable ZoneId getZone() {
			return this.zone;
		}

		public void setZone(@Nullable ZoneId zone) {
			this.zone = zone;
		}

		public @Nullable String getQueue() {
			return this.queue;
		}

		public void setQueue(@Nullable String queue) {
			this.queue = queue;
		}

		public @Nullable String getType() {
			return this.type;
		}

		public void setType(@Nullable String type) {
			this.type = type;
		}

		public Map<String, Object> getPayload() {
			return this.payload;
		}

		public void setPayload(Map<String, Object> payload) {
			this.payload = payload;
		}

		/**
		 * Return the recurring job these settings describe (validated at binding).
		 * @return the recurring job
		 */
		public RecurringJob toRecurringJob() {
			return new RecurringJob(or(this.queue, ""), or(this.type, ""), or(this.cron, ""),
					or(this.zone, ZoneId.systemDefault()), this.payload.isEmpty() ? null : Map.copyOf(this.payload));
		}

		void validate(String name, Errors errors) {
			String at = "schedules[" + name + "].";
			if (!StringUtils.hasText(this.cron)) {
				errors.rejectValue(at + "cron", "required", "must be set (a cron expression)");
			}
			else {
				try {
					CronExpression.parse(this.cron);
				}
				catch (IllegalArgumentException ex) {
					errors.rejectValue(at + "cron", "invalid",
							"is not a cron expression (six fields, seconds first): " + ex.getMessage());
				}
			}
			if (!StringUtils.hasText(this.type)) {
				errors.rejectValue(at + "type", "required", "must be set (the job type)");
			}
			if (!StringUtils.hasText(this.queue)) {
				errors.rejectValue(at + "queue", "required", "must be set (the queue the jobs go into)");
			}
			else {
				try {
					RedisKeys.withPrefix("check").feature("queue").tagged(this.queue);
				}
				catch (InvalidKeyPartException ex) {
					errors.rejectValue(at + "queue", "invalid", ex.getMessage());
				}
			}
		}

	}

	/**
	 * Thresholds of the "queue" health child. Warnings are listed in its details with
	 * status UP; DOWN thresholds turn it DOWN.
	 */
	public static class Health {

		/**
		 * Dead jobs in a queue from which a warning is reported.
		 */
		private long deadWarning = 1;

		/**
		 * Dead jobs in a queue from which the health is DOWN; unset for never.
		 */
		private @Nullable Long deadDown;

		/**
		 * Age of a queue's oldest waiting job from which a warning is reported.
		 */
		private Duration waitingAgeWarning = Duration.ofMinutes(5);

		/**
		 * Age of a queue's oldest waiting job from which the health is DOWN; unset for
		 * never.
		 */
		private @Nullable Duration waitingAgeDown;

		public long getDeadWarning() {
			return this.deadWarning;
		}

		public void setDeadWarning(long deadWarning) {
			this.deadWarning = deadWarning;
		}

		public @Nullable Long getDeadDown() {
			return this.deadDown;
		}

		public void setDeadDown(@Nullable Long deadDown) {
			this.deadDown = deadDown;
		}

		public Duration getWaitingAgeWarning() {
			return this.waitingAgeWarning;
		}

		public void setWaitingAgeWarning(Duration waitingAgeWarning) {
			this.waitingAgeWarning = waitingAgeWarning;
		}

		public @Nullable Duration getWaitingAgeDown() {
			return this.waitingAgeDown;
		}

		public void setWaitingAgeDown(@Nullable Duration waitingAgeDown) {
			this.waitingAgeDown = waitingAgeDown;
		}

		/**
		 * Return these thresholds as the health indicator takes them.
		 * @return the thresholds
		 */
		public QueueHealthThresholds toThresholds() {
			return new QueueHealthThresholds(this.deadWarning, this.deadDown, this.waitingAgeWarning,
					this.waitingAgeDown);
		}

		void validate(Errors errors) {
			QueueHealthThresholds.problems(this.deadWarning, this.deadDown, this.waitingAgeWarning, this.waitingAgeDown)
				.forEach((field, problem) -> errors.rejectValue("health." + field, "invalid", problem));
		}

	}

}
