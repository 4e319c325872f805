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

package io.github.redisutils.core;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How an idempotent read is retried when it finds Redis unavailable: up to
 * {@code maxAttempts} attempts in all, waiting {@code initialInterval} before the first
 * retry and {@code multiplier} times longer before each next one, {@code maxInterval} at
 * most. A command that timed out is not retried (a retry would wait the command timeout
 * again), nor is any call that changes state: only reads whose repetition cannot change
 * an answer (a cache get, a blacklist check, a session read) are retried.
 *
 * @param maxAttempts attempts in all, 1 for none
 * @param initialInterval wait before the first retry
 * @param multiplier growth of the wait from one retry to the next
 * @param maxInterval longest wait between two attempts
 * @author redis-utils authors
 */
public record RedisRetry(int maxAttempts, Duration initialInterval, double multiplier, Duration maxInterval) {

	/**
	 * No retries: one attempt.
	 */
	public static final RedisRetry NONE = new RedisRetry(1, Duration.ZERO, 1, Duration.ZERO);

	/**
	 * Most attempts a policy may make: retries multiply the time a caller can wait.
	 */
	public static final int MAX_ATTEMPTS = 10;

	/**
	 * Create a retry policy.
	 * @param maxAttempts attempts in all, 1 for none
	 * @param initialInterval wait before the first retry
	 * @param multiplier growth of the wait from one retry to the next
	 * @param maxInterval longest wait between two attempts
	 * @throws IllegalArgumentException if a value is out of range
	 */
	public RedisRetry {
		SettingProblems.throwIfAny("retry policy", problems(maxAttempts, initialInterval, multiplier, maxInterval));
	}

	/**
	 * Return what is wrong with a retry policy's values, the rules used by the
	 * constructor and by start-up validation of {@code redis.retry.*}.
	 * @param maxAttempts attempts in all
	 * @param initialInterval wait before the first retry
	 * @param multiplier growth of the wait
	 * @param maxInterval longest wait
	 * @return a problem per field name ({@code maxAttempts}, {@code initialInterval},
	 * {@code multiplier}, {@code maxInterval}), empty when the values are acceptable
	 */
	public static Map<String, String> problems(int maxAttempts, @Nullable Duration initialInterval, double multiplier,
			@Nullable Duration maxInterval) {
		SettingProblems problems = new SettingProblems().notNegative("initialInterval", initialInterval)
			.notNegative("maxInterval", maxInterval);
		if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
			problems.add("maxAttempts", "must be from 1 to " + MAX_ATTEMPTS + " (was " + maxAttempts + ")");
		}
		if (!(multiplier >= 1) || multiplier > 10) {
			problems.add("multiplier", "must be from 1 to 10 (was " + multiplier + ")");
		}
		if (initialInterval != null && maxInterval != null && maxInterval.compareTo(initialInterval) < 0) {
			problems.add("maxInterval",
					"must be at least the initial interval, " + initialInterval + " (was " + maxInterval + ")");
		}
		return problems.toMap();
	}

	/**
	 * Return the wait before a retry.
	 * @param retry the retry's number, from 1
	 * @return the wait
	 */
	public Duration intervalBefore(int retry) {
		double millis = this.initialInterval.toMillis() * Math.pow(this.multiplier, retry - 1);
		return Duration.ofMillis((long) Math.min(millis, this.maxInterval.toMillis()));
	}

}
