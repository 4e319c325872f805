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
package io.github.redisutils.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.redisutils.cache.CacheTestSupport.CachingConfiguration;
import io.github.redisutils.cache.CacheTestSupport.Order;
import io.github.redisutils.cache.CacheTestSupport.OrderService;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stampede tests: several application contexts, standing for instances, times many
 * threads miss one key at the same moment, and the loader runs once.
 *
 * @author redis-utils authors
 */
class SingleFlightTests {

	private static final int THREADS = 32;

	private static final int ROUNDS = 25;

	@Test
	void getOrLoadRunsTheLoaderOnceAcrossInstancesAndThreads() throws Exception {
		ApplicationContextRunner runner = CacheTestSupport.contextRunner(RedisServers.standalone().springProperties());
		runner.run((first) -> runner.run((second) -> {
			List<CacheStore> instances = List.of(first.getBean(CacheStore.class), second.getBean(CacheStore.class));
			for (int round = 0; round < ROUNDS; round++) {
				String key = "stampede-" + round;
				AtomicInteger loads = new AtomicInteger();
				List<Object> results = stampede(instances.size(),
						(instance) -> instances.get(instance).getOrLoad(key, Order.class, Duration.ofMinutes(1), () -> {
							Thread.sleep(30);
							return new Order(key, loads.incrementAndGet());
						}));
				assertThat(loads).as("loads in round %d", round).hasValue(1);
				assertThat(results).hasSize(2 * THREADS).containsOnly(new Order(key, 1));
			}
		}));
	}

	@Test
	void cacheableSyncRunsTheMethodOnceAcrossInstancesAndThreads() throws Exception {
		ApplicationContextRunner runner = CacheTestSupport.contextRunner(RedisServers.standalone().springProperties())
			.withUserConfiguration(CachingConfiguration.class);
		runner.run((first) -> runner.run((second) -> {
			List<OrderService> instances = List.of(first.getBean(OrderService.class),
					second.getBean(OrderService.class));
			instances.forEach((service) -> service.loadMillis(30));
			for (int round = 0; round < ROUNDS; round++) {
				String key = "synced-" + round;
				int before = calls(instances);
				List<Object> results = stampede(instances.size(), (instance) -> instances.get(instance).synced(key));
				assertThat(calls(instances) - before).as("calls in round %d", round).isEqualTo(1);
				assertThat(results).hasSize(2 * THREADS).containsOnly(new Order(key, 1));
			}
		}));
	}

	@Test
	void stampedeOnClusterLoadsOnce() throws Exception {
		ApplicationContextRunner runner = CacheTestSupport.contextRunner(RedisServers.cluster().springProperties());
		runner.run((first) -> runner.run((second) -> {
			List<CacheStore> instances = List.of(first.getBean(CacheStore.class), second.getBean(CacheStore.class));
			for (int round = 0; round < 10; round++) {
				String key = "cluster-stampede-" + round;
				String namespace = "tenant-" + round % 3;
				AtomicInteger loads = new AtomicInteger();
				stampede(instances.size(),
						(instance) -> instances.get(instance)
							.namespace(namespace)
							.getOrLoad(key, Integer.class, Duration.ofMinutes(1), () -> {
								Thread.sleep(30);
								return loads.incrementAndGet();
							}));
				assertThat(loads).as("loads in round %d", round).hasValue(1);
			}
		}));
	}

	@Test
	void markerOfAnInstanceThatDiedExpiresAndTheWaiterLoads() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties())
			.withPropertyValues("redis.cache.single-flight.lease=10s", "redis.cache.single-flight.wait=300ms")
			.run((context) -> {
				// Another instance took the marker and died before it wrote the value.
				StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
				String marker = context.getBean(RedisKeys.class).feature("cache").key("orphan", "~loading");
				redis.opsForValue().set(marker, "dead-instance", Duration.ofMillis(800));
				CacheStore store = context.getBean(CacheStore.class);
				long start = System.nanoTime();
				assertThat(store.getOrLoad("orphan", Integer.class, Duration.ofMinutes(1), () -> 1)).isEqualTo(1);
				Duration waited = Duration.ofNanos(System.nanoTime() - start);
				// The wait is bounded: the caller loads itself after 300 ms.
				assertThat(waited).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
				assertThat(RedisUtilsCacheTests.counter(context, "redis.cache.loads", RedisCaches.STORE_NAME))
					.isEqualTo(1);
				// Once the dead instance's marker has expired, a miss takes the marker
				// at once.
				Thread.sleep(900);
				assertThat(redis.hasKey(marker)).isFalse();
				start = System.nanoTime();
				assertThat(store.getOrLoad("orphan-2", Integer.class, Duration.ofMinutes(1), () -> 2)).isEqualTo(2);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(250));
				assertThat(redis.opsForValue().get(marker)).isNull();
			});
	}

	private static int calls(List<OrderService> services) {
		return services.stream().mapToInt(OrderService::calls).sum();
	}

	/**
	 * Run a call from {@link #THREADS} threads per instance, released together.
	 */
	private static List<Object> stampede(int instances, InstanceCall call) throws Exception {
		int parties = instances * THREADS;
		ExecutorService executor = Executors.newFixedThreadPool(parties);
		try {
			CyclicBarrier barrier = new CyclicBarrier(parties);
			List<Future<Object>> futures = new ArrayList<>();
			for (int i = 0; i < parties; i++) {
				int instance = i % instances;
				Callable<Object> task = () -> {
					barrier.await(30, TimeUnit.SECONDS);
					return call.call(instance);
				};
				futures.add(executor.submit(task));
			}
			List<Object> results = new ArrayList<>();
			for (Future<Object> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	@FunctionalInterface
	interface InstanceCall {

		Object call(int instance) throws Exception;

	}

}
