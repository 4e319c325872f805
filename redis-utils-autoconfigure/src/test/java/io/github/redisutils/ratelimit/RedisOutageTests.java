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

import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What limiters answer when Redis goes away: each policy fails open or closed, within the
 * command timeout, counted as outcome {@code error}; decisions resume when Redis is back.
 *
 * @author redis-utils authors
 */
class RedisOutageTests {

	@Test
	void policiesFailOpenOrClosedWithinTheCommandTimeoutAndRecover() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			RateLimitContexts.runner(redis)
				.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
				.withPropertyValues("spring.data.redis.timeout=500ms", "redis.rate-limit.policies.open.limit=5",
						"redis.rate-limit.policies.open.window=1m", "redis.rate-limit.policies.closed.limit=5",
						"redis.rate-limit.policies.closed.window=1m",
						"redis.rate-limit.policies.closed.on-failure=closed",
						"redis.rate-limit.policies.gcra.algorithm=gcra", "redis.rate-limit.policies.gcra.limit=5",
						"redis.rate-limit.policies.gcra.window=1m", "redis.rate-limit.policies.gcra.on-failure=closed")
				.run((context) -> {
					RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
					MeterRegistry meters = context.getBean(MeterRegistry.class);
					assertThat(registry.limiter("open").tryAcquire("k").outcome()).isEqualTo(RateLimitOutcome.ALLOWED);
					assertThat(registry.limiter("closed").tryAcquire("k").outcome())
						.isEqualTo(RateLimitOutcome.ALLOWED);
					assertThat(registry.limiter("gcra").tryAcquire("k").outcome()).isEqualTo(RateLimitOutcome.ALLOWED);
					redis.stop();
					long started = System.nanoTime();
					RateLimitResult open = registry.limiter("open").tryAcquire("k");
					RateLimitResult closed = registry.limiter("closed").tryAcquire("k");
					Duration took = Duration.ofNanos(System.nanoTime() - started);
					assertThat(open.outcome()).isEqualTo(RateLimitOutcome.ERROR);
					assertThat(open.allowed()).isTrue();
					assertThat(closed.outcome()).isEqualTo(RateLimitOutcome.ERROR);
					assertThat(closed.allowed()).isFalse();
					// Two decisions, each bounded by the 500 ms command timeout (and a
					// generous allowance for a loaded machine).
					assertThat(took).isLessThan(Duration.ofSeconds(5));
					RateLimitResult gcra = registry.limiter("gcra").tryAcquire("k");
					assertThat(gcra.outcome()).isEqualTo(RateLimitOutcome.ERROR);
					assertThat(gcra.allowed()).isFalse();
					assertThat(registry.failingPolicies()).containsExactlyInAnyOrder("open", "closed", "gcra");
					assertThat(meters.get("redis.rate.limit.decisions")
						.tags("policy", "closed", "outcome", "error")
						.counter()
						.count()).isEqualTo(1);
					assertThatExceptionOfType(RedisUnavailableException.class)
						.isThrownBy(() -> registry.block("k", Duration.ofMinutes(1)));
					redis.start();
					RateLimitResult recovered = null;
					for (int i = 0; i < 50
							&& (recovered == null || recovered.outcome() == RateLimitOutcome.ERROR); i++) {
						Thread.sleep(200);
						recovered = registry.limiter("closed").tryAcquire("k");
					}
					assertThat(recovered.outcome()).isEqualTo(RateLimitOutcome.ALLOWED);
					assertThat(registry.limiter("gcra").tryAcquire("k").outcome()).isEqualTo(RateLimitOutcome.ALLOWED);
					assertThat(registry.failingPolicies()).containsExactly("open");
				});
		}
	}

	@Test
	void aServerRefusingWritesForMemoryAppliesThePolicyInsteadOfFailing() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			RateLimitContexts.runner(redis)
				.withPropertyValues("redis.outage.backoff=200ms", "redis.rate-limit.policies.open.limit=5",
						"redis.rate-limit.policies.open.window=1m", "redis.rate-limit.policies.closed.limit=5",
						"redis.rate-limit.policies.closed.window=1m",
						"redis.rate-limit.policies.closed.on-failure=closed")
				.run((context) -> {
					RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
					StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
					template.execute((RedisCallback<Void>) (connection) -> {
						connection.serverCommands().setConfig("maxmemory-policy", "noeviction");
						connection.serverCommands().setConfig("maxmemory", "1");
						return null;
					});
					// Redis answers OOM to every script that may write: an outage, not a
					// bug.
					RateLimitResult open = registry.limiter("open").tryAcquire("k");
					RateLimitResult closed = registry.limiter("closed").tryAcquire("k");
					assertThat(open.outcome()).isEqualTo(RateLimitOutcome.ERROR);
					assertThat(open.allowed()).isTrue();
					assertThat(closed.outcome()).isEqualTo(RateLimitOutcome.ERROR);
					assertThat(closed.allowed()).isFalse();
					template.execute((RedisCallback<Void>) (connection) -> {
						connection.serverCommands().setConfig("maxmemory", "0");
						return null;
					});
					// Past the outage back-off, the next decision asks Redis again.
					Thread.sleep(300);
					assertThat(registry.limiter("closed").tryAcquire("k").outcome())
						.isEqualTo(RateLimitOutcome.ALLOWED);
				});
		}
	}

}
