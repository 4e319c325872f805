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
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.core.InvalidKeyPartException;
import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.core.RedisUtilsException;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Decisions through the production path, timed by the Redis server's clock: bursts are
 * exact, refills are checked after generous sleeps, and every decision is one
 * {@code EVALSHA}.
 *
 * @author redis-utils authors
 */
class RealTimeDecisionTests {

	private static final String[] POLICY_PROPERTIES = { "redis.rate-limit.policies.tb.limit=5",
			"redis.rate-limit.policies.tb.window=1s", "redis.rate-limit.policies.gcra.algorithm=gcra",
			"redis.rate-limit.policies.gcra.limit=5", "redis.rate-limit.policies.gcra.window=1s",
			"redis.rate-limit.policies.sw.algorithm=sliding-window", "redis.rate-limit.policies.sw.limit=5",
			"redis.rate-limit.policies.sw.window=1s",
			"redis.rate-limit.policies.swa.algorithm=sliding-window-approximate",
			"redis.rate-limit.policies.swa.limit=5", "redis.rate-limit.policies.swa.window=1s",
			"redis.rate-limit.policies.fw.algorithm=fixed-window", "redis.rate-limit.policies.fw.limit=5",
			"redis.rate-limit.policies.fw.window=1s" };

	private final ApplicationContextRunner contextRunner = RateLimitContexts.runner()
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues(POLICY_PROPERTIES);

	private static final List<String> POLICIES = List.of("tb", "gcra", "sw", "swa", "fw");

