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
package io.github.redisutils.ratelimit;

import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A named rate limit: an algorithm and its limits. Immutable; create one with a static
 * factory and adjust it with the {@code with...} methods.
 *
 * @param name the policy's name: letters, digits, {@code .}, {@code _} and {@code -}, at
 * most 64 characters; it appears in keys, in HTTP headers and as a meter tag
 * @param algorithm how requests are counted
 * @param limit bucket capacity (token bucket, GCRA) or requests per window
 * @param window period in which {@code refill} tokens are added (token bucket, GCRA), or
 * the window length
 * @param refill tokens added per {@code window} (token bucket, GCRA); equal to
 * {@code limit} for the window algorithms
 * @param cost tokens or requests one request takes by default, at most {@code limit}
 * @param failureMode what to answer when Redis is unavailable
 * @author redis-utils authors
 */
public record RateLimitPolicy(String name, RateLimitAlgorithm algorithm, long limit, Duration window, long refill,
		long cost, RateLimitFailureMode failureMode) {

	/**
	 * Largest limit of an exact sliding window: its log holds one entry per request.
	 */
	public static final long MAX_SLIDING_WINDOW_LIMIT = 100_000;

	/**
	 * Longest window accepted.
	 */
	public static final Duration MAX_WINDOW = Duration.ofDays(366);

	/**
	 * Longest time an empty GCRA bucket may take to refill completely
	 * ({@code limit × window / refill}). GCRA keeps a key's debt, at most that time, as a
	 * whole number of units of at most a nanosecond, and 104 days of nanoseconds stay
	 * below 2<sup>53</sup>, the integers a Lua number (a double) holds exactly.
	 */
	public static final Duration MAX_GCRA_REFILL_TIME = Duration.ofDays(104);

	private static final BigInteger NANOS_PER_MICRO = BigInteger.valueOf(1000);

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	/**
	 * Create a policy, checking every value.
	 * @param name the policy's name
	 * @param algorithm how requests are counted
	 * @param limit bucket capacity or requests per window
	 * @param window refill period or window length
	 * @param refill tokens added per window (token bucket, GCRA), else equal to
	 * {@code limit}
	 * @param cost tokens or requests one request takes by default
	 * @param failureMode what to answer when Redis is unavailable
	 * @throws IllegalArgumentException naming the policy and every value that is wrong
	 */
	public RateLimitPolicy {
		Map<String, String> problems = problems(name, algorithm, limit, window, refill, cost);
		if (!problems.isEmpty()) {
			StringBuilder message = new StringBuilder("Invalid rate-limit policy '").append(name).append("':");
			problems
				.forEach((field, problem) -> message.append(' ').append(field).append(' ').append(problem).append(';'));
			throw new IllegalArgumentException(message.substring(0, message.length() - 1));
		}
		if (failureMode == null) {
			throw new IllegalArgumentException(
					"Invalid rate-limit policy '" + name + "': failureMode must not be null");
		}
	}

	/**
	 * Create a token bucket that starts full, holds {@code capacity} tokens and gains
	 * {@code refill} tokens per {@code period}, continuously. Requests cost one token and
	 * Redis outages fail open; change that with {@link #withCost} and
	 * {@link #withFailureMode}.
	 * @param name the policy's name
	 * @param capacity tokens the bucket holds: the largest burst
	 * @param refill tokens added per period: the sustained rate
	 * @param period the refill period
	 * @return the policy
	 */
	public static RateLimitPolicy tokenBucket(String name, long capacity, long refill, Duration period) {
		return new RateLimitPolicy(name, RateLimitAlgorithm.TOKEN_BUCKET, capacity, period, refill, 1,
				RateLimitFailureMode.OPEN);
	}

	/**
	 * Create a GCRA limiter: the same limit as
	 * {@link #tokenBucket(String, long, long, Duration)} with the same arguments (bursts
	 * of {@code capacity}, then {@code refill} per {@code period}), kept as one
	 * theoretical arrival time per key instead of a hash. Its emission interval is
	 * {@code period / refill} and a request of cost {@code n} is allowed while the
	 * arrival time stays within {@code capacity} intervals of now. Requests cost one
	 * token and Redis outages fail open; change that with {@link #withCost} and
	 * {@link #withFailureMode}. An empty bucket must refill within
	 * {@link #MAX_GCRA_REFILL_TIME} ({@code capacity × period / refill}).
	 * @param name the policy's name
	 * @param capacity the largest burst, in tokens
	 * @param refill tokens regained per period: the sustained rate
	 * @param period the refill period
	 * @return the policy
	 */
	public static RateLimitPolicy gcra(String name, long capacity, long refill, Duration period) {
		return new RateLimitPolicy(name, RateLimitAlgorithm.GCRA, capacity, period, refill, 1,
				RateLimitFailureMode.OPEN);
	}

	/**
	 * Create an exact sliding window: at most {@code limit} requests in any period of
	 * length {@code window}.
	 * @param name the policy's name
	 * @param limit requests per window, at most {@value #MAX_SLIDING_WINDOW_LIMIT}
	 * @param window the window length
	 * @return the policy
	 */
	public static RateLimitPolicy slidingWindow(String name, long limit, Duration window) {
		return new RateLimitPolicy(name, RateLimitAlgorithm.SLIDING_WINDOW, limit, window, limit, 1,
				RateLimitFailureMode.OPEN);
	}

	/**
	 * Create an approximate sliding window (two weighted fixed-window counters).
	 * @param name the policy's name
	 * @param limit requests per window
	 * @param window the window length
	 * @return the policy
	 */
	public static RateLimitPolicy approximateSlidingWindow(String name, long limit, Duration window) {
		return new RateLimitPolicy(name, RateLimitAlgorithm.SLIDING_WINDOW_APPROXIMATE, limit, window, limit, 1,
				RateLimitFailureMode.OPEN);
	}

	/**
	 * Create a fixed window: {@code limit} requests, then a reset {@code window} after
	 * the first of them.
	 * @param name the policy's name
	 * @param limit requests per window
	 * @param window the window length
	 * @return the policy
	 */
	public static RateLimitPolicy fixedWindow(String name, long limit, Duration window) {
		return new RateLimitPolicy(name, RateLimitAlgorithm.FIXED_WINDOW, limit, window, limit, 1,
				RateLimitFailureMode.OPEN);
	}

	/**
	 * Return a copy whose requests take {@code cost} tokens or requests by default.
	 * @param cost the default cost, from 1 to the limit
	 * @return the new policy
	 */
	public RateLimitPolicy withCost(long cost) {
		return new RateLimitPolicy(this.name, this.algorithm, this.limit, this.window, this.refill, cost,
				this.failureMode);
	}

	/**
	 * Return a copy that answers Redis outages as {@code failureMode} says.
	 * @param failureMode what to answer when Redis is unavailable
	 * @return the new policy
	 */
	public RateLimitPolicy withFailureMode(RateLimitFailureMode failureMode) {
		return new RateLimitPolicy(this.name, this.algorithm, this.limit, this.window, this.refill, this.cost,
				failureMode);
	}

	/**
	 * Return the period over which the full limit is granted: the time an empty bucket
	 * takes to refill completely, or the window. This is the {@code w} of the
	 * {@code RateLimit-Policy} header.
	 * @return the quota period
	 */
	public Duration quotaPeriod() {
		if (!this.algorithm.refills()) {
			return this.window;
		}
		long micros = Math.multiplyExact(this.limit, toMicros(this.window)) / this.refill;
		return Duration.ofNanos(Math.multiplyExact(micros, 1000));
	}

	/**
	 * Describe what is wrong with a combination of policy values, for configuration
	 * validation.
	 * @param name the policy's name
	 * @param algorithm the algorithm
	 * @param limit the limit
	 * @param window the window or refill period
	 * @param refill tokens per window (token bucket, GCRA), else equal to {@code limit}
	 * @param cost the default cost
	 * @return a problem per field name ({@code name}, {@code algorithm}, {@code limit},
	 * {@code window}, {@code refill}, {@code cost}), empty when the values are acceptable
	 */
	public static Map<String, String> problems(@Nullable String name, @Nullable RateLimitAlgorithm algorithm,
			long limit, @Nullable Duration window, long refill, long cost) {
		Map<String, String> problems = new LinkedHashMap<>();
		if (name == null || !NAME.matcher(name).matches()) {
			problems.put("name", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
		}
		if (algorithm == null) {
			problems.put("algorithm", "must be set");
		}
		if (limit < 1) {
			problems.put("limit", "must be at least 1 (was " + limit + ")");
		}
		else if (algorithm == RateLimitAlgorithm.SLIDING_WINDOW && limit > MAX_SLIDING_WINDOW_LIMIT) {
			problems.put("limit",
					"must be at most " + MAX_SLIDING_WINDOW_LIMIT
							+ " for an exact sliding window, which logs every request (was " + limit
							+ "); use sliding-window-approximate");
		}
		if (window == null || window.compareTo(Duration.ofMillis(1)) < 0 || window.compareTo(MAX_WINDOW) > 0) {
			problems.put("window", "must be from 1ms to 366 days (was " + window + ")");
		}
		if (algorithm != null && algorithm.refills()) {
			if (refill < 1) {
				problems.put("refill", "must be at least 1 token per window (was " + refill + ")");
			}
		}
		else if (refill != limit) {
			problems.put("refill", "applies to the token-bucket and GCRA algorithms only, not to " + algorithm);
		}
		if (algorithm == RateLimitAlgorithm.GCRA && !problems.containsKey("limit") && !problems.containsKey("window")
				&& !problems.containsKey("refill") && window != null && exceedsGcraRefillTime(limit, window, refill)) {
			problems.put("window", "must make the time an empty bucket takes to refill, limit × window / refill ("
					+ limit + " × " + window + " / " + refill + "), at most " + MAX_GCRA_REFILL_TIME.toDays()
					+ " days for gcra, which keeps that time in nanoseconds, exact below 2^53: shorten the window,"
					+ " raise the refill or lower the limit, or use token-bucket");
		}
		if (cost < 1 || (limit >= 1 && cost > limit)) {
			problems.put("cost", "must be from 1 to the limit (was " + cost + ", limit " + limit
					+ "): a request costing more than the limit would never be allowed");
		}
		return problems;
	}

	private static boolean exceedsGcraRefillTime(long limit, Duration window, long refill) {
		// limit × window / refill > MAX, in nanoseconds, without rounding: the window as
		// the scripts see it, in whole microseconds.
		BigInteger refillNanos = BigInteger.valueOf(limit)
			.multiply(BigInteger.valueOf(toMicros(window)))
			.multiply(NANOS_PER_MICRO);
		return refillNanos
			.compareTo(BigInteger.valueOf(MAX_GCRA_REFILL_TIME.toNanos()).multiply(BigInteger.valueOf(refill))) > 0;
	}

	static long toMicros(Duration duration) {
		return Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1000);
	}

}
