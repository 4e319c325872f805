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

import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GCRA and the token bucket side by side against a real Redis, standalone and Cluster:
 * each reference schedule (bursts, steady rates at, above and below the refill rate, idle
 * gaps, requests one microsecond before and on the moment a token comes back,
 * multi-permit requests, a random mix) is replayed on one key of each algorithm with the
 * same policy values, and every request must get the same decision and the same remaining
 * count, with retry-after and reset within {@value #ROUNDING_MICROS} µs (both round up to
 * whole microseconds, from floating-point values computed in different orders). Time
 * comes from the schedules through the scripts' test-only time argument, as in
 * {@link ReferenceModelTests}, so the comparison is exact and independent of the
 * machine's speed.
 *
 * @author redis-utils authors
 */
class GcraEquivalenceTests {

	/** Largest difference allowed between the two algorithms' retry-after and reset. */
	static final long ROUNDING_MICROS = 1;

	private static final long T0 = 1_700_000_000_000_000L;

	private static final long SECOND = 1_000_000L;

	/**
	 * Policy shapes {limit, refill, window in µs}: emission intervals (window / refill)
	 * of whole microseconds and of fractions of one, bursts from 1 to 100; and two of
	 * more than 1000 tokens per window, which GCRA counts in nanoseconds: one whose
	 * interval is a whole number of them (150 ms), one whose interval is not (333.3 ms).
	 * Intervals stay long enough that no key expires, in real time, while its schedule is
	 * replayed.
	 */
	private static final long[][] SHAPES = { { 10, 1, SECOND }, { 100, 10, SECOND }, { 5, 3, SECOND },
			{ 7, 2, SECOND / 4 }, { 3, 7, SECOND }, { 1, 1, 60 * SECOND }, { 20, 2000, 300 * SECOND },
			{ 20, 3000, 1000 * SECOND } };

	@ParameterizedTest
	@ValueSource(strings = { "standalone", "cluster" })
	void gcraDecidesEveryRequestOfEveryReferenceScheduleAsTheTokenBucketDoes(String topology) {
		String[] redis = topology.equals("cluster") ? RedisServers.cluster().springProperties()
				: RedisServers.standalone().springProperties();
		RateLimitContexts.runner(redis).run((context) -> {
			RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
			int compared = 0;
			int allowed = 0;
			long largestDifference = 0;
			for (long[] shape : SHAPES) {
				String name = "eq-" + shape[0] + "-" + shape[1] + "-" + shape[2];
				Duration window = Duration.ofNanos(shape[2] * 1000);
				RedisRateLimiter bucket = (RedisRateLimiter) registry
					.register(RateLimitPolicy.tokenBucket(name + "-tb", shape[0], shape[1], window));
				RedisRateLimiter gcra = (RedisRateLimiter) registry
					.register(RateLimitPolicy.gcra(name + "-gcra", shape[0], shape[1], window));
				for (Schedule schedule : schedules(shape[0], shape[1], shape[2])) {
					String key = RateLimitContexts.uniqueKey(schedule.name());
					for (int i = 0; i < schedule.times().size(); i++) {
						long now = schedule.times().get(i);
						long cost = schedule.costs().get(i);
						RateLimitResult expected = bucket.decide(key, cost, now);
						RateLimitResult actual = gcra.decide(key, cost, now);
						String request = String.format("%s, %s, request %d at +%d us, cost %d", name, schedule.name(),
								i, now - T0, cost);
						assertThat(actual.outcome()).as(request).isEqualTo(expected.outcome());
						assertThat(actual.remaining()).as(request).isEqualTo(expected.remaining());
						long retry = Math.abs(micros(actual.retryAfter()) - micros(expected.retryAfter()));
						long reset = Math.abs(micros(actual.resetAfter()) - micros(expected.resetAfter()));
						assertThat(retry).as("retry-after of " + request).isLessThanOrEqualTo(ROUNDING_MICROS);
						assertThat(reset).as("reset of " + request).isLessThanOrEqualTo(ROUNDING_MICROS);
						largestDifference = Math.max(largestDifference, Math.max(retry, reset));
						compared++;
						allowed += expected.allowed() ? 1 : 0;
					}
				}
			}
			System.out.printf(
					"GCRA vs token bucket on %s: %d decisions compared, %d allowed, identical; "
							+ "largest retry-after/reset difference %d us%n",
					topology, compared, allowed, largestDifference);
			// The schedules exercise both answers, many times each.
			assertThat(allowed).isBetween(compared / 5, compared - compared / 5);
		});
	}

