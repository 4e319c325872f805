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

import io.github.redisutils.core.RedisKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The read-write lock contract, on a single server and on Redis Cluster: readers share, a
 * writer excludes everyone, fencing tokens increase across both sides, a waiting writer
 * keeps new readers out and lets them in when it gives up, leases and owner-only release.
 *
 * @author redis-utils authors
 */
class RedisReadWriteLockContractTests {

	private static final Duration NO_WAIT = Duration.ZERO;

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void readersShareTheLockAndAWriterExcludesEveryone(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			RedisReadWriteLock lock = context.getBean(DistributedLocks.class).readWriteLock("catalog");
			assertThat(lock.name()).isEqualTo("catalog");
			LockHandle first = lock.tryAcquireRead(NO_WAIT).orElseThrow();
			LockHandle second = lock.tryAcquireRead(NO_WAIT).orElseThrow();
			assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
			assertThat(first.isHeld()).isTrue();
			assertThat(lock.tryAcquireWrite(NO_WAIT)).isEmpty();
			assertThat(lock.tryAcquireWrite(Duration.ofMillis(200))).isEmpty();
			first.release();
			assertThat(first.isHeld()).isFalse();
			assertThat(lock.tryAcquireWrite(NO_WAIT)).isEmpty();
			second.release();
			LockHandle writer = lock.tryAcquireWrite(NO_WAIT).orElseThrow();
			assertThat(writer.fencingToken()).isGreaterThan(second.fencingToken());
			assertThat(writer.isHeld()).isTrue();
			assertThat(lock.tryAcquireRead(NO_WAIT)).isEmpty();
			assertThat(lock.tryAcquireWrite(NO_WAIT)).isEmpty();
			assertThat(context.getBean(DistributedLocks.class).tryAcquire("catalog", NO_WAIT))
				.as("a lock of the same name is another lock")
				.isPresent();
			writer.release();
			try (LockHandle reader = lock.tryAcquireRead(NO_WAIT).orElseThrow()) {
				assertThat(reader.fencingToken()).isGreaterThan(writer.fencingToken());
			}
			assertThat(lock.withWriteLock(NO_WAIT, () -> "written")).isEqualTo("written");
			assertThat(lock.withReadLock(NO_WAIT, () -> "read")).isEqualTo("read");
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void keysShareTheNameHashTagAndOnlyTheFenceOutlivesTheLeases(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			RedisReadWriteLock lock = context.getBean(DistributedLocks.class).readWriteLock("tagged");
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			lock.tryAcquireRead(NO_WAIT, Duration.ofSeconds(20)).orElseThrow();
			String readers = LockTestSupport.readWriteKey(context, "tagged", "readers");
			assertThat(readers).endsWith(":lock:{tagged}:rw:readers");
			assertThat(template.getExpire(readers, TimeUnit.MILLISECONDS)).isBetween(1L, 20_000L);
			assertThat(template.getExpire(LockTestSupport.readWriteKey(context, "tagged", "fence"))).isEqualTo(-1L);
			RedisReadWriteLock other = context.getBean(DistributedLocks.class).readWriteLock("tagged-2");
			other.tryAcquireWrite(NO_WAIT, Duration.ofSeconds(20)).orElseThrow();
			assertThat(template.getExpire(LockTestSupport.readWriteKey(context, "tagged-2", "write"),
					TimeUnit.MILLISECONDS))
				.isBetween(1L, 20_000L);
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void aWaitingWriterKeepsNewReadersOutAndGetsTheLockWhenTheReadersLeave(String[] redis) {
		LockTestSupport.instances(redis).run((readerContext) -> {
			LockTestSupport.instances(redis)
				.withPropertyValues("redis.key-prefix=" + readerContext.getBean(RedisKeys.class).prefix())
				.run((writerContext) -> {
					RedisReadWriteLock readers = readerContext.getBean(DistributedLocks.class)
						.readWriteLock("preferred");
					RedisReadWriteLock writers = writerContext.getBean(DistributedLocks.class)
						.readWriteLock("preferred");
					LockHandle reader = readers.tryAcquireRead(NO_WAIT).orElseThrow();
					CompletableFuture<Optional<LockHandle>> writer = CompletableFuture
						.supplyAsync(() -> writers.tryAcquireWrite(Duration.ofSeconds(20)));
					Thread.sleep(500);
					assertThat(writer).isNotDone();
					assertThat(readers.tryAcquireRead(NO_WAIT)).as("a new reader while a writer waits").isEmpty();
					CompletableFuture<Optional<LockHandle>> lateReader = CompletableFuture
						.supplyAsync(() -> readers.tryAcquireRead(Duration.ofSeconds(20)));
					Thread.sleep(300);
					reader.release();
					LockHandle written = writer.get(10, TimeUnit.SECONDS).orElseThrow();
					assertThat(lateReader).isNotDone();
					assertThat(written.fencingToken()).isGreaterThan(reader.fencingToken());
					written.release();
					LockHandle late = lateReader.get(10, TimeUnit.SECONDS).orElseThrow();
					assertThat(late.fencingToken()).isGreaterThan(written.fencingToken());
					late.release();
				});
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void aWriterThatGivesUpLetsReadersInAtOnce(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			RedisReadWriteLock lock = context.getBean(DistributedLocks.class).readWriteLock("given-up");
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			LockHandle reader = lock.tryAcquireRead(NO_WAIT).orElseThrow();
			assertThat(lock.tryAcquireWrite(Duration.ofMillis(300))).isEmpty();
			assertThat(template.hasKey(LockTestSupport.readWriteKey(context, "given-up", "waiting"))).isFalse();
			assertThat(lock.tryAcquireRead(NO_WAIT)).isPresent();
			assertThat(lock.tryAcquireWrite(NO_WAIT)).as("a single attempt").isEmpty();
			assertThat(lock.tryAcquireRead(NO_WAIT)).as("after a single attempt of a writer").isPresent();
			reader.release();
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void leasesEndAndOnlyTheOwnerCanReleaseOrExtendEitherSide(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			RedisReadWriteLock lock = context.getBean(DistributedLocks.class).readWriteLock("leased");
			LockHandle reader = lock.tryAcquireRead(NO_WAIT, Duration.ofMillis(150)).orElseThrow();
			LockHandle writer = lock.tryAcquireWrite(Duration.ofSeconds(5), Duration.ofMillis(300)).orElseThrow();
			assertThat(reader.isHeld()).isFalse();
			assertThatExceptionOfType(LockNotHeldException.class).isThrownBy(reader::release)
				.withMessageContaining("read lock 'leased'");
			LockHandle next = lock.tryAcquireWrite(Duration.ofSeconds(5), Duration.ofSeconds(20)).orElseThrow();
			assertThat(next.fencingToken()).isGreaterThan(writer.fencingToken());
			assertThatExceptionOfType(LockNotHeldException.class).isThrownBy(writer::release)
				.withMessageContaining("write lock 'leased'");
			assertThatExceptionOfType(LockNotHeldException.class)
				.isThrownBy(() -> writer.extend(Duration.ofSeconds(30)));
			assertThat(next.isHeld()).isTrue();
			next.extend(Duration.ofSeconds(30));
			next.release();
			LockHandle extended = lock.tryAcquireRead(NO_WAIT, Duration.ofMillis(300)).orElseThrow();
			extended.extend(Duration.ofSeconds(20));
			Thread.sleep(600);
			assertThat(extended.isHeld()).isTrue();
			assertThat(lock.tryAcquireWrite(NO_WAIT)).isEmpty();
			assertThatExceptionOfType(UnsupportedOperationException.class)
				.isThrownBy(() -> extended.release(Duration.ofSeconds(1)));
			extended.release();
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void badWaitsAreRefusedWithTheArgumentNamed(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			RedisReadWriteLock lock = context.getBean(DistributedLocks.class).readWriteLock("bad");
			assertThatIllegalArgumentException().isThrownBy(() -> lock.tryAcquireWrite(null))
				.withMessageContaining("'wait'");
			assertThatIllegalArgumentException().isThrownBy(() -> lock.tryAcquireRead(null))
				.withMessageContaining("'wait'");
			assertThatIllegalArgumentException().isThrownBy(() -> lock.tryAcquireWrite(Duration.ofSeconds(-1)))
				.withMessageContaining("'wait'");
			assertThatIllegalArgumentException().isThrownBy(() -> lock.tryAcquireRead(Duration.ofSeconds(-1)))
				.withMessageContaining("'wait'");
			LockHandle writer = lock.tryAcquireWrite(NO_WAIT).orElseThrow();
			assertThatIllegalStateException().isThrownBy(() -> writer.release(Duration.ofSeconds(1)))
				.withMessageStartingWith("Write lock 'bad' is renewed by the watchdog");
			writer.release();
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void watchdogKeepsBothSidesAndStatusCountsThem(String[] redis) {
		LockTestSupport.instances(redis, "redis.lock.lease=300ms").run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			LockHandle reader = locks.readWriteLock("renewed-r").tryAcquireRead(NO_WAIT).orElseThrow();
			LockHandle writer = locks.readWriteLock("renewed-w").tryAcquireWrite(NO_WAIT).orElseThrow();
			Thread.sleep(1200);
			assertThat(reader.isHeld()).isTrue();
			assertThat(writer.isHeld()).isTrue();
			assertThat(locks.readWriteLock("renewed-r").tryAcquireWrite(NO_WAIT)).isEmpty();
			assertThat(locks.readWriteLock("renewed-w").tryAcquireRead(NO_WAIT)).isEmpty();
			LocksStatus status = locks.status();
			assertThat(status.held()).isZero();
			assertThat(status.heldReadLocks()).isEqualTo(1);
			assertThat(status.heldWriteLocks()).isEqualTo(1);
			assertThat(status.renewing()).isEqualTo(2);
			assertThat(locks.heldLocks()).extracting(HeldLock::kind).containsExactly(LockKind.READ, LockKind.WRITE);
			reader.release();
			writer.release();
			assertThat(locks.status().renewing()).isZero();
		});
	}

}
