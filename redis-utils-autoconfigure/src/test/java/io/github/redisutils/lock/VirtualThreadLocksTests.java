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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsLockAutoConfiguration;
import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Locks with {@code spring.threads.virtual.enabled=true}: the library's threads are
 * virtual where the JVM has them (run this class on Java 21+ to see it; on Java 17 they
 * are platform threads), and locks held by virtual threads keep their per-acquisition,
 * per-thread ownership.
 *
 * @author redis-utils authors
 */
class VirtualThreadLocksTests {

	private final String prefix = "vt-" + UUID.randomUUID().toString().substring(0, 8);

	private ApplicationContextRunner instance() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					RedisUtilsAutoConfiguration.class, RedisUtilsLockAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues(RedisServers.standalone().springProperties())
			.withPropertyValues("redis.key-prefix=" + this.prefix, "spring.threads.virtual.enabled=true",
					"redis.lock.lease=1s");
	}

	@Test
	void theLibrarysThreadsAreVirtualWhereTheJvmHasThem() {
		instance().run((context) -> {
			RedisThreads threads = context.getBean(RedisThreads.class);
			assertThat(threads.isVirtual()).isEqualTo(RedisThreads.isVirtualSupported());
			System.out.println("Java " + Runtime.version().feature() + ": " + threads);
			Thread thread = threads.factory("lock-watchdog").newThread(() -> {
			});
			assertThat(thread.getName()).isEqualTo("redis-utils-lock-watchdog-1");
			assertThat(thread.isDaemon()).isTrue();
			assertThat(isVirtual(thread)).isEqualTo(RedisThreads.isVirtualSupported());
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			// Without a lease the watchdog (on a thread of this source) renews past the
			// 1 s lease.
			try (LockHandle handle = locks.tryAcquire("watched", Duration.ZERO, null).orElseThrow()) {
				Thread.sleep(2500);
				assertThat(handle.isHeld()).isTrue();
				assertThat(CompletableFuture
					.supplyAsync(() -> locks.tryAcquire("watched", Duration.ZERO).isPresent(),
							Executors.newCachedThreadPool(threads.factory("other")))
					.get(10, TimeUnit.SECONDS)).isFalse();
			}
		});
	}

	@Test
	void locksHeldByVirtualThreadsKeepTheirOwnership() {
		instance().run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			ExecutorService virtual = Executors
				.newCachedThreadPool(context.getBean(RedisThreads.class).factory("test"));
			try {
				RedisLock lock = locks.get("shared");
				// One virtual thread holds the lock; others cannot release or take it.
				CompletableFuture<Void> held = new CompletableFuture<>();
				CompletableFuture<Void> release = new CompletableFuture<>();
				CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
					lock.lock();
					try {
						held.complete(null);
						release.join();
					}
					finally {
						lock.unlock();
					}
				}, virtual);
				held.get(10, TimeUnit.SECONDS);
				CompletableFuture.runAsync(() -> {
					assertThat(lock.tryLock()).isFalse();
					assertThatExceptionOfType(IllegalMonitorStateException.class).isThrownBy(lock::unlock);
				}, virtual).get(10, TimeUnit.SECONDS);
				release.complete(null);
				holder.get(10, TimeUnit.SECONDS);
				// Many virtual threads, one holder at a time, each acquisition its own.
				AtomicInteger inside = new AtomicInteger();
				AtomicInteger overlaps = new AtomicInteger();
				List<CompletableFuture<Void>> all = new ArrayList<>();
				for (int i = 0; i < 50; i++) {
					all.add(CompletableFuture.runAsync(() -> {
						try (LockHandle handle = locks.tryAcquire("counted", Duration.ofSeconds(30)).orElseThrow()) {
							if (inside.incrementAndGet() > 1) {
								overlaps.incrementAndGet();
							}
							assertThat(handle.isHeld()).isTrue();
							inside.decrementAndGet();
						}
					}, virtual));
				}
				CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
				assertThat(overlaps).hasValue(0);
			}
			finally {
				virtual.shutdownNow();
			}
		});
	}

	private static boolean isVirtual(Thread thread) {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
