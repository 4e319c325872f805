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

/**
 * How a {@link RateLimitPolicy} counts requests. Each algorithm decides in one atomic
 * script, timed by the Redis server's clock.
 *
 * @author redis-utils authors
 */
public enum RateLimitAlgorithm {

	/**
	 * Bucket of {@code limit} tokens, refilled continuously with {@code refill} tokens
	 * per {@code window}; a request takes {@code cost} tokens. Allows bursts up to the
	 * capacity, then the refill rate. State: one small hash per key, expiring when the
	 * bucket would be full again.
	 */
	TOKEN_BUCKET,

	/**
	 * The token bucket's decisions from one stored time: the generic cell rate algorithm
	 * keeps, per key, the theoretical arrival time at which the bucket would be full
	 * again, and admits a request of cost {@code n} when that time, pushed on by
	 * {@code n} emission intervals ({@code window / refill} each), stays within
	 * {@code limit} intervals of now. Same {@code limit}, {@code refill}, {@code window}
	 * and {@code cost}, same answers (remaining, retry-after, reset) as
	 * {@link #TOKEN_BUCKET}. State: one integer string per key (16 bytes of value; 88
	 * bytes in all with a 37-character key, where the token bucket's hash takes 136 to
	 * 152), written when a request is allowed and expiring when the bucket would be full
	 * again.
	 * <p>
	 * Limits and precision: an empty bucket must refill within
	 * {@link RateLimitPolicy#MAX_GCRA_REFILL_TIME} ({@code limit × window / refill} at
	 * most 104 days), so that the debt stays an integer below 2<sup>53</sup> in the
	 * script. The stored time is rounded to the nanosecond. With {@code refill} at most
	 * 1000 per window, or an emission interval that is a whole number of nanoseconds, the
	 * arithmetic is exact: the decisions are those of exact arithmetic, to the token
	 * bucket's tolerance of 10<sup>-9</sup> token. Otherwise each allowed request rounds
	 * the time to the nearest nanosecond (at most 0.5 ns, plus a floating-point error
	 * below 3 × 2<sup>-53</sup> of the refill time: under 3 ns at the bound, negligible
	 * for refill times of days or less), and these errors add up while the key stays
	 * behind (its arrival time in the future), starting again from zero once its bucket
	 * is full: a sustained rate off by about 0.5 ns per emission interval at most (1.5 ×
	 * 10<sup>-6</sup> of it at 3,000 tokens per second).
	 * <p>
	 * Two behaviours differ from the token bucket, which keeps a count and the time of
	 * its last write. A redeploy that changes the limits keeps what a key has taken
	 * rather than what it has left. A server clock that goes back by {@code d} (a
	 * failover to a replica whose clock is behind) adds {@code d} to the key's debt at
	 * once: it has {@code d / T} fewer tokens ({@code T = window / refill}), which the
	 * refill pays back as the clock advances, where the token bucket keeps its tokens and
	 * refills none until the clock is back at its last write. If {@code d} is at most the
	 * tokens the key had ({@code d ≤ tokens × T}), both have granted and still hold the
	 * same number of tokens at that moment, the token bucket having allowed them sooner.
	 * Beyond that the debt exceeds the capacity's worth and is cut to it, an empty bucket
	 * refilling from then on (written even though that request is refused, as after a
	 * redeploy lowering the capacity), so GCRA then grants more than the token bucket by
	 * the time the clock is back, never faster than the refill rate. Matching the token
	 * bucket exactly is not possible from one stored time: the same arrival time results
	 * from writes at different times.
	 */
	GCRA,

	/**
	 * At most {@code limit} requests in any period of length {@code window}, counted
	 * exactly from a log of request times (a sorted set). Memory grows with the limit:
	 * about 60 bytes per logged request.
	 */
	SLIDING_WINDOW,

	/**
	 * Sliding window estimated from two fixed-window counters: the previous window's
	 * count weighted by the share of it still inside the sliding window, plus the current
	 * one. Constant memory; exact when requests are spread evenly, never more than
	 * {@code limit} in one aligned window and never more than twice {@code limit} in any
	 * period of length {@code window}.
	 */
	SLIDING_WINDOW_APPROXIMATE,

	/**
	 * Counter that allows {@code limit} requests, then resets {@code window} after the
	 * first of them. Cheapest; allows up to twice the limit across a window boundary.
	 */
	FIXED_WINDOW;

	/**
	 * Return whether the algorithm refills continuously, {@code refill} tokens per
	 * {@code window} (token bucket and GCRA); the window algorithms take no refill rate.
	 * @return whether a policy of this algorithm takes a {@code refill}
	 */
	public boolean refills() {
		return this == TOKEN_BUCKET || this == GCRA;
	}

}
