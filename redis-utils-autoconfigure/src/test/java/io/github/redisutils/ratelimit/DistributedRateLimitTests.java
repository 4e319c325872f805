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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsRateLimitAutoConfiguration;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four application contexts, standing for four instances, with 16 threads each, share one
 * key: the total allowed is exactly the limit, whatever the algorithm. Decisions are
 * timed by the Redis server, so the instances' clocks play no part: the same schedule
 * timed by skewed client clocks (through the scripts' test-only time argument) would
 * admit more than the limit.
 *
 * @author redis-utils authors
 */
class DistributedRateLimitTests {

	private static final int INSTANCES = 4;

	private static final int THREADS = 16;

	private static final int ATTEMPTS_PER_THREAD = 8;

	private static final int LIMIT = 100;

	@Test
	void instancesSharingOneKeyNeverAllowMoreThanTheLimit() throws Exception {
		List<ConfigurableApplicationContext> contexts = start();
		try {
			for (String policy : List.of("tb", "gcra", "sw", "swa", "fw")) {
				String key = RateLimitContexts.uniqueKey("hot-" + policy);
				int allowed = hammer(contexts, (registry) -> registry.limiter(policy).tryAcquire(key).allowed());
				// 512 attempts within one window (and a refill of 1 token per hour).
				assertThat(allowed).as(policy).isEqualTo(LIMIT);
			}
		}
		finally {
			contexts.forEach(ConfigurableApplicationContext::close);
		}
	}

	@Test
	void clientClocksWouldBreakTheLimitThatTheServerClockKeeps() throws Exception {
		List<ConfigurableApplicationContext> contexts = start();
		try {
			// Instances whose clocks are 0, 20, 40 and 60 minutes ahead. Timed by them, a
			// token bucket refilling 1 token per 36 s hands out extra tokens whenever a
			// later clock follows an earlier one.
			long base = 1_700_000_000_000_000L;
			long[] skews = { 0, 1_200_000_000L, 2_400_000_000L, 3_600_000_000L };
			RateLimitPolicy policy = RateLimitPolicy.tokenBucket("skewed", LIMIT, LIMIT, Duration.ofHours(1));
			String clientTimed = RateLimitContexts.uniqueKey("client-timed");
			// Each instance in turn, its clock later than the one before: each finds the
			// bucket refilled by its clock's lead and takes what it may. (In order, so
			// the
			// outcome does not depend on how threads interleave.)
			int clientTimedAllowed = 0;
			for (int i = 0; i < INSTANCES; i++) {
				RateLimiterRegistry registry = contexts.get(i).getBean(RateLimiterRegistry.class);
				RedisRateLimiter limiter = (RedisRateLimiter) registry.register(policy);
				while (limiter.decide(clientTimed, 1, base + skews[i]).allowed()) {
					clientTimedAllowed++;
				}
			}
			assertThat(clientTimedAllowed).isGreaterThan(LIMIT);
			String serverTimed = RateLimitContexts.uniqueKey("server-timed");
			int serverTimedAllowed = hammer(contexts,
					(registry) -> registry.register(policy).tryAcquire(serverTimed).allowed());
			assertThat(serverTimedAllowed).isEqualTo(LIMIT);
		}
		finally {
			contexts.forEach(ConfigurableApplicationContext::close);
		}
	}

	private List<ConfigurableApplicationContext> start() {
		List<ConfigurableApplicationContext> contexts = new ArrayList<>();
		for (int i = 0; i < INSTANCES; i++) {
			contexts.add(new SpringApplicationBuilder(Instance.class).web(WebApplicationType.NONE)
				.properties(properties())
				.run());
		}
		return contexts;
	}

	private String[] properties() {
		List<String> properties = new ArrayList<>(List.of(RedisServers.standalone().springProperties()));
		properties.add("redis.key-prefix=ratelimit-tests");
		properties.add("spring.main.banner-mode=off");
		for (String algorithm : List.of("tb", "gcra", "sw", "swa", "fw")) {
			String prefix = "redis.rate-limit.policies." + algorithm + ".";
			properties.add(prefix + "limit=" + LIMIT);
			properties.add(prefix + "window=1h");
			properties.add(prefix + "algorithm=" + switch (algorithm) {
				case "tb" -> "token-bucket";
				case "gcra" -> "gcra";
				case "sw" -> "sliding-window";
				case "swa" -> "sliding-window-approximate";
				default -> "fixed-window";
			});
		}
		properties.add("redis.rate-limit.policies.tb.refill=1");
		properties.add("redis.rate-limit.policies.gcra.refill=1");
		return properties.toArray(String[]::new);
	}

	private static int hammer(List<ConfigurableApplicationContext> contexts, Attempt attempt) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(INSTANCES * THREADS);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> futures = new ArrayList<>();
			for (ConfigurableApplicationContext context : contexts) {
				RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
				for (int t = 0; t < THREADS; t++) {
					futures.add(executor.submit((Callable<Integer>) () -> {
						start.await();
						int allowed = 0;
						for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
							allowed += attempt.allowed(registry) ? 1 : 0;
						}
						return allowed;
					}));
				}
			}
			start.countDown();
			int total = 0;
			for (Future<Integer> future : futures) {
				total += future.get(60, TimeUnit.SECONDS);
			}
			return total;
		}
		finally {
			executor.shutdownNow();
		}
	}

	@FunctionalInterface
	interface Attempt {

		boolean allowed(RateLimiterRegistry registry);

	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
			RedisUtilsRateLimitAutoConfiguration.class })
	static class Instance {

	}

}
