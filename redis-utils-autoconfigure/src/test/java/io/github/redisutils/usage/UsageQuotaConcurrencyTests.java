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

package io.github.redisutils.usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.ApplicationInstances;
import io.github.redisutils.autoconfigure.RedisUtilsUsageAutoConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three application instances with four threads each consume one quota at once: exactly
 * the limit is allowed, never more, and the counters agree.
 *
 * @author redis-utils authors
 */
class UsageQuotaConcurrencyTests {

	private static final int INSTANCES = 3;

	private static final int THREADS = 4;

	private static final int ATTEMPTS = 30;

	private static final int LIMIT = 250;

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void concurrentConsumersAcrossInstancesNeverExceedTheQuota(String[] redisProperties) throws Exception {
		ApplicationInstances.runInstances(ApplicationInstances
			.runner(RedisUtilsUsageAutoConfiguration.class, redisProperties, "usage-quota-" + System.nanoTime())
			.withPropertyValues("redis.usage.quotas.q.metric=calls", "redis.usage.quotas.q.limits.day=" + LIMIT),
				INSTANCES, (contexts) -> {
					ExecutorService executor = Executors.newFixedThreadPool(INSTANCES * THREADS);
					try {
						List<Future<Integer>> results = new ArrayList<>();
						for (AssertableApplicationContext context : contexts) {
							UsageTracker usage = context.getBean(UsageTracker.class);
							for (int thread = 0; thread < THREADS; thread++) {
								results.add(executor.submit(() -> {
									int allowed = 0;
									for (int i = 0; i < ATTEMPTS; i++) {
										if (usage.tryConsume("acme", 1, "q").allowed()) {
											allowed++;
										}
									}
									return allowed;
								}));
							}
						}
						int allowed = 0;
						for (Future<Integer> result : results) {
							allowed += result.get(2, TimeUnit.MINUTES);
						}
						// 360 attempts for a limit of 250: exactly the limit gets through
						assertThat(allowed).isEqualTo(LIMIT);
						UsageTracker usage = contexts.get(2).getBean(UsageTracker.class);
						assertThat(usage.usage("acme", "calls", UsagePeriod.DAY, Instant.now()).units())
							.isEqualTo(LIMIT);
					}
					finally {
						executor.shutdownNow();
					}
				});
	}

}