	@Test
	void everyAlgorithmAllowsExactlyItsLimitInABurst() {
		this.contextRunner.run((context) -> {
			RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
			for (String policy : POLICIES) {
				RateLimiter limiter = registry.limiter(policy);
				String key = RateLimitContexts.uniqueKey(policy);
				int allowed = 0;
				RateLimitResult last = null;
				for (int i = 0; i < 8; i++) {
					last = limiter.tryAcquire(key);
					allowed += last.allowed() ? 1 : 0;
				}
				assertThat(allowed).as(policy).isEqualTo(5);
				assertThat(last.outcome()).isEqualTo(RateLimitOutcome.REJECTED);
				assertThat(last.retryAfter()).as(policy).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2));
				assertThat(last.limit()).isEqualTo(5);
				assertThat(last.remaining()).isZero();
			}
		});
	}

	@Test
	void limitsRecoverWhenTheServerClockMovesOn() {
		this.contextRunner.run((context) -> {
			RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
			List<String> keys = POLICIES.stream().map(RateLimitContexts::uniqueKey).toList();
			for (int p = 0; p < POLICIES.size(); p++) {
				for (int i = 0; i < 6; i++) {
					registry.limiter(POLICIES.get(p)).tryAcquire(keys.get(p));
				}
				assertThat(registry.limiter(POLICIES.get(p)).tryAcquire(keys.get(p)).allowed()).isFalse();
			}
			// Two windows: enough for every algorithm, the approximate one included.
			Thread.sleep(2_200);
			for (int p = 0; p < POLICIES.size(); p++) {
				int allowed = 0;
				for (int i = 0; i < 6; i++) {
					allowed += registry.limiter(POLICIES.get(p)).tryAcquire(keys.get(p)).allowed() ? 1 : 0;
				}
				assertThat(allowed).as(POLICIES.get(p)).isEqualTo(5);
			}
		});
	}

	@Test
	void stateKeysExpireAfterTheTimeTheyMatter() {
		this.contextRunner.run((context) -> {
			RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			registry.register(RateLimitPolicy.tokenBucket("slow", 10, 1, Duration.ofSeconds(1)));
			RedisRateLimiter slow = (RedisRateLimiter) registry.limiter("slow");
			String key = RateLimitContexts.uniqueKey("ttl");
			slow.tryAcquire(key, 3);
			// Three tokens missing at one per second: full again in 3 s.
			assertThat(redis.getExpire(slow.stateKey(key), TimeUnit.MILLISECONDS)).isBetween(2_000L, 3_000L);
			registry.register(RateLimitPolicy.gcra("slow-gcra", 10, 1, Duration.ofSeconds(1)));
			RedisRateLimiter slowGcra = (RedisRateLimiter) registry.limiter("slow-gcra");
			slowGcra.tryAcquire(key, 3);
			// The same for GCRA: its theoretical arrival time is 3 s away.
			assertThat(redis.getExpire(slowGcra.stateKey(key), TimeUnit.MILLISECONDS)).isBetween(2_000L, 3_000L);
			for (String policy : List.of("sw", "swa", "fw")) {
				RedisRateLimiter limiter = (RedisRateLimiter) registry.limiter(policy);
				limiter.tryAcquire(key);
				long ttl = redis.getExpire(limiter.stateKey(key), TimeUnit.MILLISECONDS);
				assertThat(ttl).as(policy).isPositive().isLessThanOrEqualTo(policy.equals("swa") ? 2_000L : 1_000L);
			}
		});
	}

	@Test
	void aFullBucketLeavesNoKey() {
		this.contextRunner.run((context) -> {
			RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			RedisRateLimiter limiter = (RedisRateLimiter) registry.limiter("tb");
			String key = RateLimitContexts.uniqueKey("full");
			limiter.tryAcquire(key);
			assertThat(redis.hasKey(limiter.stateKey(key))).isTrue();
			Thread.sleep(1_300);
			assertThat(redis.hasKey(limiter.stateKey(key))).isFalse();
		});
	}

	@Test
	void aBlockedKeyIsRejectedByEveryPolicyUntilUnblockedOrExpired() {
		this.contextRunner.run((context) -> {
			RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
			String key = RateLimitContexts.uniqueKey("abuser");
			registry.block(key, Duration.ofMinutes(5));
			assertThat(registry.blockRemaining(key)).hasValueSatisfying(
					(remaining) -> assertThat(remaining).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5)));
			for (String policy : POLICIES) {
				RateLimitResult result = registry.limiter(policy).tryAcquire(key);
				assertThat(result.outcome()).as(policy).isEqualTo(RateLimitOutcome.BLOCKED);
				assertThat(result.allowed()).isFalse();
				assertThat(result.retryAfter()).isGreaterThan(Duration.ofMinutes(4));
			}
			registry.unblock(key);
			assertThat(registry.blockRemaining(key)).isEmpty();
			assertThat(registry.limiter("tb").tryAcquire(key).allowed()).isTrue();
			// Blocked requests took nothing from the limits.
			assertThat(registry.limiter("sw").tryAcquire(key).remaining()).isEqualTo(4);
			registry.block(key, Duration.ofMillis(300));
			assertThat(registry.limiter("fw").tryAcquire(key).outcome()).isEqualTo(RateLimitOutcome.BLOCKED);
			Thread.sleep(600);
			assertThat(registry.limiter("fw").tryAcquire(key).outcome()).isEqualTo(RateLimitOutcome.ALLOWED);
		});
	}

	@Test
	void aScriptErrorIsNotTakenForAnOutage() {
		this.contextRunner.run((context) -> {
			RedisRateLimiter limiter = (RedisRateLimiter) context.getBean(RateLimiterRegistry.class).limiter("tb");
			String key = RateLimitContexts.uniqueKey("wrong-type");
			context.getBean(StringRedisTemplate.class).opsForValue().set(limiter.stateKey(key), "not a hash");
			assertThatExceptionOfType(RedisUtilsException.class).isThrownBy(() -> limiter.tryAcquire(key))
				.isNotInstanceOf(RedisUnavailableException.class)
				.withMessageContaining("WRONGTYPE");
			assertThat(context.getBean(RateLimiterRegistry.class).failingPolicies()).isEmpty();
		});
	}

	@Test
	void resetForgetsWhatWasCounted() {
		this.contextRunner.run((context) -> {
			RateLimiter limiter = context.getBean(RateLimiterRegistry.class).limiter("sw");
			String key = RateLimitContexts.uniqueKey("reset");
			for (int i = 0; i < 5; i++) {
				limiter.tryAcquire(key);
			}
			assertThat(limiter.tryAcquire(key).allowed()).isFalse();
			limiter.reset(key);
			assertThat(limiter.tryAcquire(key).remaining()).isEqualTo(4);
		});
	}

	@Test
	void everyDecisionIsOneEvalsha() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			RateLimitContexts.runner(redis).withPropertyValues(POLICY_PROPERTIES).run((context) -> {
				RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
				for (String policy : POLICIES) {
					// Loads each script: EVALSHA, NOSCRIPT, EVAL.
					registry.limiter(policy).tryAcquire("warm-up");
				}
				registry.block("client-0", Duration.ofSeconds(10));
				List<String> commands;
				try (CommandMonitor monitor = new CommandMonitor(redis)) {
					for (String policy : POLICIES) {
						for (int i = 0; i < 25; i++) {
							registry.limiter(policy).tryAcquire("client-" + (i % 3));
						}
					}
					Thread.sleep(300);
					commands = monitor.commands();
				}
				assertThat(commands).hasSize(125)
					.allSatisfy((command) -> assertThat(command).containsIgnoringCase("\"evalsha\""));
			});
		}
	}

	@Test
	void decisionsAreCountedAndTimedByPolicyAndOutcomeOnly() {
		this.contextRunner.run((context) -> {
			RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			String key = RateLimitContexts.uniqueKey("meters");
			for (int i = 0; i < 7; i++) {
				registry.limiter("fw").tryAcquire(key);
			}
			registry.block(key, Duration.ofSeconds(10));
			registry.limiter("fw").tryAcquire(key);
			assertThat(meters.get("redis.rate.limit.decisions")
				.tags("policy", "fw", "outcome", "allowed")
				.counter()
				.count()).isEqualTo(5);
			assertThat(meters.get("redis.rate.limit.decisions")
				.tags("policy", "fw", "outcome", "rejected")
				.counter()
				.count()).isEqualTo(2);
			assertThat(meters.get("redis.rate.limit.decisions")
				.tags("policy", "fw", "outcome", "blocked")
				.counter()
				.count()).isEqualTo(1);
			assertThat(meters.get("redis.rate.limit.latency").tag("policy", "fw").timer().count()).isEqualTo(8);
			assertThat(meters.getMeters())
				.filteredOn((meter) -> meter.getId().getName().startsWith("redis.rate.limit."))
				.isNotEmpty()
				.allSatisfy((meter) -> assertThat(meter.getId().getTags())
					.allSatisfy((tag) -> assertThat(tag.getKey()).isIn("policy", "outcome")));
		});
	}

	@Test
	void policiesCreatedInCodeOrAsBeansJoinTheConfiguredOnes() {
		this.contextRunner
			.withBean("beanPolicy", RateLimitPolicy.class,
					() -> RateLimitPolicy.fixedWindow("bean-policy", 2, Duration.ofMinutes(1)))
			.run((context) -> {
				RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
				assertThat(registry.policies()).extracting(RateLimitPolicy::name)
					.containsExactly("tb", "gcra", "sw", "swa", "fw", "bean-policy");
				RateLimitPolicy coded = RateLimitPolicy.slidingWindow("coded", 1, Duration.ofMinutes(1))
					.withFailureMode(RateLimitFailureMode.CLOSED);
				RateLimiter limiter = registry.register(coded);
				assertThat(registry.register(coded)).isSameAs(limiter);
				assertThatIllegalStateException()
					.isThrownBy(
							() -> registry.register(RateLimitPolicy.slidingWindow("coded", 2, Duration.ofMinutes(1))))
					.withMessageContaining("named 'coded' exists already");
				assertThatIllegalArgumentException().isThrownBy(() -> registry.limiter("nope"))
					.withMessageContaining("No rate-limit policy named 'nope'")
					.withMessageContaining("coded");
			});
	}

	@Test
	void badKeysAndCostsAreRejectedBeforeReachingRedis() {
		this.contextRunner.run((context) -> {
			RateLimiter limiter = context.getBean(RateLimiterRegistry.class).limiter("tb");
			assertThatExceptionOfType(InvalidKeyPartException.class).isThrownBy(() -> limiter.tryAcquire("a{b}"));
			assertThatExceptionOfType(InvalidKeyPartException.class).isThrownBy(() -> limiter.tryAcquire(""));
			assertThatIllegalArgumentException().isThrownBy(() -> limiter.tryAcquire("k", 6))
				.withMessageContaining("from 1 to the limit, 5");
			assertThatIllegalArgumentException().isThrownBy(() -> limiter.tryAcquire("k", 0));
		});
	}

	@Test
	void changedLimitsTakeEffectOnRedeployWithoutWipingState() {
		String key = RateLimitContexts.uniqueKey("redeploy");
		ApplicationContextRunner before = RateLimitContexts.runner()
			.withPropertyValues("redis.rate-limit.policies.tb.limit=10", "redis.rate-limit.policies.tb.window=1h",
					"redis.rate-limit.policies.sw.algorithm=sliding-window", "redis.rate-limit.policies.sw.limit=10",
					"redis.rate-limit.policies.sw.window=1h", "redis.rate-limit.policies.fw.algorithm=fixed-window",
					"redis.rate-limit.policies.fw.limit=10", "redis.rate-limit.policies.fw.window=1h");
		before.run((context) -> {
			RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
			for (String policy : List.of("tb", "sw", "fw")) {
				for (int i = 0; i < 4; i++) {
					assertThat(registry.limiter(policy).tryAcquire(key).allowed()).isTrue();
				}
			}
		});
		ApplicationContextRunner after = RateLimitContexts.runner()
			.withPropertyValues("redis.rate-limit.policies.tb.limit=5", "redis.rate-limit.policies.tb.window=1h",
					"redis.rate-limit.policies.sw.algorithm=sliding-window", "redis.rate-limit.policies.sw.limit=6",
					"redis.rate-limit.policies.sw.window=1h", "redis.rate-limit.policies.fw.algorithm=fixed-window",
					"redis.rate-limit.policies.fw.limit=20", "redis.rate-limit.policies.fw.window=1h");
		after.run((context) -> {
			RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
			// 6 tokens left, clamped to the new capacity of 5.
			assertThat(registry.limiter("tb").tryAcquire(key).remaining()).isEqualTo(4);
			// The log of 4 requests stays: 2 more fit under the new limit of 6.
			assertThat(registry.limiter("sw").tryAcquire(key).remaining()).isEqualTo(1);
			// The counter of 4 stays: 16 more fit under the new limit of 20.
			assertThat(registry.limiter("fw").tryAcquire(key).remaining()).isEqualTo(15);
		});
	}

}
