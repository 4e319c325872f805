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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import io.github.redisutils.core.InvalidKeyPartException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The lock contract, on a single server and on Redis Cluster: acquire, exclusion, expiry,
 * release, extend, owner-only release and extend, fencing tokens, wake-up on release and
 * the {@link Lock} view.
 *
 * @author redis-utils authors
 */
class DistributedLocksContractTests {

	private static final Duration NO_WAIT = Duration.ZERO;

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void acquiredLockExcludesEveryoneElseUntilReleased(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			LockHandle handle = locks.tryAcquire("order:1", NO_WAIT).orElseThrow();
			assertThat(handle.name()).isEqualTo("order:1");
			assertThat(handle.fencingToken()).isPositive();
			assertThat(handle.isHeld()).isTrue();
			assertThat(locks.tryAcquire("order:1", NO_WAIT)).isEmpty();
			assertThat(locks.tryAcquire("order:1", Duration.ofMillis(200))).isEmpty();
			assertThat(locks.tryAcquire("order:2", NO_WAIT)).isPresent();
			handle.release();
			assertThat(handle.isHeld()).isFalse();
			assertThat(locks.tryAcquire("order:1", NO_WAIT)).isPresent();
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void keysShareAHashTagAndOnlyTheLockKeyExpires(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			locks.tryAcquire("invoice:7", NO_WAIT, Duration.ofSeconds(20)).orElseThrow();
			String lockKey = LockTestSupport.lockKey(context, "invoice:7");
			assertThat(lockKey).endsWith(":lock:{invoice:7}");
			assertThat(template.getExpire(lockKey, TimeUnit.MILLISECONDS)).isBetween(1L, 20_000L);
			assertThat(template.getExpire(LockTestSupport.fenceKey(context, "invoice:7"))).isEqualTo(-1L);
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void lockExpiresAfterItsLease(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			LockHandle first = locks.tryAcquire("expiring", NO_WAIT, Duration.ofMillis(200)).orElseThrow();
			LockHandle second = locks.tryAcquire("expiring", Duration.ofSeconds(5)).orElseThrow();
			assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
			assertThat(first.isHeld()).isFalse();
			assertThat(second.isHeld()).isTrue();
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void onlyTheOwnerCanReleaseOrExtendAndAFormerOwnerNeverDeletesTheNewLock(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			LockHandle former = locks.tryAcquire("owned", NO_WAIT, Duration.ofMillis(150)).orElseThrow();
			Thread.sleep(300);
			LockHandle current = locks.tryAcquire("owned", NO_WAIT, Duration.ofSeconds(20)).orElseThrow();
			assertThatExceptionOfType(LockNotHeldException.class).isThrownBy(former::release)
				.withMessageContaining("'owned'")
				.withMessageContaining("left untouched");
			LockHandle stale = locks.tryAcquire("other", NO_WAIT, Duration.ofMillis(150)).orElseThrow();
			Thread.sleep(300);
			locks.tryAcquire("other", NO_WAIT, Duration.ofSeconds(20)).orElseThrow();
			assertThatExceptionOfType(LockNotHeldException.class)
				.isThrownBy(() -> stale.extend(Duration.ofSeconds(30)));
			assertThat(current.isHeld()).isTrue();
			assertThat(former.fencingToken()).isLessThan(current.fencingToken());
			current.release();
			assertThatExceptionOfType(LockNotHeldException.class).isThrownBy(current::release)
				.withMessageContaining("released already");
			current.close();
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void extendKeepsTheLockPastItsFirstLease(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			LockHandle handle = locks.tryAcquire("extended", NO_WAIT, Duration.ofMillis(300)).orElseThrow();
			handle.extend(Duration.ofSeconds(20));
			Thread.sleep(600);
			assertThat(handle.isHeld()).isTrue();
			assertThat(locks.tryAcquire("extended", NO_WAIT)).isEmpty();
			assertThat(context.getBean(StringRedisTemplate.class)
				.getExpire(LockTestSupport.lockKey(context, "extended"), TimeUnit.SECONDS)).isGreaterThan(15);
			try (handle) {
				assertThat(handle.isHeld()).isTrue();
			}
			assertThat(handle.isHeld()).isFalse();
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void fencingTokensIncreaseAcrossHoldersExpiriesAndApplicationRestarts(String[] redis) {
		ApplicationContextRunner instances = LockTestSupport.instances(redis);
		long[] last = new long[1];
		instances.run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			for (int i = 0; i < 20; i++) {
				LockHandle handle = locks.tryAcquire("fenced", Duration.ofSeconds(5), Duration.ofMillis(50))
					.orElseThrow();
				assertThat(handle.fencingToken()).isGreaterThan(last[0]);
				last[0] = handle.fencingToken();
				if (i % 2 == 0) {
					handle.release();
				}
			}
		});
		// A new context stands for the application after a restart: same prefix, new
		// registry.
		instances.run((context) -> {
			try (LockHandle handle = context.getBean(DistributedLocks.class)
				.tryAcquire("fenced", Duration.ofSeconds(5))
				.orElseThrow()) {
				assertThat(handle.fencingToken()).isGreaterThan(last[0]);
			}
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void waiterIsWokenByTheReleaseLongBeforeItsNextPoll(String[] redis) {
		LockTestSupport.instances(redis, "redis.lock.poll-interval=20s").run((holderContext) -> {
			LockTestSupport.instances(redis, "redis.lock.poll-interval=20s")
				.withPropertyValues(
						"redis.key-prefix=" + holderContext.getBean(io.github.redisutils.core.RedisKeys.class).prefix())
				.run((waiterContext) -> {
					DistributedLocks holder = holderContext.getBean(DistributedLocks.class);
					DistributedLocks waiter = waiterContext.getBean(DistributedLocks.class);
					LockHandle held = holder.tryAcquire("hand-off", NO_WAIT).orElseThrow();
					CompletableFuture<Optional<LockHandle>> waiting = CompletableFuture
						.supplyAsync(() -> waiter.tryAcquire("hand-off", Duration.ofSeconds(15)));
					Thread.sleep(500);
					assertThat(waiting).isNotDone();
					long released = System.nanoTime();
					held.release();
					Optional<LockHandle> acquired = waiting.get(10, TimeUnit.SECONDS);
					long handOffMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - released);
					assertThat(acquired).isPresent();
					assertThat(handOffMillis).as("hand-off after release, with a 20 s poll interval").isLessThan(5_000);
					acquired.get().release();
				});
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void lockViewIsReentrantForItsThreadOnly(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			RedisLock lock = locks.get("view");
			lock.lock();
			assertThat(lock.tryLock()).isTrue();
			assertThat(locks.get("view").tryLock(10, TimeUnit.MILLISECONDS)).isTrue();
			assertThat(lock.isHeldByCurrentThread()).isTrue();
			long token = lock.fencingToken();
			CompletableFuture<Boolean> otherThread = CompletableFuture.supplyAsync(() -> {
				assertThat(lock.isHeldByCurrentThread()).isFalse();
				assertThatExceptionOfType(IllegalMonitorStateException.class).isThrownBy(lock::unlock);
				return lock.tryLock();
			});
			assertThat(otherThread.get(10, TimeUnit.SECONDS)).isFalse();
			lock.unlock();
			lock.unlock();
			assertThat(locks.tryAcquire("view", NO_WAIT)).isEmpty();
			lock.unlock();
			assertThat(lock.isHeldByCurrentThread()).isFalse();
			assertThatExceptionOfType(IllegalMonitorStateException.class).isThrownBy(lock::unlock);
			LockHandle next = locks.tryAcquire("view", NO_WAIT).orElseThrow();
			assertThat(next.fencingToken()).isGreaterThan(token);
			assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(lock::newCondition)
				.withMessageContaining("'view'");
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void withLockRunsTheActionUnderTheLockOrTimesOut(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			String result = locks.withLock("job", Duration.ofSeconds(1), () -> {
				assertThat(locks.tryAcquire("job", NO_WAIT)).isEmpty();
				return "done";
			});
			assertThat(result).isEqualTo("done");
			LockHandle held = locks.tryAcquire("job", NO_WAIT).orElseThrow();
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> locks.withLock("job", Duration.ofMillis(100), () -> "never"))
				.withMessageContaining("'job'");
			held.release();
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void invalidNamesAndArgumentsAreRejected(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			assertThatExceptionOfType(InvalidKeyPartException.class).isThrownBy(() -> locks.get("a{b}"));
			assertThatExceptionOfType(InvalidKeyPartException.class).isThrownBy(() -> locks.tryAcquire("", NO_WAIT));
			assertThatIllegalArgumentException().isThrownBy(() -> locks.tryAcquire("x", Duration.ofSeconds(-1)));
			assertThatIllegalArgumentException().isThrownBy(() -> locks.tryAcquire("x", NO_WAIT, Duration.ZERO));
		});
	}

}
