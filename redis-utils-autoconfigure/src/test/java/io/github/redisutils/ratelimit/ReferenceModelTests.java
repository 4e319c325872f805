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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays controlled schedules of requests against the scripts (bursts, steady rates,
 * requests on window edges) and compares each decision with the exact expected numbers
 * and with plain-Java reference models of the algorithms. The schedules pass their own
 * times to the scripts through the test-only time argument; the production path never
 * passes one and reads {@code TIME} instead (see {@link RealTimeDecisionTests}).
 *
 * @author redis-utils authors
 */
class ReferenceModelTests {

	/** A start time aligned on every window used here, in microseconds. */
	private static final long T0 = 1_700_000_000_000_000L;

	private static final long SECOND = 1_000_000L;

	private final ApplicationContextRunner contextRunner = RateLimitContexts.runner()
		.withPropertyValues("redis.rate-limit.policies.tb.limit=10", "redis.rate-limit.policies.tb.refill=1",
				"redis.rate-limit.policies.tb.window=1s", "redis.rate-limit.policies.sw.algorithm=sliding-window",
				"redis.rate-limit.policies.sw.limit=5", "redis.rate-limit.policies.sw.window=10s",
				"redis.rate-limit.policies.swa.algorithm=sliding-window-approximate",
				"redis.rate-limit.policies.swa.limit=10", "redis.rate-limit.policies.swa.window=10s");

	@Test
	void tokenBucketAllowsABurstOfItsCapacityThenItsRefillRate() {
		this.contextRunner.run((context) -> {
			RedisRateLimiter limiter = limiter(context.getBean(RateLimiterRegistry.class), "tb");
			String key = RateLimitContexts.uniqueKey("tb");
			List<RateLimitResult> burst = burst(limiter, key, T0, 15);
			assertThat(allowed(burst)).isEqualTo(10);
			assertThat(burst.get(9).remaining()).isZero();
			assertThat(burst.get(0).remaining()).isEqualTo(9);
			assertThat(burst.get(10).retryAfter()).isEqualTo(Duration.ofSeconds(1));
			assertThat(burst.get(10).resetAfter()).isEqualTo(Duration.ofSeconds(10));
			// 3.5 s later: 3.5 tokens, so three requests and half a token left.
			List<RateLimitResult> later = burst(limiter, key, T0 + 3_500_000, 4);
			assertThat(allowed(later)).isEqualTo(3);
			assertThat(later.get(3).retryAfter()).isEqualTo(Duration.ofMillis(500));
			// Exactly on time for the next token: allowed, not rejected by rounding.
			assertThat(limiter.decide(key, 1, T0 + 4 * SECOND).allowed()).isTrue();
			assertThat(limiter.decide(key, 1, T0 + 4 * SECOND).allowed()).isFalse();
			// A steady rate equal to the refill rate is always allowed.
			for (int i = 1; i <= 20; i++) {
				assertThat(limiter.decide(key, 1, T0 + (4 + i) * SECOND).allowed()).as("steady request %d", i).isTrue();
			}
		});
	}

	@Test
	void tokenBucketCostTakesSeveralTokensAndARejectedCostTakesNone() {
		this.contextRunner.run((context) -> {
			RedisRateLimiter limiter = limiter(context.getBean(RateLimiterRegistry.class), "tb");
			String key = RateLimitContexts.uniqueKey("tb-cost");
			assertThat(limiter.decide(key, 7, T0).remaining()).isEqualTo(3);
			RateLimitResult rejected = limiter.decide(key, 4, T0);
			assertThat(rejected.allowed()).isFalse();
			assertThat(rejected.remaining()).isEqualTo(3);
			assertThat(rejected.retryAfter()).isEqualTo(Duration.ofSeconds(1));
			assertThat(limiter.decide(key, 3, T0).allowed()).isTrue();
			assertThat(limiter.decide(key, 2, T0 + 2 * SECOND).allowed()).isTrue();
		});
	}

