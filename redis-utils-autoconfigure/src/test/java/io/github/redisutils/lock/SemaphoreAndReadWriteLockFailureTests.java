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
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.lock.LockLostEvent.Reason;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Semaphores and read-write locks under failure: a holder that crashes, permits and locks
 * deleted behind the watchdog's back, and Redis going away; and their meters.
 *
 * @author redis-utils authors
 */
class SemaphoreAndReadWriteLockFailureTests {

	private static final Duration NO_WAIT = Duration.ZERO;

	private final BlockingQueue<LockLostEvent> lost = new LinkedBlockingQueue<>();

	private ApplicationContextRunner instances(String[] redis, String... properties) {
		return LockTestSupport.instances(redis, properties).withBean(LockLostListener.class, () -> this.lost::add);
	}

	@Test
	void permitsAndLocksOfAHolderThatCrashedComeBackWhenTheirLeaseEnds() {
		ApplicationContextRunner crashing = instances(RedisServers.standalone().springProperties(),
				"redis.lock.lease=400ms");
		String[] prefix = new String[1];
		long[] crashedAt = new long[1];
		crashing.run((context) -> {
			prefix[0] = context.getBean(RedisKeys.class).prefix();
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			locks.semaphore("crash", 3).tryAcquire(2, NO_WAIT).orElseThrow();
			locks.semaphore("crash", 3).tryAcquire(1, NO_WAIT, Duration.ofMillis(800)).orElseThrow();
			locks.readWriteLock("crash").tryAcquireRead(NO_WAIT).orElseThrow();
			locks.readWriteLock("crash-w").tryAcquireWrite(NO_WAIT).orElseThrow();
			Thread.sleep(600);
			// The watchdog kept them past their first lease; the context closes without
			// releasing anything, as a process that dies would.
			assertThat(locks.semaphore("crash", 3).availablePermits()).isZero();
			crashedAt[0] = System.nanoTime();
		});
		instances(RedisServers.standalone().springProperties(), "redis.key-prefix=" + prefix[0]).run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			RedisSemaphore semaphore = locks.semaphore("crash", 3);
			PermitHandle all = semaphore.tryAcquire(3, Duration.ofSeconds(10)).orElseThrow();
			assertThat(Duration.ofNanos(System.nanoTime() - crashedAt[0])).isLessThan(Duration.ofSeconds(5));
			assertThat(locks.readWriteLock("crash").tryAcquireWrite(Duration.ofSeconds(10))).isPresent();
			assertThat(locks.readWriteLock("crash-w").tryAcquireRead(Duration.ofSeconds(10))).isPresent();
			all.release();
		});
		assertThat(this.lost).isEmpty();
	}

	@Test
	void deletedPermitsAndLocksFireTheLostSignalWithTheirKind() {
		instances(RedisServers.standalone().springProperties(), "redis.lock.lease=300ms").run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			PermitHandle permits = locks.semaphore("deleted", 5).tryAcquire(3, NO_WAIT).orElseThrow();
			template.delete(LockTestSupport.semaphoreKey(context, "deleted"));
			LockLostEvent event = this.lost.poll(10, TimeUnit.SECONDS);
			assertThat(event).isNotNull();
			assertThat(event.name()).isEqualTo("deleted");
			assertThat(event.kind()).isEqualTo(LockKind.SEMAPHORE);
			assertThat(event.permits()).isEqualTo(3);
			assertThat(event.reason()).isEqualTo(Reason.NOT_HELD);
			assertThat(permits.isHeld()).isFalse();
			assertThatExceptionOfType(LockNotHeldException.class).isThrownBy(permits::close)
				.withMessageContaining("it was lost");
			LockHandle reader = locks.readWriteLock("deleted").tryAcquireRead(NO_WAIT).orElseThrow();
			template.delete(LockTestSupport.readWriteKey(context, "deleted", "readers"));
			event = this.lost.poll(10, TimeUnit.SECONDS);
			assertThat(event).isNotNull();
			assertThat(event.kind()).isEqualTo(LockKind.READ);
			assertThat(event.fencingToken()).isEqualTo(reader.fencingToken());
			LockHandle writer = locks.readWriteLock("deleted").tryAcquireWrite(NO_WAIT).orElseThrow();
			template.delete(LockTestSupport.readWriteKey(context, "deleted", "write"));
			event = this.lost.poll(10, TimeUnit.SECONDS);
			assertThat(event).isNotNull();
			assertThat(event.kind()).isEqualTo(LockKind.WRITE);
			assertThat(event.fencingToken()).isEqualTo(writer.fencingToken());
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("redis.lock.semaphore.lost").tag("reason", "not_held").counter().count())
				.isEqualTo(1);
			assertThat(meters.get("redis.lock.readwrite.lost")
				.tags("mode", "read", "reason", "not_held")
				.counter()
				.count()).isEqualTo(1);
			assertThat(meters.get("redis.lock.readwrite.lost")
				.tags("mode", "write", "reason", "not_held")
				.counter()
				.count()).isEqualTo(1);
			assertThat(meters.get("redis.lock.lost").tag("reason", "not_held").counter().count()).isZero();
			assertThat(locks.status().lost()).isEqualTo(3);
			assertThat(locks.status().heldPermits()).isZero();
		});
	}

	@Test
	void permitsWhoseLeaseRanOutWhileHeldAreReportedLostOnRelease() {
		instances(RedisServers.standalone().springProperties()).run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			PermitHandle permits = locks.semaphore("vanished", 2)
				.tryAcquire(1, NO_WAIT, Duration.ofMinutes(5))
				.orElseThrow();
			// Force-expired: its score set in the past, as after a restart that lost it.
			context.getBean(StringRedisTemplate.class)
				.opsForZSet()
				.add(LockTestSupport.semaphoreKey(context, "vanished"),
						context.getBean(StringRedisTemplate.class)
							.opsForZSet()
							.range(LockTestSupport.semaphoreKey(context, "vanished"), 0, 0)
							.iterator()
							.next(),
						1);
			assertThat(locks.semaphore("vanished", 2).availablePermits()).isEqualTo(2);
			assertThatExceptionOfType(LockNotHeldException.class).isThrownBy(permits::release);
			LockLostEvent event = this.lost.poll(10, TimeUnit.SECONDS);
			assertThat(event).isNotNull();
			assertThat(event.kind()).isEqualTo(LockKind.SEMAPHORE);
			assertThat(event.reason()).isEqualTo(Reason.NOT_HELD);
		});
	}

	@Test
	void redisOutageFailsEveryAcquisitionWithinABoundedTimeAndNeverGrantsIt() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			instances(redis.springProperties(), "spring.data.redis.timeout=500ms",
					"spring.data.redis.connect-timeout=500ms")
				.run((context) -> {
					DistributedLocks locks = context.getBean(DistributedLocks.class);
					RedisSemaphore semaphore = locks.semaphore("outage", 2);
					RedisReadWriteLock lock = locks.readWriteLock("outage");
					semaphore.tryAcquire(NO_WAIT).orElseThrow().release();
					LockHandle writer = locks.readWriteLock("outage-w")
						.tryAcquireWrite(NO_WAIT, Duration.ofMinutes(1))
						.orElseThrow();
					redis.stop();
					assertThatExceptionOfType(RedisUnavailableException.class)
						.isThrownBy(() -> writer.extend(Duration.ofMinutes(1)))
						.withMessageContaining("extend write lock 'outage-w'");
					assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(writer::release)
						.withMessageContaining("release write lock 'outage-w'");
					long start = System.nanoTime();
					assertThatExceptionOfType(RedisUnavailableException.class)
						.isThrownBy(() -> semaphore.tryAcquire(1, Duration.ofSeconds(30)))
						.withMessageContaining("semaphore 'outage'");
					assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(semaphore::availablePermits);
					assertThatExceptionOfType(RedisUnavailableException.class)
						.isThrownBy(() -> lock.tryAcquireRead(Duration.ofSeconds(30)))
						.withMessageContaining("read lock 'outage'");
					assertThatExceptionOfType(RedisUnavailableException.class)
						.isThrownBy(() -> lock.tryAcquireWrite(Duration.ofSeconds(30)))
						.withMessageContaining("write lock 'outage'");
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
					LocksStatus status = locks.status();
					assertThat(status.heldPermits() + status.heldReadLocks() + status.heldWriteLocks()).isZero();
					MeterRegistry meters = context.getBean(MeterRegistry.class);
					assertThat(meters.get("redis.lock.semaphore.acquire").tag("outcome", "error").timer().count())
						.isEqualTo(1);
					assertThat(meters.get("redis.lock.readwrite.acquire")
						.tags("mode", "write", "outcome", "error")
						.timer()
						.count()).isEqualTo(1);
					redis.start();
					PermitHandle handle = null;
					long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
					while (handle == null) {
						try {
							handle = semaphore.tryAcquire(2, Duration.ofSeconds(1)).orElseThrow();
						}
						catch (RedisUnavailableException ex) {
							assertThat(System.nanoTime() - deadline).as("reconnected in time").isNegative();
							Thread.sleep(200);
						}
					}
					handle.release();
				});
		}
	}

	@Test
	void aWaitingWriterWhoseIntentWasRecordedLeavesNoneBehindAfterAnOutage() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			instances(redis.springProperties(), "spring.data.redis.timeout=500ms",
					"spring.data.redis.connect-timeout=500ms", "redis.lock.poll-interval=200ms")
				.run((context) -> {
					DistributedLocks locks = context.getBean(DistributedLocks.class);
					StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
					String waiting = LockTestSupport.readWriteKey(context, "intent", "waiting");
					RedisReadWriteLock lock = locks.readWriteLock("intent");
					LockHandle reader = lock.tryAcquireRead(NO_WAIT, Duration.ofMinutes(1)).orElseThrow();
					CompletableFuture<Optional<LockHandle>> writer = CompletableFuture
						.supplyAsync(() -> lock.tryAcquireWrite(Duration.ofSeconds(30)));
					awaitTrue(() -> template.opsForZSet().zCard(waiting) == 1, "the writer's intent is recorded");
					assertThat(lock.tryAcquireRead(NO_WAIT)).as("kept out by the intent").isEmpty();
					redis.pause();
					try {
						assertThatExceptionOfType(ExecutionException.class)
							.isThrownBy(() -> writer.get(10, TimeUnit.SECONDS))
							.withCauseInstanceOf(RedisUnavailableException.class);
					}
					finally {
						redis.resume();
					}
					// Withdrawn, or (while Redis is skipped) ended on its own within
					// 2 x poll interval + 1 s of the writer's last attempt.
					awaitTrue(() -> !Boolean.TRUE.equals(template.hasKey(waiting)), "the intent is gone");
					awaitTrue(() -> {
						try {
							return lock.tryAcquireRead(NO_WAIT).map((handle) -> {
								handle.release();
								return true;
							}).orElse(false);
						}
						catch (RedisUnavailableException ex) {
							return false;
						}
					}, "a new reader is granted");
					reader.release();
				});
		}
	}

	@Test
	void aWriterThatSentNoIntentWithdrawsNothingAndNeverPastTheOutageBackoff() {
		try (DedicatedRedis redis = RedisServers.dedicated("--slowlog-log-slower-than", "0", "--slowlog-max-len",
				"100000")) {
			String[] properties = { "spring.data.redis.timeout=500ms", "spring.data.redis.connect-timeout=500ms",
					"redis.outage.backoff=30s" };
			// Skipped by the outage back-off: no attempt reached Redis.
			instances(redis.springProperties(), properties).run((context) -> {
				DistributedLocks locks = context.getBean(DistributedLocks.class);
				redis.pause();
				try {
					assertThatExceptionOfType(RedisUnavailableException.class)
						.isThrownBy(() -> locks.semaphore("gate", 1).tryAcquire(NO_WAIT));
				}
				finally {
					redis.resume();
				}
				assertThatExceptionOfType(RedisUnavailableException.class)
					.isThrownBy(() -> locks.readWriteLock("skipped").tryAcquireWrite(Duration.ofSeconds(5)))
					.withMessageContaining("outage back-off");
				Thread.sleep(1000);
			});
			// The first attempt failed: the back-off it opened keeps the withdraw from
			// Redis too.
			instances(redis.springProperties(), properties).run((context) -> {
				DistributedLocks locks = context.getBean(DistributedLocks.class);
				redis.pause();
				try {
					assertThatExceptionOfType(RedisUnavailableException.class)
						.isThrownBy(() -> locks.readWriteLock("failed").tryAcquireWrite(Duration.ofSeconds(5)));
				}
				finally {
					redis.resume();
				}
				Thread.sleep(1000);
				assertThat(withdrawsSeen(redis)).as("withdraw scripts that reached Redis").isEmpty();
				// Like acquisitions, counting the free permits skips Redis during the
				// back-off.
				assertThatExceptionOfType(RedisUnavailableException.class)
					.isThrownBy(() -> locks.semaphore("gate", 1).availablePermits())
					.withMessageContaining("outage back-off");
			});
		}
	}

	private static List<String> withdrawsSeen(DedicatedRedis redis) {
		List<String> withdraws = new ArrayList<>();
		RedisClient client = RedisClient.create(redis.url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			for (Object entry : connection.sync().slowlogGet(100000)) {
				List<?> args = (List<?>) ((List<?>) entry).get(3);
				if (args.size() >= 4 && String.valueOf(args.get(0)).toLowerCase(Locale.ROOT).startsWith("eval")
						&& "1".equals(String.valueOf(args.get(2)))
						&& String.valueOf(args.get(3)).endsWith(":rw:waiting")) {
					withdraws.add(String.valueOf(args));
				}
			}
		}
		finally {
			client.shutdown();
		}
		return withdraws;
	}

	private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime() - deadline).as(what).isNegative();
			Thread.sleep(50);
		}
	}

	@Test
	void acquisitionsHoldsAndHeldPermitsAreMeasuredWithoutNames() {
		instances(RedisServers.standalone().springProperties(), "redis.lock.registry-name=exports").run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.find("redis.lock.semaphore.acquire").timers()).as("registered on first use").isEmpty();
			RedisSemaphore semaphore = locks.semaphore("export:1", 3);
			PermitHandle handle = semaphore.tryAcquire(3, NO_WAIT).orElseThrow();
			assertThat(semaphore.tryAcquire(1, Duration.ofMillis(50))).isEmpty();
			assertThat(meters.get("redis.lock.semaphore.active").tag("registry", "exports").gauge().value())
				.isEqualTo(3);
			assertThat(meters.get("redis.lock.active").tag("registry", "exports").gauge().value()).isZero();
			Thread.sleep(20);
			handle.release();
			assertThat(meters.get("redis.lock.semaphore.acquire")
				.tags("registry", "exports", "outcome", "acquired")
				.timer()
				.count()).isEqualTo(1);
			assertThat(meters.get("redis.lock.semaphore.acquire").tags("outcome", "timeout").timer().count())
				.isEqualTo(1);
			assertThat(meters.get("redis.lock.semaphore.held").timer().totalTime(TimeUnit.MILLISECONDS))
				.isGreaterThanOrEqualTo(20);
			assertThat(meters.get("redis.lock.semaphore.active").gauge().value()).isZero();
			RedisReadWriteLock lock = locks.readWriteLock("export:1");
			try (LockHandle reader = lock.tryAcquireRead(NO_WAIT).orElseThrow()) {
				assertThat(meters.get("redis.lock.readwrite.active").tag("mode", "read").gauge().value()).isEqualTo(1);
				assertThat(meters.get("redis.lock.readwrite.active").tag("mode", "write").gauge().value()).isZero();
			}
			assertThat(meters.get("redis.lock.readwrite.acquire")
				.tags("mode", "read", "outcome", "acquired")
				.timer()
				.count()).isEqualTo(1);
			assertThat(meters.get("redis.lock.acquire").tag("outcome", "acquired").timer().count()).isZero();
			assertThat(meters.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
				.noneMatch((tag) -> tag.getValue().contains("export:1")));
		});
	}

}
