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
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.redisutils.actuate.QueueHealthThresholds;
import io.github.redisutils.core.InvalidKeyPartException;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.queue.Backoff;
import io.github.redisutils.queue.QueueSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the job queues, under {@code redis.queue.*}. They validate
 * themselves when bound: a bad value fails start-up naming the property and the reason.
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
	 * Settings of each queue, by queue name. Workers run for the queues listed here;
	 * other queues can be used to enqueue, with default settings.
	 */
	private Map<String, Queue> queues = new LinkedHashMap<>();

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

	public Map<String, Queue> getQueues() {
		return this.queues;
	}

	public void setQueues(Map<String, Queue> queues) {
		this.queues = queues;
	}

	public Health getHealth() {
		return this.health;
	}

	/**
	 * Return the settings of a queue: its own, or the defaults for a queue not
	 * configured.
	 * @param name the queue name
	 * @return the settings
	 */
	public QueueSettings settings(String name) {
		Queue queue = this.queues.get(name);
		return ((queue != null) ? queue : new Queue()).toSettings();
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
		if (properties.blockTimeout.toMillis() < 1000 || properties.blockTimeout.toMillis() % 1000 != 0) {
			errors.rejectValue("blockTimeout", "invalid", "must be a whole number of seconds, at least 1s (BLPOP)");
		}
		else if (properties.blockTimeoutSet && properties.commandTimeout != null
				&& properties.blockTimeout.compareTo(properties.commandTimeout) >= 0) {
			errors.rejectValue("blockTimeout", "invalid",
					"must be below spring.data.redis.timeout (" + properties.commandTimeout.toMillis()
							+ " ms): an idle worker's BLPOP would otherwise fail with a command timeout");
		}
		if (properties.shutdownTimeout.isNegative()) {
			errors.rejectValue("shutdownTimeout", "invalid", "must not be negative");
		}
		properties.queues.forEach((name, queue) -> queue.validate(name, errors));
		properties.health.validate(errors);
	}

	/**
	 * Settings of one queue.
	 */
	public static class Queue {

		/**
		 * Jobs of this queue processed at once by this instance; 0 for no workers.
		 */
		private int concurrency = 4;

		/**
		 * Attempts of jobs enqueued without their own, before the dead letters.
		 */
		private int maxAttempts = 3;

		/**
		 * Delay before the first retry, doubled for each further retry up to backoff-max;
		 * up to half of it is taken off at random (jitter).
		 */
		private Duration backoffInitial = Duration.ofSeconds(1);

		/**
		 * Longest delay between two attempts.
		 */
		private Duration backoffMax = Duration.ofMinutes(5);

		/**
		 * How long a taken job stays invisible to other workers without a heartbeat
		 * (renewed every third of it while the handler runs): a lost worker's jobs run
		 * again this long after its last heartbeat. At least 300ms.
		 */
		private Duration visibilityTimeout = Duration.ofSeconds(30);

		/**
		 * How long completed jobs are kept (findable); 0 to delete them at once.
		 */
		private Duration completedRetention = Duration.ofHours(1);

		/**
		 * Most completed jobs kept; the oldest go first.
		 */
		private int completedCount = 1000;

		/**
		 * How long dead jobs are kept.
		 */
		private Duration deadRetention = Duration.ofDays(7);

		/**
		 * Most dead jobs kept; the oldest go first.
		 */
		private int deadCount = 10000;

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

		QueueSettings toSettings() {
			return new QueueSettings(this.concurrency, this.maxAttempts,
					new Backoff(this.backoffInitial, this.backoffMax), this.visibilityTimeout, this.completedRetention,
					this.completedCount, this.deadRetention, this.deadCount);
		}

		void validate(String name, Errors errors) {
			String prefix = "queues[" + name + "].";
			try {
				RedisKeys.withPrefix("check").feature("queue").tagged(name);
			}
			catch (InvalidKeyPartException ex) {
				errors.rejectValue("queues", "invalid", "Queue name '" + name + "': " + ex.getMessage());
			}
			if (this.concurrency < 0) {
				errors.rejectValue(prefix + "concurrency", "invalid", "must not be negative");
			}
			if (this.maxAttempts < 1) {
				errors.rejectValue(prefix + "maxAttempts", "invalid", "must be at least 1");
			}
			if (this.backoffInitial.isNegative()) {
				errors.rejectValue(prefix + "backoffInitial", "invalid", "must not be negative");
			}
			else if (this.backoffMax.compareTo(this.backoffInitial) < 0) {
				errors.rejectValue(prefix + "backoffMax", "invalid", "must not be shorter than backoff-initial");
			}
			if (this.visibilityTimeout.compareTo(QueueSettings.MIN_VISIBILITY_TIMEOUT) < 0) {
				errors.rejectValue(prefix + "visibilityTimeout", "invalid",
						"must be at least 300ms: the heartbeat renews every third of it");
			}
			if (this.completedRetention.isNegative()) {
				errors.rejectValue(prefix + "completedRetention", "invalid", "must not be negative");
			}
			if (this.completedCount < 0) {
				errors.rejectValue(prefix + "completedCount", "invalid", "must not be negative");
			}
			if (this.deadRetention.isNegative() || this.deadRetention.isZero()) {
				errors.rejectValue(prefix + "deadRetention", "invalid", "must be positive");
			}
			if (this.deadCount < 1) {
				errors.rejectValue(prefix + "deadCount", "invalid", "must be at least 1");
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
			if (this.deadWarning < 1) {
				errors.rejectValue("health.deadWarning", "invalid", "must be at least 1");
			}
			if (this.deadDown != null && this.deadDown < 1) {
				errors.rejectValue("health.deadDown", "invalid", "must be at least 1");
			}
			if (this.waitingAgeWarning.isNegative() || this.waitingAgeWarning.isZero()) {
				errors.rejectValue("health.waitingAgeWarning", "invalid", "must be positive");
			}
			if (this.waitingAgeDown != null && (this.waitingAgeDown.isNegative() || this.waitingAgeDown.isZero())) {
				errors.rejectValue("health.waitingAgeDown", "invalid", "must be positive");
			}
		}

	}

}