	@Test
	void tokenBucketMatchesTheReferenceModelOnARandomSchedule() {
		this.contextRunner.run((context) -> {
			RedisRateLimiter limiter = limiter(context.getBean(RateLimiterRegistry.class), "tb");
			String key = RateLimitContexts.uniqueKey("tb-random");
			TokenBucketModel model = new TokenBucketModel(10, 1, SECOND);
			Random random = new Random(42);
			long now = T0;
			int allowed = 0;
			for (int i = 0; i < 400; i++) {
				// Bursts (no time between requests) mixed with pauses up to 2.5 s.
				now += (random.nextInt(4) == 0) ? random.nextInt(2_500_000) : 0;
				long cost = 1 + random.nextInt(3);
				boolean expected = model.tryAcquire(now, cost);
				RateLimitResult result = limiter.decide(key, cost, now);
				assertThat(result.allowed()).as("request %d at +%d us, cost %d", i, now - T0, cost).isEqualTo(expected);
				assertThat(result.remaining()).as("remaining after request %d", i).isEqualTo(model.remaining());
				allowed += expected ? 1 : 0;
			}
			// The schedule exercises both answers.
			assertThat(allowed).isBetween(20, 380);
		});
	}

	@Test
	void slidingWindowCountsExactlyAtTheWindowEdge() {
		this.contextRunner.run((context) -> {
			RedisRateLimiter limiter = limiter(context.getBean(RateLimiterRegistry.class), "sw");
			String key = RateLimitContexts.uniqueKey("sw");
			List<RateLimitResult> burst = burst(limiter, key, T0, 6);
			assertThat(allowed(burst)).isEqualTo(5);
			assertThat(burst.get(5).retryAfter()).isEqualTo(Duration.ofSeconds(10));
			assertThat(burst.get(4).resetAfter()).isEqualTo(Duration.ofSeconds(10));
			// One microsecond before the first entries leave the window: still full.
			assertThat(limiter.decide(key, 1, T0 + 10 * SECOND - 1).allowed()).isFalse();
			assertThat(limiter.decide(key, 1, T0 + 10 * SECOND - 1).retryAfter()).isEqualTo(Duration.ofNanos(1000));
			// On the edge they leave, so five more fit.
			assertThat(allowed(burst(limiter, key, T0 + 10 * SECOND, 6))).isEqualTo(5);
		});
	}

	@Test
	void slidingWindowAllowsTheLimitPerWindowAtASteadyOverloadedRate() {
		this.contextRunner.run((context) -> {
			RedisRateLimiter limiter = limiter(context.getBean(RateLimiterRegistry.class), "sw");
			String key = RateLimitContexts.uniqueKey("sw-steady");
			int allowed = 0;
			for (int i = 0; i < 30; i++) {
				allowed += limiter.decide(key, 1, T0 + i * SECOND).allowed() ? 1 : 0;
			}
			// Allowed at 0-4 s, 10-14 s and 20-24 s.
			assertThat(allowed).isEqualTo(15);
		});
	}

	@Test
	void slidingWindowMatchesTheReferenceModelOnARandomSchedule() {
		this.contextRunner.run((context) -> {
			RedisRateLimiter limiter = limiter(context.getBean(RateLimiterRegistry.class), "sw");
			String key = RateLimitContexts.uniqueKey("sw-random");
			SlidingWindowModel model = new SlidingWindowModel(5, 10 * SECOND);
			Random random = new Random(7);
			long now = T0;
			for (int i = 0; i < 400; i++) {
				now += (random.nextInt(3) == 0) ? random.nextInt(4_000_000) : 0;
				boolean expected = model.tryAcquire(now);
				RateLimitResult result = limiter.decide(key, 1, now);
				assertThat(result.allowed()).as("request %d at +%d us", i, now - T0).isEqualTo(expected);
				assertThat(result.remaining()).isEqualTo(model.remaining(now));
			}
		});
	}

	@Test
	void approximateWindowWeighsThePreviousWindowByItsShareStillInside() {
		this.contextRunner.run((context) -> {
			RedisRateLimiter limiter = limiter(context.getBean(RateLimiterRegistry.class), "swa");
			String key = RateLimitContexts.uniqueKey("swa");
			assertThat(allowed(burst(limiter, key, T0, 15))).isEqualTo(10);
			// Half-way through the next window, half of the previous ten still count.
			List<RateLimitResult> half = burst(limiter, key, T0 + 15 * SECOND, 6);
			assertThat(allowed(half)).isEqualTo(5);
			// Next try: when the previous share has shrunk to 4 requests, i.e. at 16 s.
			assertThat(half.get(5).retryAfter()).isEqualTo(Duration.ofSeconds(1));
			assertThat(limiter.decide(key, 1, T0 + 16 * SECOND).allowed()).isTrue();
			// Two windows later nothing is left.
			assertThat(allowed(burst(limiter, key, T0 + 40 * SECOND, 11))).isEqualTo(10);
		});
	}

