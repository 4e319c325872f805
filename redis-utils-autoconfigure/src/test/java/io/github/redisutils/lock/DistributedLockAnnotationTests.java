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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link DistributedLock @DistributedLock} through Spring AOP, as auto-configured.
 *
 * @author redis-utils authors
 */
class DistributedLockAnnotationTests {

	private final ApplicationContextRunner contextRunner = LockTestSupport
		.instances(RedisServers.standalone().springProperties(), "redis.lock.wait=200ms")
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
		.withBean(Inventory.class);

	@Test
	void annotatedMethodRunsUnderTheLockNamedByItsExpression() {
		this.contextRunner.run((context) -> {
			Inventory inventory = context.getBean(Inventory.class);
			assertThat(AopUtils.isAopProxy(inventory)).isTrue();
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			assertThat(inventory.heldWhileRunning("a-1", locks)).isTrue();
			assertThat(locks.tryAcquire("sku:a-1", Duration.ZERO)).isPresent();
		});
	}

	@Test
	void concurrentCallsOfOneKeyNeverOverlap() {
		this.contextRunner.run((context) -> {
			Inventory inventory = context.getBean(Inventory.class);
			ExecutorService executor = Executors.newFixedThreadPool(8);
			try {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<?>> futures = new ArrayList<>();
				for (int thread = 0; thread < 8; thread++) {
					futures.add(executor.submit(() -> {
						start.await();
						for (int i = 0; i < 50; i++) {
							inventory.increment("shared");
						}
						return null;
					}));
				}
				start.countDown();
				for (Future<?> future : futures) {
					future.get(2, TimeUnit.MINUTES);
				}
			}
			finally {
				executor.shutdownNow();
			}
			assertThat(inventory.count()).isEqualTo(400);
			assertThat(inventory.overlaps()).isZero();
		});
	}

	@Test
	void callThatCannotGetTheLockWithinItsWaitFailsWithoutRunning() {
		this.contextRunner.run((context) -> {
			Inventory inventory = context.getBean(Inventory.class);
			LockHandle held = context.getBean(DistributedLocks.class)
				.tryAcquire("sku:busy", Duration.ZERO)
				.orElseThrow();
			CompletableFuture<Void> call = CompletableFuture.runAsync(() -> inventory.byName("sku:busy"));
			assertThatExceptionOfType(Exception.class).isThrownBy(() -> call.get(10, TimeUnit.SECONDS))
				.withRootCauseInstanceOf(LockTimeoutException.class)
				.withMessageContaining("'sku:busy'");
			assertThat(inventory.byNameCalls()).isZero();
			held.release();
		});
	}

	@Test
	void keyThatEvaluatesToNullFailsNamingTheMethod() {
		this.contextRunner.run((context) -> assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> context.getBean(Inventory.class).byName(null))
			.withMessageContaining("byName")
			.withMessageContaining("evaluated to null"));
	}

	@Test
	void invalidWaitTimeFailsNamingTheAttribute() {
		this.contextRunner.run((context) -> assertThatIllegalStateException()
			.isThrownBy(() -> context.getBean(Inventory.class).badWait())
			.withMessageContaining("waitTime 'soon'"));
	}

	static class Inventory {

		private int count;

		private int overlaps;

		private int byNameCalls;

		private boolean inside;

		@DistributedLock(key = "'sku:' + #sku", waitTime = "60s")
		public void increment(String sku) {
			if (this.inside) {
				this.overlaps++;
			}
			this.inside = true;
			int read = this.count;
			Thread.yield();
			this.count = read + 1;
			this.inside = false;
		}

		@DistributedLock(key = "'sku:' + #p0", leaseTime = "10s")
		public boolean heldWhileRunning(String sku, DistributedLocks locks) {
			return locks.tryAcquire("sku:" + sku, Duration.ZERO).isEmpty();
		}

		@DistributedLock(key = "#name")
		public void byName(String name) {
			this.byNameCalls++;
		}

		public int count() {
			return this.count;
		}

		public int overlaps() {
			return this.overlaps;
		}

		public int byNameCalls() {
			return this.byNameCalls;
		}

		@DistributedLock(key = "'x'", waitTime = "soon")
		public void badWait() {
		}

	}

}
