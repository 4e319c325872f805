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
package io.github.redisutils.lock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutual exclusion across application instances: two contexts with 16 threads each
 * increment a counter kept in Redis with a non-atomic read and write under one lock.
 *
 * @author redis-utils authors
 */
class DistributedLocksMutualExclusionTests {

	private static final int INSTANCES = 2;

	private static final int THREADS = 16;

	private static final int INCREMENTS = 100;

	@Test
	void instancesAndThreadsNeverOverlapAndNoIncrementIsLost() throws Exception {
		ApplicationContextRunner instances = LockTestSupport.instances(RedisServers.standalone().springProperties());
		LockTestSupport.runInstances(instances, INSTANCES, this::incrementConcurrently);
	}

	private void incrementConcurrently(List<? extends ConfigurableApplicationContext> contexts) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(INSTANCES * THREADS);
		try {
			StringRedisTemplate template = contexts.get(0).getBean(StringRedisTemplate.class);
			String counterKey = contexts.get(0).getBean(RedisKeys.class).feature("test").key("counter");
			template.opsForValue().set(counterKey, "0");
			AtomicInteger inside = new AtomicInteger();
			AtomicInteger overlaps = new AtomicInteger();
			AtomicLong lastFence = new AtomicLong();
			AtomicInteger fenceRegressions = new AtomicInteger();
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int instance = 0; instance < INSTANCES; instance++) {
				DistributedLocks locks = contexts.get(instance).getBean(DistributedLocks.class);
				for (int thread = 0; thread < THREADS; thread++) {
					boolean useLockView = (thread % 2 == 0);
					futures.add(executor.submit(() -> {
						start.await();
						for (int i = 0; i < INCREMENTS; i++) {
							RedisLock lock = locks.get("counter");
							LockHandle handle = null;
							long fence;
							if (useLockView) {
								lock.lock();
								fence = lock.fencingToken();
							}
							else {
								handle = locks.tryAcquire("counter", Duration.ofSeconds(60)).orElseThrow();
								fence = handle.fencingToken();
							}
							try {
								if (inside.incrementAndGet() != 1) {
									overlaps.incrementAndGet();
								}
								if (fence <= lastFence.getAndSet(fence)) {
									fenceRegressions.incrementAndGet();
								}
								long value = Long.parseLong(template.opsForValue().get(counterKey));
								template.opsForValue().set(counterKey, Long.toString(value + 1));
								inside.decrementAndGet();
							}
							finally {
								if (handle != null) {
									handle.release();
								}
								else {
									lock.unlock();
								}
							}
						}
						return null;
					}));
				}
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(5, TimeUnit.MINUTES);
			}
			assertThat(template.opsForValue().get(counterKey))
				.isEqualTo(Integer.toString(INSTANCES * THREADS * INCREMENTS));
			assertThat(overlaps).hasValue(0);
			assertThat(fenceRegressions).hasValue(0);
			for (ConfigurableApplicationContext context : contexts) {
				assertThat(context.getBean(DistributedLocks.class).status().held()).isZero();
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

}