	@Test
	void approximateWindowStaysWithinItsDocumentedTolerance() {
		this.contextRunner.run((context) -> {
			RedisRateLimiter limiter = limiter(context.getBean(RateLimiterRegistry.class), "swa");
			Random random = new Random(3);
			for (int rate : new int[] { 2, 3, 5 }) {
				String key = RateLimitContexts.uniqueKey("swa-tolerance");
				SlidingWindowModel exact = new SlidingWindowModel(10, 10 * SECOND);
				List<Long> allowedTimes = new ArrayList<>();
				int exactAllowed = 0;
				long now = T0 + random.nextInt(10_000_000);
				for (int i = 0; i < 100 * rate; i++) {
					// A steady rate of 'rate' requests per second, above the limit of
					// 1/s.
					now += SECOND / rate;
					exactAllowed += exact.tryAcquire(now) ? 1 : 0;
					if (limiter.decide(key, 1, now).allowed()) {
						allowedTimes.add(now);
					}
				}
				// Documented tolerance: within 10% of the exact window at a steady
				// rate...
				assertThat(allowedTimes.size()).as("rate %d/s", rate)
					.isBetween((int) (exactAllowed * 0.9), (int) Math.ceil(exactAllowed * 1.1));
				// ...never more than the limit in an aligned window, never more than
				// twice
				// it in any window.
				for (long time : allowedTimes) {
					long start = time - (time % (10 * SECOND));
					assertThat(allowedTimes.stream().filter((t) -> t >= start && t < start + 10 * SECOND).count())
						.isLessThanOrEqualTo(10);
					assertThat(allowedTimes.stream().filter((t) -> t > time - 10 * SECOND && t <= time).count())
						.isLessThanOrEqualTo(20);
				}
			}
		});
	}

	static RedisRateLimiter limiter(RateLimiterRegistry registry, String name) {
		return (RedisRateLimiter) registry.limiter(name);
	}

	static List<RateLimitResult> burst(RedisRateLimiter limiter, String key, long now, int requests) {
		List<RateLimitResult> results = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			results.add(limiter.decide(key, 1, now));
		}
		return results;
	}

	static long allowed(List<RateLimitResult> results) {
		return results.stream().filter(RateLimitResult::allowed).count();
	}

	/**
	 * Token bucket by its definition, in exact integer arithmetic: tokens are counted in
	 * units of 1/period.
	 */
	static final class TokenBucketModel {

		private final long capacityUnits;

		private final long refillPerMicro;

		private final long period;

		private long units;

		private long last = Long.MIN_VALUE;

		TokenBucketModel(long capacity, long refill, long period) {
			this.capacityUnits = capacity * period;
			this.refillPerMicro = refill;
			this.period = period;
			this.units = this.capacityUnits;
		}

		boolean tryAcquire(long now, long cost) {
			if (this.last != Long.MIN_VALUE) {
				this.units = Math.min(this.capacityUnits, this.units + (now - this.last) * this.refillPerMicro);
			}
			this.last = now;
			if (this.units < cost * this.period) {
				return false;
			}
			this.units -= cost * this.period;
			return true;
		}

		long remaining() {
			return this.units / this.period;
		}

	}

	/**
	 * Sliding window by its definition: a request at t counts while now - t < window.
	 */
	static final class SlidingWindowModel {

		private final int limit;

		private final long window;

		private final List<Long> log = new ArrayList<>();

		SlidingWindowModel(int limit, long window) {
			this.limit = limit;
			this.window = window;
		}

		boolean tryAcquire(long now) {
			this.log.removeIf((t) -> now - t >= this.window);
			if (this.log.size() >= this.limit) {
				return false;
			}
			this.log.add(now);
			return true;
		}

		long remaining(long now) {
			return this.limit - this.log.stream().filter((t) -> now - t < this.window).count();
		}

	}

}