	private static long micros(Duration duration) {
		return RateLimitPolicy.toMicros(duration);
	}

	/**
	 * The reference schedules of one policy shape, in absolute microseconds from
	 * {@link #T0}.
	 */
	static List<Schedule> schedules(long limit, long refill, long window) {
		// The emission interval, exact, as a fraction window / refill.
		long intervalUp = ceilDiv(window, refill);
		List<Schedule> schedules = new ArrayList<>();

		Schedule burst = new Schedule("burst");
		burst.repeat(T0, 2 * limit + 2, 1);
		schedules.add(burst);

		// Drained by a burst, then one request per emission interval (rounded up to a
		// microsecond), at twice that rate and at half of it.
		for (long[] rate : new long[][] { { 1, 1 }, { 1, 2 }, { 2, 1 } }) {
			Schedule steady = new Schedule("steady " + rate[0] + "/" + rate[1] + " of the refill rate");
			steady.repeat(T0, limit, 1);
			long step = Math.max(1, ceilDiv(window * rate[1], refill * rate[0]));
			for (int i = 1; i <= 3 * limit + 20; i++) {
				steady.add(T0 + i * step, 1);
			}
			schedules.add(steady);
		}

		// Bursts separated by idle gaps: a full refill exactly, half of one, much more.
		Schedule gaps = new Schedule("idle gaps");
		long now = T0;
		long full = ceilDiv(limit * window, refill);
		for (long gap : new long[] { full, full / 2, 1, 10 * full, full - 1, 3 * intervalUp }) {
			gaps.repeat(now, limit + 2, 1);
			now += gap;
		}
		gaps.repeat(now, limit + 2, 1);
		schedules.add(gaps);

		// One microsecond before and on the moment each token comes back.
		Schedule edges = new Schedule("token edges");
		edges.repeat(T0, limit, 1);
		for (long k = 1; k <= Math.min(limit, 8); k++) {
			long back = T0 + ceilDiv(k * window, refill);
			edges.add(back - 1, 1);
			edges.add(back, 1);
		}
		schedules.add(edges);

		// Multi-permit requests with pauses, and a random mix of both.
		Random random = new Random(limit * 31 + refill);
		Schedule permits = new Schedule("multi-permit");
		now = T0;
		for (int i = 0; i < 150; i++) {
			now += (random.nextInt(3) == 0) ? random.nextLong(2 * intervalUp + 1) : 0;
			permits.add(now, 1 + random.nextLong(limit));
		}
		schedules.add(permits);
		Schedule mix = new Schedule("random mix");
		now = T0;
		for (int i = 0; i < 300; i++) {
			now += (random.nextInt(4) == 0) ? random.nextLong(full + 1) : random.nextLong(intervalUp / 2 + 1);
			mix.add(now, 1 + random.nextLong(Math.min(3, limit)));
		}
		schedules.add(mix);
		return schedules;
	}

	private static long ceilDiv(long dividend, long divisor) {
		return -Math.floorDiv(-dividend, divisor);
	}

	/**
	 * Request times and costs, in order.
	 */
	record Schedule(String name, List<Long> times, List<Long> costs) {

		Schedule(String name) {
			this(name, new ArrayList<>(), new ArrayList<>());
		}

		void add(long time, long cost) {
			this.times.add(time);
			this.costs.add(cost);
		}

		void repeat(long time, long requests, long cost) {
			for (long i = 0; i < requests; i++) {
				add(time, cost);
			}
		}

	}

}
