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
package io.github.redisutils.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.github.redisutils.core.SettingProblems;
import org.jspecify.annotations.Nullable;

/**
 * How one job is enqueued. Immutable: each {@code with...} method returns a copy. Unset
 * values ({@code null}) take the queue's settings.
 *
 * @param priority the priority
 * @param delay how long after enqueueing the job becomes ready, or {@code null}
 * @param runAt when the job becomes ready (Redis server time), or {@code null}; wins over
 * {@code delay}
 * @param maxAttempts the number of attempts before the dead letters, or {@code null} for
 * the queue's
 * @param backoff the backoff between attempts, or {@code null} for the queue's
 * @param uniqueKey a key that deduplicates the job while it is pending (not completed,
 * dead or cancelled): enqueueing another job with the same key returns the pending job's
 * id, or {@code null}
 * @param timeout longest run of one attempt: the handler is interrupted and the attempt
 * fails, or {@code null} for none
 * @author redis-utils authors
 */
public record JobOptions(JobPriority priority, @Nullable Duration delay, @Nullable Instant runAt,
		@Nullable Integer maxAttempts, @Nullable Backoff backoff, @Nullable String uniqueKey,
		@Nullable Duration timeout) {

	private static final JobOptions DEFAULTS = new JobOptions(JobPriority.NORMAL, null, null, null, null, null, null);

	/**
	 * Create options, checking them.
	 * @param priority the priority
	 * @param delay the delay or {@code null}
	 * @param runAt the time to run at or {@code null}
	 * @param maxAttempts the attempts or {@code null}
	 * @param backoff the backoff or {@code null}
	 * @param uniqueKey the unique key or {@code null}
	 * @param timeout the timeout or {@code null}
	 * @throws IllegalArgumentException naming every problem of {@link #problems}
	 */
	public JobOptions {
		SettingProblems.throwIfAny("job options", problems(priority, delay, maxAttempts, uniqueKey, timeout));
	}

	/**
	 * Return the problems of job options, the rules used by the constructor. A
	 * {@code null} value (other than the priority) means "unset" and is accepted.
	 * @param priority the priority
	 * @param delay the delay or {@code null}
	 * @param maxAttempts the attempts or {@code null}
	 * @param uniqueKey the unique key or {@code null}
	 * @param timeout the timeout or {@code null}
	 * @return a problem per field name, empty when the values are acceptable
	 */
	public static Map<String, String> problems(@Nullable JobPriority priority, @Nullable Duration delay,
			@Nullable Integer maxAttempts, @Nullable String uniqueKey, @Nullable Duration timeout) {
		SettingProblems problems = new SettingProblems();
		if (priority == null) {
			problems.add("priority", "must not be null");
		}
		if (delay != null) {
			problems.notNegative("delay", delay);
		}
		if (maxAttempts != null) {
			problems.atLeast("maxAttempts", maxAttempts, 1);
		}
		if (uniqueKey != null && uniqueKey.isEmpty()) {
			problems.add("uniqueKey", "must not be empty");
		}
		if (timeout != null) {
			problems.positive("timeout", timeout);
		}
		return problems.toMap();
	}

	/**
	 * Return the default options: normal priority, ready at once, the queue's attempts
	 * and backoff, not unique, no timeout.
	 * @return the default options
	 */
	public static JobOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Return a copy with a priority.
	 * @param priority the priority
	 * @return the copy
	 */
	public JobOptions withPriority(JobPriority priority) {
		return new JobOptions(priority, this.delay, this.runAt, this.maxAttempts, this.backoff, this.uniqueKey,
				this.timeout);
	}

	/**
	 * Return a copy that becomes ready after a delay.
	 * @param delay the delay
	 * @return the copy
	 */
	public JobOptions withDelay(Duration delay) {
		return new JobOptions(this.priority, delay, this.runAt, this.maxAttempts, this.backoff, this.uniqueKey,
				this.timeout);
	}

	/**
	 * Return a copy that becomes ready at a time of the Redis server's clock.
	 * @param runAt the time
	 * @return the copy
	 */
	public JobOptions withRunAt(Instant runAt) {
		return new JobOptions(this.priority, this.delay, runAt, this.maxAttempts, this.backoff, this.uniqueKey,
				this.timeout);
	}

	/**
	 * Return a copy with a number of attempts.
	 * @param maxAttempts the attempts, at least 1
	 * @return the copy
	 */
	public JobOptions withMaxAttempts(int maxAttempts) {
		return new JobOptions(this.priority, this.delay, this.runAt, maxAttempts, this.backoff, this.uniqueKey,
				this.timeout);
	}

	/**
	 * Return a copy with a backoff.
	 * @param backoff the backoff
	 * @return the copy
	 */
	public JobOptions withBackoff(Backoff backoff) {
		return new JobOptions(this.priority, this.delay, this.runAt, this.maxAttempts, backoff, this.uniqueKey,
				this.timeout);
	}

	/**
	 * Return a copy deduplicated by a unique key while pending.
	 * @param uniqueKey the key
	 * @return the copy
	 */
	public JobOptions withUniqueKey(String uniqueKey) {
		return new JobOptions(this.priority, this.delay, this.runAt, this.maxAttempts, this.backoff, uniqueKey,
				this.timeout);
	}

	/**
	 * Return a copy whose attempts are interrupted after a timeout.
	 * @param timeout the timeout
	 * @return the copy
	 */
	public JobOptions withTimeout(Duration timeout) {
		return new JobOptions(this.priority, this.delay, this.runAt, this.maxAttempts, this.backoff, this.uniqueKey,
				timeout);
	}

}
