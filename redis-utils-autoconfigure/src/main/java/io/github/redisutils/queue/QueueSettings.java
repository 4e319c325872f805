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

import org.springframework.util.Assert;

/**
 * How one queue runs.
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
	 * Validate the settings.
	 * @param concurrency the concurrency
	 * @param maxAttempts the attempts
	 * @param backoff the backoff
	 * @param visibilityTimeout the visibility timeout
	 * @param completedRetention the completed retention
	 * @param completedCount the completed count
	 * @param deadRetention the dead retention
	 * @param deadCount the dead count
	 */
	public QueueSettings {
		Assert.isTrue(concurrency >= 0, "'concurrency' must not be negative");
		Assert.isTrue(maxAttempts >= 1, "'maxAttempts' must be at least 1");
		Assert.isTrue(visibilityTimeout.compareTo(MIN_VISIBILITY_TIMEOUT) >= 0,
				"'visibilityTimeout' must be at least 300ms");
		Assert.isTrue(completedCount >= 0 && deadCount >= 0, "retained counts must not be negative");
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
