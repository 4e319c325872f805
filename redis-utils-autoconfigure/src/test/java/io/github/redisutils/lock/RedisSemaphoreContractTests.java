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

import io.github.redisutils.core.InvalidKeyPartException;
import io.github.redisutils.core.RedisKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The semaphore contract, on a single server and on Redis Cluster: permits never granted
 * beyond the count, release, expiry, extend, owner-only release and extend, watchdog
 * renewal, wake-up on release, bad input.
 *
 * @author redis-utils authors
 */
class RedisSemaphoreContractTests {

	private static final Duration NO_WAIT = Duration.ZERO;

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void permitsAreNeverGrantedBeyondTheCountAndComeBackOnRelease(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			RedisSemaphore semaphore = context.getBean(DistributedLocks.class).semaphore("exports", 5);
			assertThat(semaphore.name()).isEqualTo("exports");
			assertThat(semaphore.permits()).isEqualTo(5);
			assertThat(semaphore.availablePermits()).isEqualTo(5);
			PermitHandle two = semaphore.tryAcquire(2, NO_WAIT).orElseThrow();
			PermitHandle three = semaphore.tryAcquire(3, NO_WAIT).orElseThrow();
			assertThat(two.permits()).isEqualTo(2);
			assertThat(two.name()).isEqualTo("exports");
			assertThat(semaphore.availablePermits()).isZero();
			assertThat(semaphore.tryAcquire(NO_WAIT)).isEmpty();
			assertThat(semaphore.tryAcquire(1, Duration.ofMillis(200))).isEmpty();
			assertThat(two.isHeld()).isTrue();
			two.release();
			assertThat(two.isHeld()).isFalse();
			assertThat(semaphore.availablePermits()).isEqualTo(2);
			assertThat(semaphore.tryAcquire(3, NO_WAIT)).isEmpty();
			try (PermitHandle again = semaphore.tryAcquire(2, NO_WAIT).orElseThrow()) {
				assertThat(semaphore.availablePermits()).isZero();
			}
			three.close();
			assertThat(semaphore.availablePermits()).isEqualTo(5);
			assertThat(context.getBean(DistributedLocks.class).semaphore("other", 1).tryAcquire(NO_WAIT)).isPresent();
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void badInputIsRefusedWithTheArgumentNamed(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			assertThatIllegalArgumentException().isThrownBy(() -> locks.semaphore("bad", 0))
				.withMessageContaining("'permits'")
				.withMessageContaining("was 0");
			RedisSemaphore semaphore = locks.semaphore("bad", 3);
			assertThatIllegalArgumentException().isThrownBy(() -> semaphore.tryAcquire(0, NO_WAIT))
				.withMessageContaining("'permits'");
			assertThatIllegalArgumentException().isThrownBy(() -> semaphore.tryAcquire(4, Duration.ofSeconds(5)))
				.withMessageContaining("'permits' must not exceed the 3 permits of semaphore 'bad' (was 4)");
			assertThatIllegalArgumentException().isThrownBy(() -> semaphore.tryAcquire(Duration.ofSeconds(-1)))
				.withMessageContaining("'wait'");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> semaphore.tryAcquire(1, NO_WAIT, Duration.ofNanos(10)))
				.withMessageContaining("lease");
			assertThatExceptionOfType(InvalidKeyPartException.class).isThrownBy(() -> locks.semaphore("a{b}", 2));
			assertThat(semaphore.availablePermits()).isEqualTo(3);
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void holdersShareOneKeyUnderTheNameHashTagThatExpiresWithTheLongestLease(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			RedisSemaphore semaphore = context.getBean(DistributedLocks.class).semaphore("tagged", 3);
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			semaphore.tryAcquire(1, NO_WAIT, Duration.ofSeconds(20)).orElseThrow();
			semaphore.tryAcquire(2, NO_WAIT, Duration.ofSeconds(5)).orElseThrow();
			String key = LockTestSupport.semaphoreKey(context, "tagged");
			assertThat(key).endsWith(":lock:{tagged}:semaphore");
			assertThat(template.opsForZSet().zCard(key)).isEqualTo(2);
			assertThat(template.getExpire(key, TimeUnit.MILLISECONDS)).isBetween(15_000L, 20_000L);
			assertThat(template.opsForZSet().range(key, 0, -1)).allMatch((member) -> member.matches("[12]:[0-9a-f]+"));
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void permitsComeBackWhenTheirLeaseEndsAndOnlyTheirOwnerCanReleaseOrExtendThem(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			RedisSemaphore semaphore = context.getBean(DistributedLocks.class).semaphore("leased", 2);
			PermitHandle former = semaphore.tryAcquire(2, NO_WAIT, Duration.ofMillis(150)).orElseThrow();
			PermitHandle current = semaphore.tryAcquire(2, Duration.ofSeconds(5), Duration.ofSeconds(20)).orElseThrow();
			assertThat(former.isHeld()).isFalse();
			assertThatExceptionOfType(LockNotHeldException.class).isThrownBy(former::release)
				.withMessageContaining("2 permits of semaphore 'leased'");
			assertThatExceptionOfType(LockNotHeldException.class)
				.isThrownBy(() -> former.extend(Duration.ofSeconds(30)));
			assertThat(current.isHeld()).isTrue();
			assertThat(semaphore.availablePermits()).isZero();
			current.release();
			assertThatExceptionOfType(LockNotHeldException.class).isThrownBy(current::release)
				.withMessageContaining("released already");
			current.close();
			assertThat(semaphore.availablePermits()).isEqualTo(2);
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void extendKeepsThePermitsPastTheirFirstLease(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			RedisSemaphore semaphore = context.getBean(DistributedLocks.class).semaphore("extended", 1);
			PermitHandle handle = semaphore.tryAcquire(1, NO_WAIT, Duration.ofMillis(300)).orElseThrow();
			handle.extend(Duration.ofSeconds(20));
			Thread.sleep(600);
			assertThat(handle.isHeld()).isTrue();
			assertThat(semaphore.tryAcquire(NO_WAIT)).isEmpty();
			assertThat(context.getBean(StringRedisTemplate.class)
				.getExpire(LockTestSupport.semaphoreKey(context, "extended"), TimeUnit.SECONDS)).isGreaterThan(15);
			handle.release();
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void watchdogKeepsPermitsForSeveralLeasesAndWithPermitsReleasesThem(String[] redis) {
		LockTestSupport.instances(redis, "redis.lock.lease=300ms").run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			RedisSemaphore semaphore = locks.semaphore("renewed", 2);
			PermitHandle handle = semaphore.tryAcquire(2, NO_WAIT).orElseThrow();
			Thread.sleep(1200);
			assertThat(handle.isHeld()).isTrue();
			assertThat(semaphore.availablePermits()).isZero();
			assertThat(locks.status().heldPermits()).isEqualTo(2);
			assertThat(locks.status().renewing()).isEqualTo(1);
			assertThat(locks.heldLocks()).singleElement().satisfies((held) -> {
				assertThat(held.kind()).isEqualTo(LockKind.SEMAPHORE);
				assertThat(held.permits()).isEqualTo(2);
				assertThat(held.watchdog()).isTrue();
			});
			handle.release();
			assertThat(locks.status().heldPermits()).isZero();
			assertThat(locks.status().renewing()).isZero();
			assertThat(semaphore.withPermits(2, NO_WAIT, semaphore::availablePermits)).isZero();
			assertThat(semaphore.availablePermits()).isEqualTo(2);
			try (PermitHandle taken = semaphore.tryAcquire(NO_WAIT).orElseThrow()) {
				assertThatExceptionOfType(LockTimeoutException.class)
					.isThrownBy(() -> semaphore.withPermits(2, Duration.ofMillis(100), () -> "never"))
					.withMessageContaining("semaphore 'renewed'");
			}
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void watchdogRenewsALockPermitsAndAReadLockOfOneHashTagInOneBatch(String[] redis) {
		LockTestSupport.instances(redis, "redis.lock.lease=1s").run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			// Same name, so same hash tag and slot: one renewal script for a lock key and
			// two sorted sets of holders.
			LockHandle lock = locks.tryAcquire("mixed", NO_WAIT).orElseThrow();
			PermitHandle permits = locks.semaphore("mixed", 2).tryAcquire(1, NO_WAIT).orElseThrow();
			LockHandle reader = locks.readWriteLock("mixed").tryAcquireRead(NO_WAIT).orElseThrow();
			Thread.sleep(3500);
			assertThat(lock.isHeld()).isTrue();
			assertThat(permits.isHeld()).isTrue();
			assertThat(reader.isHeld()).isTrue();
			assertThat(locks.status().lost()).isZero();
			assertThat(locks.status().renewing()).isEqualTo(3);
			for (String key : new String[] { LockTestSupport.lockKey(context, "mixed"),
					LockTestSupport.semaphoreKey(context, "mixed"),
					LockTestSupport.readWriteKey(context, "mixed", "readers") }) {
				assertThat(template.getExpire(key, TimeUnit.MILLISECONDS)).as(key).isPositive();
			}
			assertThat(locks.semaphore("mixed", 2).availablePermits()).isEqualTo(1);
			lock.release();
			permits.release();
			reader.release();
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void waiterIsWokenByAReleaseLongBeforeItsNextPoll(String[] redis) {
		LockTestSupport.instances(redis, "redis.lock.poll-interval=20s").run((holderContext) -> {
			LockTestSupport.instances(redis, "redis.lock.poll-interval=20s")
				.withPropertyValues("redis.key-prefix=" + holderContext.getBean(RedisKeys.class).prefix())
				.run((waiterContext) -> {
					RedisSemaphore holder = holderContext.getBean(DistributedLocks.class).semaphore("hand-off", 3);
					RedisSemaphore waiter = waiterContext.getBean(DistributedLocks.class).semaphore("hand-off", 3);
					PermitHandle held = holder.tryAcquire(2, NO_WAIT).orElseThrow();
					PermitHandle other = holder.tryAcquire(1, NO_WAIT).orElseThrow();
					CompletableFuture<Optional<PermitHandle>> waiting = CompletableFuture
						.supplyAsync(() -> waiter.tryAcquire(2, Duration.ofSeconds(15)));
					Thread.sleep(500);
					assertThat(waiting).isNotDone();
					long released = System.nanoTime();
					held.release();
					Optional<PermitHandle> acquired = waiting.get(10, TimeUnit.SECONDS);
					long handOffMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - released);
					assertThat(acquired).isPresent();
					assertThat(handOffMillis).as("hand-off after release, with a 20 s poll interval").isLessThan(5_000);
					acquired.get().release();
					other.release();
				});
		});
	}

}
