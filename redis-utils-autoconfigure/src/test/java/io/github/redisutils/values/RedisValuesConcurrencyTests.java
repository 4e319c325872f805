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

package io.github.redisutils.values;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.ApplicationInstances;
import io.github.redisutils.autoconfigure.RedisUtilsValuesAutoConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three application instances with four threads each update one value at once: every
 * compare-and-set increment and every counter increment counts exactly once.
 *
 * @author redis-utils authors
 */
class RedisValuesConcurrencyTests {

	private static final int INSTANCES = 3;

	private static final int THREADS = 4;

	private static final int UPDATES = 40;

	private static final int TOTAL = INSTANCES * THREADS * UPDATES;

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void compareAndSetIncrementsAcrossInstancesEndWithExactlyTheirNumber(String[] redisProperties) throws Exception {
		ApplicationInstances.runInstances(ApplicationInstances.runner(RedisUtilsValuesAutoConfiguration.class,
				redisProperties, "values-cas-" + System.nanoTime()), INSTANCES, (contexts) -> {
					RedisValues first = contexts.get(0).getBean(RedisValues.class);
					first.set("balance", new Balance(0, List.of()), ValueExpiry.after(Duration.ofMinutes(5)));
					int conflicts = runOnEvery(contexts, (values) -> {
						int lost = 0;
						for (int i = 0; i < UPDATES; i++) {
							while (true) {
								Balance current = values.get("balance", Balance.class).orElseThrow();
								Balance next = new Balance(current.amount() + 1, List.of(current.amount()));
								if (values.compareAndSet("balance", current, next, ValueExpiry.keep())) {
									break;
								}
								lost++;
							}
						}
						return lost;
					});
					assertThat(first.get("balance", Balance.class).orElseThrow().amount()).isEqualTo(TOTAL);
					// Many threads on one value: some updates must have had to try again
					assertThat(conflicts).isPositive();
				});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void incrementsAcrossInstancesEndWithExactlyTheirSum(String[] redisProperties) throws Exception {
		ApplicationInstances.runInstances(ApplicationInstances.runner(RedisUtilsValuesAutoConfiguration.class,
				redisProperties, "values-inc-" + System.nanoTime()), INSTANCES, (contexts) -> {
					runOnEvery(contexts, (values) -> {
						for (int i = 0; i < UPDATES; i++) {
							values.increment("counter", 2, ValueExpiry.onCreate(Duration.ofMinutes(5)));
						}
						return 0;
					});
					assertThat(contexts.get(1).getBean(RedisValues.class).get("counter", Long.class))
						.contains(2L * TOTAL);
				});
	}

	private static int runOnEvery(List<AssertableApplicationContext> contexts, Work work) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(INSTANCES * THREADS);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (AssertableApplicationContext context : contexts) {
				RedisValues values = context.getBean(RedisValues.class);
				for (int thread = 0; thread < THREADS; thread++) {
					results.add(executor.submit((Callable<Integer>) () -> work.run(values)));
				}
			}
			int sum = 0;
			for (Future<Integer> result : results) {
				sum += result.get(2, TimeUnit.MINUTES);
			}
			return sum;
		}
		finally {
			executor.shutdownNow();
		}
	}

	@FunctionalInterface
	interface Work {

		int run(RedisValues values) throws Exception;

	}

	record Balance(long amount, List<Long> history) {
	}

}
