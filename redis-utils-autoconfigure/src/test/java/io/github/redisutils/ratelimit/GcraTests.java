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
					// the
					// server clock.
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
			RateLimitResult result = context.getBean(RateLimiterRegistry.class).limiter("gcra").tryAcquire(key);
			assertThat(result.allowed()).isFalse();
			assertThat(result.retryAfter()).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(6));
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

}
