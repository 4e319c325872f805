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

import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory per key, measured with {@code MEMORY USAGE} (the figures in the README): the
 * exact sliding window grows with the requests it logs, the other algorithms stay small
 * and constant, GCRA the smallest of those that refill.
 *
 * @author redis-utils authors
 */
class StateMemoryTests {

	// Through a script: the client has no MEMORY command of its own.
	private static final RedisScript<Long> MEMORY_USAGE = RedisScript
		.of("return redis.call('MEMORY', 'USAGE', KEYS[1], 'SAMPLES', '0')", Long.class);

	@Test
	void memoryPerKeyStaysWithinTheDocumentedFigures() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			RateLimitContexts.runner(redis).run((context) -> {
				RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				String key = "203.0.113.7";
				long log10 = usage(registry, template, RateLimitPolicy.slidingWindow("sw10", 10, Duration.ofMinutes(1)),
						key, 10);
				long log100 = usage(registry, template,
						RateLimitPolicy.slidingWindow("sw100", 100, Duration.ofMinutes(1)), key, 100);
				long log1000 = usage(registry, template,
						RateLimitPolicy.slidingWindow("sw1000", 1000, Duration.ofMinutes(1)), key, 1000);
				long approximate = usage(registry, template,
						RateLimitPolicy.approximateSlidingWindow("swa", 1000, Duration.ofMinutes(1)), key, 1000);
				long bucket = usage(registry, template,
						RateLimitPolicy.tokenBucket("tb", 1000, 1000, Duration.ofMinutes(1)), key, 1000);
				long gcra = usage(registry, template, RateLimitPolicy.gcra("gcra", 1000, 1000, Duration.ofMinutes(1)),
						key, 1000);
				long fixed = usage(registry, template, RateLimitPolicy.fixedWindow("fw", 1000, Duration.ofMinutes(1)),
						key, 1000);
				System.out.printf(
						"MEMORY USAGE: sliding-window 10=%d 100=%d 1000=%d; approximate=%d; "
								+ "token-bucket=%d; gcra=%d; fixed-window=%d bytes%n",
						log10, log100, log1000, approximate, bucket, gcra, fixed);
				// Up to 128 entries the sorted set is a compact listpack, beyond it a
				// skip list.
				assertThat(log10).isLessThan(600);
				assertThat(log100 / 100.0).isBetween(20.0, 60.0);
				assertThat(log1000 / 1000.0).isBetween(80.0, 160.0);
				assertThat(approximate).isLessThan(200);
				assertThat(bucket).isLessThan(200);
				assertThat(fixed).isLessThan(120);
				// One integer string, the theoretical arrival time: 16 bytes of value,
				// the rest is the key's name and its entry (see the test below).
				assertThat(bucket - gcra).isGreaterThanOrEqualTo(40);
			});
		}
	}

	@Test
	void aGcraKeyTakesUnder100BytesWithAShortPrefix() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			RateLimitContexts.runner(redis).withPropertyValues("redis.key-prefix=app").run((context) -> {
				RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				String key = "203.0.113.7";
				// Same policy values, key names of the same length (37 characters):
				// app:rate-limit:{203.0.113.7}:api:gcra and
				// app:rate-limit:{203.0.113.7}:webui:tb.
				long gcra = usage(registry, template, RateLimitPolicy.gcra("api", 100, 10, Duration.ofSeconds(1)), key,
						50);
				long bucket = usage(registry, template,
						RateLimitPolicy.tokenBucket("webui", 100, 10, Duration.ofSeconds(1)), key, 50);
				assertThat(limiterKey(registry, "api", key)).hasSameSizeAs(limiterKey(registry, "webui", key));
				System.out.printf("MEMORY USAGE with prefix 'app': gcra=%d, token-bucket=%d bytes%n", gcra, bucket);
				assertThat(gcra).isLessThan(100);
				assertThat(bucket - gcra).isGreaterThanOrEqualTo(40);
			});
		}
	}

	private static String limiterKey(RateLimiterRegistry registry, String policy, String key) {
		return ((RedisRateLimiter) registry.limiter(policy)).stateKey(key);
	}

	private static long usage(RateLimiterRegistry registry, StringRedisTemplate template, RateLimitPolicy policy,
			String key, int requests) {
		RedisRateLimiter limiter = (RedisRateLimiter) registry.register(policy);
		for (int i = 0; i < requests; i++) {
			assertThat(limiter.tryAcquire(key).allowed()).isTrue();
		}
		String stateKey = limiter.stateKey(key);
		Long usage = template.execute(MEMORY_USAGE, List.of(stateKey));
		assertThat(usage).isNotNull();
		return usage;
	}

}
