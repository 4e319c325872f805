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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Semaphores and read-write locks across application instances, on a single server and on
 * Redis Cluster: three contexts with eight threads each never hold more permits than the
 * semaphore has, and never see a writer beside a reader or another writer.
 *
 * @author redis-utils authors
 */
class SemaphoreAndReadWriteLockConcurrencyTests {

	private static final int INSTANCES = 3;

	private static final int THREADS = 8;

	private static final int ROUNDS = 30;

	private static final int PERMITS = 4;

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void permitsAreNeverOverGrantedAcrossInstancesAndThreads(String[] redis) {
		ApplicationContextRunner instances = LockTestSupport.instances(redis);
		LockTestSupport.runInstances(instances, INSTANCES, (contexts) -> {
			AtomicInteger inside = new AtomicInteger();
			AtomicInteger mostInside = new AtomicInteger();
			AtomicInteger overGranted = new AtomicInteger();
			AtomicInteger acquisitions = new AtomicInteger();
			run(contexts, (locks) -> {
				RedisSemaphore semaphore = locks.semaphore("bounded", PERMITS);
				for (int i = 0; i < ROUNDS; i++) {
					int permits = ThreadLocalRandom.current().nextInt(1, 3);
					// Half fixed leases, half renewed by the watchdog.
					Duration lease = (i % 2 == 0) ? Duration.ofSeconds(30) : null;
					try (PermitHandle handle = semaphore.tryAcquire(permits, Duration.ofSeconds(60), lease)
						.orElseThrow()) {
						int now = inside.addAndGet(handle.permits());
						mostInside.accumulateAndGet(now, Math::max);
						if (now > PERMITS) {
							overGranted.incrementAndGet();
						}
						Thread.sleep(ThreadLocalRandom.current().nextInt(3));
						inside.addAndGet(-handle.permits());
						acquisitions.incrementAndGet();
					}
				}
			});
			assertThat(overGranted).hasValue(0);
			assertThat(acquisitions).hasValue(INSTANCES * THREADS * ROUNDS);
			assertThat(mostInside.get()).isBetween(2, PERMITS);
			assertThat(contexts.get(0).getBean(DistributedLocks.class).semaphore("bounded", PERMITS).availablePermits())
				.isEqualTo(PERMITS);
			for (ConfigurableApplicationContext context : contexts) {
				assertThat(context.getBean(DistributedLocks.class).status().heldPermits()).isZero();
			}
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void readersAndWritersExcludeEachOtherAcrossInstancesAndThreads(String[] redis) {
		ApplicationContextRunner instances = LockTestSupport.instances(redis);
		LockTestSupport.runInstances(instances, INSTANCES, (contexts) -> {
			AtomicInteger readers = new AtomicInteger();
			AtomicInteger writers = new AtomicInteger();
			AtomicInteger violations = new AtomicInteger();
			AtomicInteger mostReaders = new AtomicInteger();
			AtomicInteger writes = new AtomicInteger();
			AtomicLong lastWriteFence = new AtomicLong();
			AtomicInteger fenceRegressions = new AtomicInteger();
			run(contexts, (locks) -> {
				RedisReadWriteLock lock = locks.readWriteLock("shared");
				for (int i = 0; i < ROUNDS; i++) {
					if (ThreadLocalRandom.current().nextInt(4) == 0) {
						try (LockHandle handle = lock.tryAcquireWrite(Duration.ofSeconds(60)).orElseThrow()) {
							if (writers.incrementAndGet() != 1 || readers.get() != 0) {
								violations.incrementAndGet();
							}
							if (handle.fencingToken() <= lastWriteFence.getAndSet(handle.fencingToken())) {
								fenceRegressions.incrementAndGet();
							}
							Thread.sleep(1);
							writes.incrementAndGet();
							writers.decrementAndGet();
						}
					}
					else {
						try (LockHandle handle = lock.tryAcquireRead(Duration.ofSeconds(60)).orElseThrow()) {
							mostReaders.accumulateAndGet(readers.incrementAndGet(), Math::max);
							if (writers.get() != 0) {
								violations.incrementAndGet();
							}
							Thread.sleep(ThreadLocalRandom.current().nextInt(3));
							readers.decrementAndGet();
						}
					}
				}
			});
			assertThat(violations).hasValue(0);
			assertThat(fenceRegressions).hasValue(0);
			assertThat(writes.get()).isPositive();
			assertThat(mostReaders.get()).as("readers at once").isGreaterThan(1);
			for (ConfigurableApplicationContext context : contexts) {
				LocksStatus status = context.getBean(DistributedLocks.class).status();
				assertThat(status.heldReadLocks() + status.heldWriteLocks()).isZero();
			}
		});
	}

	private static void run(List<? extends ConfigurableApplicationContext> contexts, Worker worker) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(contexts.size() * THREADS);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (ConfigurableApplicationContext context : contexts) {
				DistributedLocks locks = context.getBean(DistributedLocks.class);
				for (int thread = 0; thread < THREADS; thread++) {
					futures.add(executor.submit(() -> {
						start.await();
						worker.work(locks);
						return null;
					}));
				}
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(5, TimeUnit.MINUTES);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@FunctionalInterface
	private interface Worker {

		void work(DistributedLocks locks) throws Exception;

	}

}
