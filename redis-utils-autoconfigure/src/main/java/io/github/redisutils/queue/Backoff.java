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
import java.util.concurrent.ThreadLocalRandom;

import io.github.redisutils.core.SettingProblems;
import org.jspecify.annotations.Nullable;

/**
 * Exponential backoff between attempts, with jitter: the delay before retry {@code n}
 * (after failed attempt {@code n}) is {@code min(max, initial * 2^(n-1))}, of which a
 * random half is taken off, so failing jobs do not retry in lock-step.
 *
 * @param initial delay after the first failed attempt, before jitter
 * @param max longest delay, before jitter
 * @author redis-utils authors
 */
public record Backoff(Duration initial, Duration max) {

	/**
	 * Create a backoff, checking it.
	 * @param initial delay after the first failed attempt
	 * @param max longest delay
	 * @throws IllegalArgumentException naming every problem of {@link #problems}
	 */
	public Backoff {
		SettingProblems.throwIfAny("backoff", problems(initial, max));
	}

	/**
	 * Return the problems of a backoff, the rules used by the constructor and by start-up
	 * validation of the queue properties.
	 * @param initial delay after the first failed attempt
	 * @param max longest delay
	 * @return a problem per field name ({@code initial}, {@code max}), empty when the
	 * values are acceptable
	 */
	public static Map<String, String> problems(@Nullable Duration initial, @Nullable Duration max) {
		SettingProblems problems = new SettingProblems().notNegative("initial", initial);
		if (max == null) {
			problems.add("max", "must not be null");
		}
		else if (initial != null && !initial.isNegative() && max.compareTo(initial) < 0) {
			problems.add("max", "must not be shorter than the initial delay (" + initial + ") (was " + max + ")");
		}
		return problems.toMap();
	}

	/**
	 * Return the delay before the retry that follows a failed attempt.
	 * @param failedAttempt the number of the attempt that failed, from 1
	 * @return the delay, jitter included
	 */
	public Duration delayAfter(int failedAttempt) {
		long base = delayMillis(this.initial.toMillis(), this.max.toMillis(), failedAttempt);
		long half = base / 2;
		return Duration.ofMillis(base - ((half > 0) ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
	}

	static long delayMillis(long initialMillis, long maxMillis, int failedAttempt) {
		int doublings = Math.max(0, Math.min(failedAttempt - 1, 62));
		long base = initialMillis;
		for (int i = 0; i < doublings && base < maxMillis; i++) {
			base = (base > Long.MAX_VALUE / 2) ? Long.MAX_VALUE : base * 2;
		}
		return Math.min(base, maxMillis);
	}

}
