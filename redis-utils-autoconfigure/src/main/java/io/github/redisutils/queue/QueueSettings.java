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
import java.util.Map;

import io.github.redisutils.core.SettingProblems;
import org.jspecify.annotations.Nullable;

/**
 * How one queue runs. Immutable: each {@code with...} method returns a copy.
 *
 * @param concurrency jobs processed at once by this instance's workers; 0 for no workers
 * @param maxAttempts attempts of jobs enqueued without their own
 * @param backoff backoff of jobs enqueued without their own
 * @param visibilityTimeout how long a taken job stays invisible to other workers without
 * a heartbeat; a lost worker's jobs run again this long after its last heartbeat
 * @param completedRetention how long completed jobs are kept
 * @param completedCount how many completed jobs are kept at most
 * @param deadRetention how long dead jobs are kept
 * @param deadCount how many dead jobs are kept at most
 * @author redis-utils authors
 */
public record QueueSettings(int concurrency, int maxAttempts, Backoff backoff, Duration visibilityTimeout,
		Duration completedRetention, int completedCount, Duration deadRetention, int deadCount) {

	/**
	 * Shortest visibility timeout: the heartbeat extends it every third of it.
	 */
	public static final Duration MIN_VISIBILITY_TIMEOUT = Duration.ofMillis(300);

	/**
	 * Create settings, checking them.
	 * @param concurrency the concurrency
	 * @param maxAttempts the attempts
	 * @param backoff the backoff
	 * @param visibilityTimeout the visibility timeout
	 * @param completedRetention the completed retention
	 * @param completedCount the completed count
	 * @param deadRetention the dead retention
	 * @param deadCount the dead count
	 * @throws IllegalArgumentException naming every problem of {@link #problems}
	 */
	public QueueSettings {
		SettingProblems.throwIfAny("queue settings",
				problems(concurrency, maxAttempts, (backoff != null) ? backoff.initial() : null,
						(backoff != null) ? backoff.max() : null, visibilityTimeout, completedRetention, completedCount,
						deadRetention, deadCount));
	}

	/**
	 * Return the problems of queue settings, the rules used by the constructor and by
	 * start-up validation of {@code redis.queue.*} and
	 * {@code redis.queue.queues.<name>.*}. The backoff's rules are
	 * {@link Backoff#problems}'s, reported as {@code backoffInitial} and
	 * {@code backoffMax}.
	 * @param concurrency jobs processed at once; 0 for no workers
	 * @param maxAttempts attempts of jobs enqueued without their own
	 * @param backoffInitial the backoff's initial delay
	 * @param backoffMax the backoff's longest delay
	 * @param visibilityTimeout how long a taken job stays invisible without a heartbeat
	 * @param completedRetention how long completed jobs are kept
	 * @param completedCount how many completed jobs are kept at most
	 * @param deadRetention how long dead jobs are kept
	 * @param deadCount how many dead jobs are kept at most
	 * @return a problem per field name, empty when the values are acceptable
	 */
	public static Map<String, String> problems(int concurrency, int maxAttempts, @Nullable Duration backoffInitial,
			@Nullable Duration backoffMax, @Nullable Duration visibilityTimeout, @Nullable Duration completedRetention,
			int completedCount, @Nullable Duration deadRetention, int deadCount) {
		SettingProblems problems = new SettingProblems();
		notNegative(problems, "concurrency", concurrency, " (0 means no workers)");
		problems.atLeast("maxAttempts", maxAttempts, 1);
		Map<String, String> backoff = Backoff.problems(backoffInitial, backoffMax);
		if (backoff.containsKey("initial")) {
			problems.add("backoffInitial", backoff.get("initial"));
		}
		if (backoff.containsKey("max")) {
			problems.add("backoffMax", backoff.get("max"));
		}
		problems.atLeast("visibilityTimeout", visibilityTimeout, MIN_VISIBILITY_TIMEOUT,
				"the heartbeat renews every third of it");
		problems.notNegative("completedRetention", completedRetention);
		notNegative(problems, "completedCount", completedCount, "");
		problems.positive("deadRetention", deadRetention);
		problems.atLeast("deadCount", deadCount, 1);
		return problems.toMap();
	}

	private static void notNegative(SettingProblems problems, String field, int value, String meaningOfZero) {
		if (value < 0) {
			problems.add(field, "must not be negative" + meaningOfZero + " (was " + value + ")");
		}
	}

	/**
	 * Return the default settings: concurrency 4, 3 attempts, backoff from 1s to 5m,
	 * visibility 30s, completed jobs kept 1h (at most 1000), dead jobs 7d (at most
	 * 10000).
	 * @return the defaults
	 */
	public static QueueSettings defaults() {
		return new QueueSettings(4, 3, new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5)),
				Duration.ofSeconds(30), Duration.ofHours(1), 1000, Duration.ofDays(7), 10000);
	}

	/**
	 * Return a copy with another concurrency.
	 * @param concurrency jobs processed at once by this instance's workers; 0 for none
	 * @return the copy
	 */
	public QueueSettings withConcurrency(int concurrency) {
		return new QueueSettings(concurrency, this.maxAttempts, this.backoff, this.visibilityTimeout,
				this.completedRetention, this.completedCount, this.deadRetention, this.deadCount);
	}

	/**
	 * Return a copy with another number of attempts for jobs enqueued without their own.
	 * @param maxAttempts the attempts, at least 1
	 * @return the copy
	 */
	public QueueSettings withMaxAttempts(int maxAttempts) {
		return new QueueSettings(this.concurrency, maxAttempts, this.backoff, this.visibilityTimeout,
				this.completedRetention, this.completedCount, this.deadRetention, this.deadCount);
	}

	/**
	 * Return a copy with another backoff for jobs enqueued without their own.
	 * @param backoff the backoff
	 * @return the copy
	 */
	public QueueSettings withBackoff(Backoff backoff) {
		return new QueueSettings(this.concurrency, this.maxAttempts, backoff, this.visibilityTimeout,
				this.completedRetention, this.completedCount, this.deadRetention, this.deadCount);
	}

	/**
	 * Return a copy with another visibility timeout.
	 * @param visibilityTimeout the visibility timeout, at least
	 * {@link #MIN_VISIBILITY_TIMEOUT}
	 * @return the copy
	 */
	public QueueSettings withVisibilityTimeout(Duration visibilityTimeout) {
		return new QueueSettings(this.concurrency, this.maxAttempts, this.backoff, visibilityTimeout,
				this.completedRetention, this.completedCount, this.deadRetention, this.deadCount);
	}

	/**
	 * Finds the settings of a queue by name.
	 */
	@FunctionalInterface
	public interface Resolver {

		/**
		 * Return the settings of a queue.
		 * @param queue the queue name
		 * @return the settings, defaults for a queue not configured
		 */
		QueueSettings settings(String queue);

	}

}
