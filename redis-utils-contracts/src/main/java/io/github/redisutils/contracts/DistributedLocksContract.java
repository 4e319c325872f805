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

package io.github.redisutils.contracts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.lock.LockHandle;
import io.github.redisutils.lock.LockNotHeldException;
import io.github.redisutils.lock.LockTimeoutException;
import io.github.redisutils.lock.RedisLock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The contract of {@link DistributedLocks}, as tests. An implementation proves it keeps
 * the contract by extending this class:
 *
 * <pre class="code">
 * class MyLocksContractTests extends DistributedLocksContract {
 *
 *     &#64;Override
 *     protected DistributedLocks locks() {
 *         return this.myLocks;
 *     }
 *
 *     &#64;Override
 *     protected DistributedLocks otherInstance() {
 *         return this.myLocksOfASecondApplicationInstance;
 *     }
 *
 * }
 * </pre>
 *
 * What it states: a lock excludes every other holder, in this instance and in others,
 * until released or expired; only the holder releases or extends it, and a former holder
 * never disturbs the next one; fencing tokens strictly increase across holders, expiries
 * and instances; a waiter gets a released lock at once; the {@link RedisLock} view is
 * reentrant for its thread only; concurrent holders never overlap. Every test uses lock
 * names of its own, so the class may run against a shared server.
 *
 * @author redis-utils authors
 */
public abstract class DistributedLocksContract {

	private static final Duration NO_WAIT = Duration.ZERO;

	private final String prefix = "contract-" + UUID.randomUUID().toString().substring(0, 8) + ":";

	/**
	 * Return the implementation under test.
	 * @return the locks
	 */
	protected abstract DistributedLocks locks();

	/**
	 * Return the locks of a second instance of the same application: another object
	 * sharing the first one's locks, as a second JVM would. Defaults to {@link #locks()}.
	 * @return the second instance's locks
	 */
	protected DistributedLocks otherInstance() {
		return locks();
	}

	/**
	 * Return a lock name unique to this test class instance.
	 * @param name the name within the test
	 * @return the unique name
	 */
	protected String name(String name) {
		return this.prefix + name;
	}

	@Test
	void anAcquiredLockExcludesEveryoneElseUntilReleased() {
		String name = name("exclusive");
		LockHandle handle = locks().tryAcquire(name, NO_WAIT).orElseThrow();
		assertThat(handle.name()).isEqualTo(name);
		assertThat(handle.isHeld()).isTrue();
		assertThat(locks().tryAcquire(name, NO_WAIT)).isEmpty();
		assertThat(otherInstance().tryAcquire(name, Duration.ofMillis(200))).isEmpty();
		assertThat(locks().tryAcquire(name("another"), NO_WAIT)).isPresent();
		handle.release();
		assertThat(handle.isHeld()).isFalse();
		assertThat(otherInstance().tryAcquire(name, NO_WAIT)).isPresent();
	}

	@Test
	void aLockExpiresAfterItsLease() {
		String name = name("expiring");
		LockHandle first = locks().tryAcquire(name, NO_WAIT, Duration.ofMillis(200)).orElseThrow();
		LockHandle second = otherInstance().tryAcquire(name, Duration.ofSeconds(5)).orElseThrow();
		assertThat(first.isHeld()).isFalse();
		assertThat(second.isHeld()).isTrue();
		assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
		second.release();
	}

	@Test
	void aFormerHolderCanNeitherReleaseNorExtendTheNextHoldersLock() throws InterruptedException {
		String name = name("owned");
		LockHandle former = locks().tryAcquire(name, NO_WAIT, Duration.ofMillis(150)).orElseThrow();
		Thread.sleep(400);
		LockHandle current = otherInstance().tryAcquire(name, NO_WAIT, Duration.ofSeconds(20)).orElseThrow();
		assertThatExceptionOfType(LockNotHeldException.class).isThrownBy(former::release);
		assertThatExceptionOfType(LockNotHeldException.class).isThrownBy(() -> former.extend(Duration.ofSeconds(30)));
		assertThat(current.isHeld()).isTrue();
		assertThat(locks().tryAcquire(name, NO_WAIT)).isEmpty();
		current.release();
	}

	@Test
	void aLockCannotBeReleasedTwice() {
		LockHandle handle = locks().tryAcquire(name("twice"), NO_WAIT).orElseThrow();
		handle.release();
		assertThatExceptionOfType(LockNotHeldException.class).isThrownBy(handle::release);
	}

