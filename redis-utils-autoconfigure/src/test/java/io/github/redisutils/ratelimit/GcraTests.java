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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GCRA's state through the production path, timed by the server: one integer string per
 * key holding the theoretical arrival time in nanoseconds of server time, written with
 * {@code SET ... PX} when a request is allowed and never on a refusal; and the commands
 * each decision's script runs, watched with {@code MONITOR}, for GCRA and for the fixed
 * window, which reads its block key with its counter.
 *
 * @author redis-utils authors
 */
class GcraTests {

	private static final RedisScript<String> ENCODING = RedisScript
		.of("return redis.call('OBJECT', 'ENCODING', KEYS[1])", String.class);

	private static final long T0 = 1_700_000_000_000_000L;

	private static final long SECOND = 1_000_000L;

	private static final Pattern SCRIPT_COMMAND = Pattern.compile("\\[0 lua\\] \"([A-Za-z]+)\"");

	@Test
	void theStateIsTheTheoreticalArrivalTimeInServerTimeWrittenOnlyWhenARequestIsAllowed() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			RateLimitContexts.runner(redis).run((context) -> {
				RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				// Bursts of 2, then one request per hour: the emission interval is 1 h.
				RedisRateLimiter limiter = (RedisRateLimiter) registry
					.register(RateLimitPolicy.gcra("hourly", 2, 1, Duration.ofHours(1)));
				registry.limiter("hourly").tryAcquire("warm-up");
				String key = "203.0.113.7";
				String stateKey = limiter.stateKey(key);
				List<List<String>> scripts;
				long before = serverMicros(template);
				try (CommandMonitor monitor = new CommandMonitor(redis, true)) {
					assertThat(limiter.tryAcquire(key).remaining()).isEqualTo(1);
					assertThat(limiter.tryAcquire(key).remaining()).isZero();
					String tat = template.opsForValue().get(stateKey);
					RateLimitResult refused = limiter.tryAcquire(key);
					assertThat(refused.outcome()).isEqualTo(RateLimitOutcome.REJECTED);
					assertThat(refused.retryAfter()).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
					assertThat(refused.resetAfter()).isBetween(Duration.ofMinutes(119), Duration.ofHours(2));
					assertThat(template.opsForValue().get(stateKey)).as("unchanged by the refusal").isEqualTo(tat);
					Thread.sleep(300);
					scripts = scripts(monitor.commands());
					// Two intervals after the first request: the TAT, in nanoseconds of
					// the server clock.
					long tatMicros = Long.parseLong(tat) / 1000;
					long after = serverMicros(template);
					assertThat(tatMicros).isBetween(before + 2 * 3_600_000_000L, after + 2 * 3_600_000_000L);
				}
				assertThat(template.type(stateKey).code()).isEqualTo("string");
				assertThat(template.execute(ENCODING, List.of(stateKey))).isEqualTo("int");
				assertThat(template.getExpire(stateKey, TimeUnit.MILLISECONDS)).isBetween(7_100_000L, 7_200_000L);
				// Allowed: read state and block key at once, the time, one SET with its
				// expiry. Refused: nothing written.
				assertThat(scripts).containsExactly(List.of("MGET", "TIME", "SET"), List.of("MGET", "TIME", "SET"),
						List.of("MGET", "TIME"));
			});
		}
	}

	@Test
	void aBlockCostsGcraAndTheFixedWindowOneMoreCommandOnlyWhileItExists() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			RateLimitContexts.runner(redis)
				.withPropertyValues("redis.rate-limit.policies.gcra.algorithm=gcra",
						"redis.rate-limit.policies.gcra.limit=5", "redis.rate-limit.policies.gcra.window=1m",
						"redis.rate-limit.policies.fw.algorithm=fixed-window", "redis.rate-limit.policies.fw.limit=5",
						"redis.rate-limit.policies.fw.window=1m", "redis.rate-limit.policies.tb.limit=5",
						"redis.rate-limit.policies.tb.window=1m")
				.run((context) -> {
					RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
					for (String policy : List.of("gcra", "fw", "tb")) {
						registry.limiter(policy).tryAcquire("warm-up");
					}
					List<List<String>> scripts;
					try (CommandMonitor monitor = new CommandMonitor(redis, true)) {
						for (String policy : List.of("gcra", "fw", "tb")) {
							registry.limiter(policy).tryAcquire("client");
							registry.limiter(policy).tryAcquire("client");
						}
						registry.block("client", Duration.ofMinutes(1));
						for (String policy : List.of("gcra", "fw", "tb")) {
							assertThat(registry.limiter(policy).tryAcquire("client").outcome())
								.isEqualTo(RateLimitOutcome.BLOCKED);
						}
						Thread.sleep(300);
						scripts = scripts(monitor.commands());
					}
					assertThat(scripts).containsExactly(
							// GCRA: new key, then an existing one.
							List.of("MGET", "TIME", "SET"), List.of("MGET", "TIME", "SET"),
							// Fixed window: no PTTL for a counter that does not exist
							// yet.
							List.of("MGET", "INCRBY", "PEXPIRE"), List.of("MGET", "PTTL", "INCRBY"),
							// Token bucket: its state is a hash, so the block key is
							// asked apart.
							List.of("PTTL", "TIME", "HMGET", "HSET", "PEXPIRE"),
							List.of("PTTL", "TIME", "HMGET", "HSET", "PEXPIRE"),
							// Blocked: the block's remaining time, and nothing else.
							List.of("MGET", "PTTL"), List.of("MGET", "PTTL"), List.of("PTTL"));
				});
		}
	}

	@Test
	void aRedeployKeepsWhatWasTakenAgainstTheNewLimits() {
		String key = RateLimitContexts.uniqueKey("gcra-redeploy");
		ApplicationContextRunner runner = RateLimitContexts.runner()
			.withPropertyValues("redis.rate-limit.policies.gcra.algorithm=gcra",
					"redis.rate-limit.policies.gcra.window=1h", "redis.rate-limit.policies.gcra.refill=10");
		runner.withPropertyValues("redis.rate-limit.policies.gcra.limit=10").run((context) -> {
			RateLimiter limiter = context.getBean(RateLimiterRegistry.class).limiter("gcra");
			assertThat(limiter.tryAcquire(key, 4).remaining()).isEqualTo(6);
		});
		runner.withPropertyValues("redis.rate-limit.policies.gcra.limit=20").run((context) -> {
			// 4 taken of a capacity of 20: 16 left, 15 after this request.
			assertThat(context.getBean(RateLimiterRegistry.class).limiter("gcra").tryAcquire(key).remaining())
				.isEqualTo(15);
		});
		runner.withPropertyValues("redis.rate-limit.policies.gcra.limit=3").run((context) -> {
			// 5 taken against a capacity of 3: never more debt than the capacity, so the
			// next token comes back after one interval (6 minutes at 10 per hour).
			RedisRateLimiter limiter = (RedisRateLimiter) context.getBean(RateLimiterRegistry.class).limiter("gcra");
			RateLimitResult result = limiter.tryAcquire(key);
			assertThat(result.allowed()).isFalse();
			assertThat(result.retryAfter()).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(6));
			// The cut debt is written, so the answer holds: one token after 6 minutes.
			long now = serverMicros(context.getBean(StringRedisTemplate.class));
			RateLimitResult later = limiter.decide(key, 1, now + 360 * SECOND);
			assertThat(later.allowed()).isTrue();
			assertThat(later.remaining()).isZero();
		});
	}

	@Test
	void aRefillTimeNearTheBoundKeepsTheStoredTimeExactAndWellFormed() {
		// 14 tokens, 3 per 22 days: an empty bucket refills in 102.7 days, close to the
		// 104-day bound. 13 requests, then 11 at 6,221,177,430,273 us later (the last
		// refused), then 3 times a request 1 ms before a token comes back (refused) and
		// one on that moment; after each, the stored time is the exact one, to the ns.
		long limit = 14;
		long refill = 3;
		long period = Duration.ofDays(22).toNanos() / 1000;
		RateLimitContexts.runner().run((context) -> {
			RedisRateLimiter limiter = (RedisRateLimiter) context.getBean(RateLimiterRegistry.class)
				.register(RateLimitPolicy.gcra("gcra-long", limit, refill, Duration.ofDays(22)));
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			String key = RateLimitContexts.uniqueKey("gcra-long");
			ExactGcra model = new ExactGcra(limit, period, refill);
			List<Long> times = new java.util.ArrayList<>();
			for (int i = 0; i < 13; i++) {
				times.add(T0);
			}
			for (int i = 0; i < 11; i++) {
				times.add(T0 + 6_221_177_430_273L);
			}
			for (long now : times) {
				decide(limiter, template, key, model, now);
			}
			for (int k = 0; k < 3; k++) {
				long back = model.nextTokenMicros();
				assertThat(decide(limiter, template, key, model, back - 1000).allowed()).isFalse();
				assertThat(decide(limiter, template, key, model, back).allowed()).isTrue();
			}
			assertThat(model.allowed).isEqualTo(13 + 10 + 3);
		});
	}

	private static RateLimitResult decide(RedisRateLimiter limiter, StringRedisTemplate template, String key,
			ExactGcra model, long now) {
		RateLimitResult result = limiter.decide(key, 1, now);
		model.assertDecision(result.allowed(), result.remaining(), template.opsForValue().get(limiter.stateKey(key)),
				now);
		return result;
	}

	@Test
	void theScriptStaysExactBeyondTheBoundThatPoliciesEnforce() {
		// The reviewed failure: 14 tokens at 3 per 366 days (an empty bucket refills in
		// 1,708 days) stored "1927571200000000-16", after which every decision raised
		// MALFORMED tat. Policies now refuse these values (see RateLimitPolicyTests), but
		// the script itself keeps the value well-formed and exact: run it directly.
		long limit = 14;
		long refill = 3;
		long period = Duration.ofDays(366).toNanos() / 1000;
		RateLimitContexts.runner().run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			String key = "{" + RateLimitContexts.uniqueKey("gcra-beyond") + "}:gcra";
			List<String> keys = List.of(key, key + ":blocked");
			ExactGcra model = new ExactGcra(limit, period, refill);
			List<Long> times = new java.util.ArrayList<>();
			for (int i = 0; i < 13; i++) {
				times.add(T0);
			}
			for (int i = 0; i < 3; i++) {
				times.add(T0 + 6_221_177_430_273L);
			}
			times.add(T0 + 6_221_177_430_273L + period / 3);
			for (long now : times) {
				List<?> reply = template.execute(RateLimitScripts.of(RateLimitAlgorithm.GCRA), keys,
						Long.toString(limit), Long.toString(period), Long.toString(refill), "1", Long.toString(now));
				assertThat(reply).hasSize(4);
				model.assertDecision(((Long) reply.get(0)) == RateLimitScripts.ALLOWED, (Long) reply.get(1),
						template.opsForValue().get(key), now);
			}
			assertThat(model.allowed).isEqualTo(15);
		});
	}

	@Test
	void aServerClockGoingBackCountsAsDebtThatTheRefillPaysBack() {
		// 5 tokens, 1 per second, on GCRA and on the token bucket, then the clock 2 s
		// back (a failover to a replica whose clock is behind): the token bucket keeps
		// its 3 tokens and regains none until the clock is back at its last write; GCRA
		// sees 2 s more debt (1 token) and keeps refilling. Back at that time both have
		// granted and still hold the same: 3 tokens.
		RateLimitContexts.runner().run((context) -> {
			RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
			RedisRateLimiter gcra = (RedisRateLimiter) registry
				.register(RateLimitPolicy.gcra("gcra-clock", 5, 1, Duration.ofSeconds(1)));
			RedisRateLimiter bucket = (RedisRateLimiter) registry
				.register(RateLimitPolicy.tokenBucket("tb-clock", 5, 1, Duration.ofSeconds(1)));
			String key = RateLimitContexts.uniqueKey("clock-back");
			for (RedisRateLimiter limiter : List.of(gcra, bucket)) {
				limiter.decide(key, 1, T0);
				assertThat(limiter.decide(key, 1, T0).remaining()).isEqualTo(3);
			}
			long back = T0 - 2 * SECOND;
			assertThat(bucket.decide(key, 1, back).remaining()).isEqualTo(2);
			assertThat(bucket.decide(key, 1, back).remaining()).isEqualTo(1);
			RateLimitResult first = gcra.decide(key, 1, back);
			assertThat(first.allowed()).isTrue();
			assertThat(first.remaining()).isZero();
			RateLimitResult second = gcra.decide(key, 1, back);
			assertThat(second.allowed()).isFalse();
			assertThat(second.retryAfter()).isEqualTo(Duration.ofSeconds(1));
			// Back at the last write: the token bucket granted 2 and holds 1, GCRA
			// granted 1 and holds 2.
			assertThat(bucket.decide(key, 1, T0).remaining()).isZero();
			assertThat(gcra.decide(key, 1, T0).remaining()).isEqualTo(1);
			assertThat(gcra.decide(key, 1, T0).remaining()).isZero();
			assertThat(bucket.decide(key, 1, T0).allowed()).isFalse();

			// An hour back, with 4 tokens left: more debt than the capacity's worth. The
			// token bucket keeps its 4 tokens (and regains none for an hour); GCRA cuts
			// the debt to an empty bucket and writes it although it refuses the request,
			// so the retry-after it answers holds: a token one interval later.
			String other = RateLimitContexts.uniqueKey("clock-back-hour");
			long hourBack = T0 - 3600 * SECOND;
			assertThat(bucket.decide(other, 1, T0).remaining()).isEqualTo(4);
			assertThat(bucket.decide(other, 1, hourBack).remaining()).isEqualTo(3);
			assertThat(gcra.decide(other, 1, T0).remaining()).isEqualTo(4);
			RateLimitResult cut = gcra.decide(other, 1, hourBack);
			assertThat(cut.allowed()).isFalse();
			assertThat(cut.retryAfter()).isEqualTo(Duration.ofSeconds(1));
			assertThat(cut.resetAfter()).isEqualTo(Duration.ofSeconds(5));
			assertThat(gcra.decide(other, 1, hourBack + SECOND - 1).allowed()).isFalse();
			RateLimitResult next = gcra.decide(other, 1, hourBack + SECOND);
			assertThat(next.allowed()).isTrue();
			assertThat(next.remaining()).isZero();
		});
	}

	private static long serverMicros(StringRedisTemplate template) {
		Long micros = template
			.execute((RedisCallback<Long>) (connection) -> connection.serverCommands().time(TimeUnit.MICROSECONDS));
		assertThat(micros).isNotNull();
		return micros;
	}

	/**
	 * Group the monitored lines into the commands of each script: a client
	 * {@code EVALSHA} (or {@code EVAL}) line starts a script.
	 */
	private static List<List<String>> scripts(List<String> lines) {
		List<List<String>> scripts = new java.util.ArrayList<>();
		for (String line : lines) {
			Matcher matcher = SCRIPT_COMMAND.matcher(line);
			if (matcher.find()) {
				if (!scripts.isEmpty()) {
					scripts.get(scripts.size() - 1).add(matcher.group(1).toUpperCase(Locale.ROOT));
				}
			}
			else if (line.toLowerCase(Locale.ROOT).contains("\"evalsha\"")) {
				scripts.add(new java.util.ArrayList<>());
			}
		}
		return scripts;
	}

	/**
	 * GCRA in exact integers: the TAT in units of 1/refill microsecond, in which an
	 * emission interval is the whole number {@code period}; what the script stores is
	 * that time to the nearest nanosecond.
	 */
	static final class ExactGcra {

		private static final Pattern TAT = Pattern.compile("[0-9]{19}");

		private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000);

		private final BigInteger full;

		private final BigInteger period;

		private final BigInteger refill;

		private BigInteger tat = BigInteger.ZERO;

		int allowed;

		ExactGcra(long limit, long period, long refill) {
			this.period = BigInteger.valueOf(period);
			this.refill = BigInteger.valueOf(refill);
			this.full = this.period.multiply(BigInteger.valueOf(limit));
		}

		void assertDecision(boolean allowed, long remaining, String stored, long nowMicros) {
			BigInteger now = BigInteger.valueOf(nowMicros).multiply(this.refill);
			BigInteger ahead = this.tat.subtract(now).max(BigInteger.ZERO);
			BigInteger debt = ahead.min(this.full);
			// The scripts' tolerance: 1e-9 of a token.
			boolean expected = debt.add(this.period).subtract(this.full).multiply(BILLION).compareTo(this.period) <= 0;
			String request = "request at +" + (nowMicros - T0) + " us";
			assertThat(allowed).as(request).isEqualTo(expected);
			if (expected) {
				debt = debt.add(this.period);
				this.tat = now.add(debt);
				this.allowed++;
			}
			else if (ahead.compareTo(this.full.add(BigInteger.ONE)) > 0) {
				this.tat = now.add(this.full);
			}
			BigInteger tokens = this.full.subtract(debt).multiply(BILLION).add(this.period);
			assertThat(remaining).as(request).isEqualTo(tokens.divide(this.period.multiply(BILLION)).longValueExact());
			// To the nearest nanosecond, halves up.
			BigInteger nanos = this.tat.multiply(BigInteger.valueOf(2000))
				.add(this.refill)
				.divide(this.refill.shiftLeft(1));
			assertThat(stored).as(request).matches(TAT).isEqualTo(nanos.toString());
		}

		/**
		 * Return the first microsecond at which a request of one token is allowed,
		 * without the tolerance.
		 */
		long nextTokenMicros() {
			BigInteger[] time = this.tat.subtract(this.full).add(this.period).divideAndRemainder(this.refill);
			return time[0].longValueExact() + (time[1].signum() > 0 ? 1 : 0);
		}

	}

}
