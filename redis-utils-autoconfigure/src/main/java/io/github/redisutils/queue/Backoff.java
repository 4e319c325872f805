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
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.util.Assert;

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
	 * Validate the backoff.
	 * @param initial delay after the first failed attempt
	 * @param max longest delay
	 */
	public Backoff {
		Assert.isTrue(!initial.isNegative(), "'initial' must not be negative");
		Assert.isTrue(max.compareTo(initial) >= 0, "'max' must not be shorter than 'initial'");
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