	@Test
	void extendingKeepsTheLockPastItsFirstLease() throws InterruptedException {
		String name = name("extended");
		LockHandle handle = locks().tryAcquire(name, NO_WAIT, Duration.ofMillis(300)).orElseThrow();
		handle.extend(Duration.ofSeconds(20));
		Thread.sleep(700);
		assertThat(handle.isHeld()).isTrue();
		assertThat(otherInstance().tryAcquire(name, NO_WAIT)).isEmpty();
		handle.close();
		assertThat(handle.isHeld()).isFalse();
	}

	@Test
	void fencingTokensStrictlyIncreaseAcrossHoldersAndInstances() {
		String name = name("fenced");
		long last = 0;
		for (int i = 0; i < 20; i++) {
			DistributedLocks locks = (i % 2 == 0) ? locks() : otherInstance();
			LockHandle handle = locks.tryAcquire(name, Duration.ofSeconds(5)).orElseThrow();
			assertThat(handle.fencingToken()).isGreaterThan(last);
			last = handle.fencingToken();
			handle.release();
		}
	}

	@Test
	void aWaiterGetsTheLockSoonAfterItIsReleased() throws Exception {
		String name = name("handed-over");
		LockHandle holder = locks().tryAcquire(name, NO_WAIT).orElseThrow();
		CompletableFuture<Optional<LockHandle>> waiter = CompletableFuture
			.supplyAsync(() -> otherInstance().tryAcquire(name, Duration.ofSeconds(20)));
		Thread.sleep(300);
		assertThat(waiter).isNotDone();
		long released = System.nanoTime();
		holder.release();
		Optional<LockHandle> acquired = waiter.get(20, TimeUnit.SECONDS);
		assertThat(acquired).isPresent();
		assertThat(Duration.ofNanos(System.nanoTime() - released)).isLessThan(Duration.ofSeconds(2));
		acquired.get().release();
	}

	@Test
	void theLockViewIsReentrantForItsThreadOnly() throws Exception {
		RedisLock lock = locks().get(name("view"));
		lock.lock();
		try {
			assertThat(lock.tryLock()).isTrue();
			assertThat(lock.isHeldByCurrentThread()).isTrue();
			boolean otherThread = CompletableFuture.supplyAsync(() -> locks().get(lock.name()).tryLock())
				.get(10, TimeUnit.SECONDS);
			assertThat(otherThread).isFalse();
			lock.unlock();
			assertThat(lock.isHeldByCurrentThread()).isTrue();
		}
		finally {
			lock.unlock();
		}
		assertThat(lock.isHeldByCurrentThread()).isFalse();
		assertThat(otherInstance().tryAcquire(lock.name(), NO_WAIT)).isPresent();
	}

	@Test
	void withLockRunsTheActionUnderTheLockOrTimesOut() {
		String name = name("guarded");
		assertThat(locks().withLock(name, NO_WAIT, () -> otherInstance().tryAcquire(name, NO_WAIT).isEmpty())).isTrue();
		LockHandle holder = otherInstance().tryAcquire(name, NO_WAIT).orElseThrow();
		assertThatExceptionOfType(LockTimeoutException.class)
			.isThrownBy(() -> locks().withLock(name, Duration.ofMillis(100), () -> "never"));
		holder.release();
	}

	@Test
	void concurrentHoldersOnTwoInstancesNeverOverlap() throws Exception {
		String name = name("contended");
		AtomicInteger holders = new AtomicInteger();
		AtomicInteger overlaps = new AtomicInteger();
		AtomicInteger completed = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				DistributedLocks locks = (t % 2 == 0) ? locks() : otherInstance();
				work.add(threads.submit(() -> {
					for (int i = 0; i < 10; i++) {
						LockHandle handle = locks.tryAcquire(name, Duration.ofSeconds(30)).orElseThrow();
						if (holders.incrementAndGet() != 1) {
							overlaps.incrementAndGet();
						}
						Thread.onSpinWait();
						holders.decrementAndGet();
						handle.release();
						completed.incrementAndGet();
					}
					return null;
				}));
			}
			for (Future<?> future : work) {
				future.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(overlaps).hasValue(0);
		assertThat(completed).hasValue(80);
	}

}
