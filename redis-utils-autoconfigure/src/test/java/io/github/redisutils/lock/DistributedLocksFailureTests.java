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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.lock.LockLostEvent.Reason;
import io.github.redisutils.lock.LocksStatus.WatchdogState;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Locks under failure: a holder paused past its lease, the watchdog keeping and losing
 * locks, and Redis going away.
 *
 * @author redis-utils authors
 */
class DistributedLocksFailureTests {

	private static final Duration NO_WAIT = Duration.ZERO;

	private final BlockingQueue<LockLostEvent> lost = new LinkedBlockingQueue<>();

	private ApplicationContextRunner instances(String[] redis, String... properties) {
		return LockTestSupport.instances(redis, properties).withBean(LockLostListener.class, () -> this.lost::add);
	}

	@Test
	void holderPausedPastItsLeaseLosesTheLockAndItsReleaseFailsCleanly() {
		ApplicationContextRunner instances = instances(RedisServers.standalone().springProperties());
		LockTestSupport.runInstances(instances, 2, (contexts) -> {
			DistributedLocks paused = contexts.get(0).getBean(DistributedLocks.class);
			DistributedLocks other = contexts.get(1).getBean(DistributedLocks.class);
			LockHandle stale = paused.tryAcquire("report", NO_WAIT, Duration.ofMillis(300)).orElseThrow();
			LockHandle current = other.tryAcquire("report", Duration.ofSeconds(10)).orElseThrow();
			// The paused holder wakes up and tries to finish its work.
			assertThat(stale.isHeld()).isFalse();
			assertThatExceptionOfType(LockNotHeldException.class).isThrownBy(stale::release);
			assertThatExceptionOfType(LockNotHeldException.class).isThrownBy(() -> stale.extend(Duration.ofSeconds(5)));
			assertThat(stale.fencingToken()).isLessThan(current.fencingToken());
			assertThat(current.isHeld()).isTrue();
			assertThat(paused.status().held()).isZero();
			current.release();
		});
	}

	@Test
	void watchdogKeepsTheLockForSeveralLeasesAndStopsWhenReleased() {
		ApplicationContextRunner instances = instances(RedisServers.standalone().springProperties(),
				"redis.lock.lease=300ms");
		LockTestSupport.runInstances(instances, 2, (contexts) -> {
			DistributedLocks holder = contexts.get(0).getBean(DistributedLocks.class);
			DistributedLocks other = contexts.get(1).getBean(DistributedLocks.class);
			assertThat(holder.status().watchdog()).isEqualTo(WatchdogState.IDLE);
			LockHandle handle = holder.tryAcquire("long-job", NO_WAIT).orElseThrow();
			long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
			while (System.nanoTime() - until < 0) {
				assertThat(other.tryAcquire("long-job", NO_WAIT)).isEmpty();
				Thread.sleep(100);
			}
			assertThat(handle.isHeld()).isTrue();
			LocksStatus status = holder.status();
			assertThat(status.held()).isEqualTo(1);
			assertThat(status.renewing()).isEqualTo(1);
			assertThat(status.watchdog()).isEqualTo(WatchdogState.RUNNING);
			assertThat(status.lastRenewal()).isNotNull();
			handle.release();
			assertThat(holder.status().renewing()).isZero();
			assertThat(holder.status().held()).isZero();
			LockHandle next = other.tryAcquire("long-job", NO_WAIT, Duration.ofMillis(300)).orElseThrow();
			Thread.sleep(700);
			assertThat(next.isHeld()).as("a released lock's watchdog must not keep the next one alive").isFalse();
			assertThat(this.lost).isEmpty();
		});
	}

	@Test
	void deletingTheKeyBehindTheWatchdogsBackFiresTheLostSignal() {
		instances(RedisServers.standalone().springProperties(), "redis.lock.lease=300ms").run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			LockHandle handle = locks.tryAcquire("deleted", NO_WAIT).orElseThrow();
			context.getBean(StringRedisTemplate.class).delete(LockTestSupport.lockKey(context, "deleted"));
			LockLostEvent event = this.lost.poll(10, TimeUnit.SECONDS);
			assertThat(event).isNotNull();
			assertThat(event.name()).isEqualTo("deleted");
			assertThat(event.fencingToken()).isEqualTo(handle.fencingToken());
			assertThat(event.reason()).isEqualTo(Reason.NOT_HELD);
			assertThat(context.getBean(MeterRegistry.class)
				.get("redis.lock.lost")
				.tag("reason", "not_held")
				.counter()
				.count()).isEqualTo(1);
			assertThat(locks.status().lost()).isEqualTo(1);
			assertThat(locks.status().held()).isZero();
			assertThat(handle.isHeld()).isFalse();
			assertThatExceptionOfType(LockNotHeldException.class).isThrownBy(handle::close)
				.withMessageContaining("it was lost");
		});
	}

	@Test
	void aLeasedLockWhoseKeyVanishedFiresTheLostSignalOnReleaseAndOnExtend() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			instances(redis.springProperties()).run((context) -> {
				DistributedLocks locks = context.getBean(DistributedLocks.class);
				LockHandle released = locks.tryAcquire("restarted-a", NO_WAIT, Duration.ofMinutes(5)).orElseThrow();
				LockHandle extended = locks.tryAcquire("restarted-b", NO_WAIT, Duration.ofMinutes(5)).orElseThrow();
				// A restart without persistence: every key is gone, the leases are not
				// over.
				redis.stop();
				redis.start();
				assertThatExceptionOfType(LockNotHeldException.class).isThrownBy(released::release);
				LockLostEvent first = this.lost.poll(10, TimeUnit.SECONDS);
				assertThat(first).isNotNull();
				assertThat(first.name()).isEqualTo("restarted-a");
				assertThat(first.reason()).isEqualTo(Reason.NOT_HELD);
				assertThatExceptionOfType(LockNotHeldException.class)
					.isThrownBy(() -> extended.extend(Duration.ofMinutes(5)));
				LockLostEvent second = this.lost.poll(10, TimeUnit.SECONDS);
				assertThat(second).isNotNull();
				assertThat(second.name()).isEqualTo("restarted-b");
				assertThat(locks.status().lost()).isEqualTo(2);
			});
		}
	}

	@Test
	void redisOutageFailsAcquisitionWithinABoundedTimeAndNeverGrantsTheLock() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			instances(redis.springProperties(), "spring.data.redis.timeout=500ms",
					"spring.data.redis.connect-timeout=500ms")
				.run((context) -> {
					DistributedLocks locks = context.getBean(DistributedLocks.class);
					locks.tryAcquire("outage", NO_WAIT).orElseThrow().release();
					redis.stop();
					long start = System.nanoTime();
					assertThatExceptionOfType(RedisUnavailableException.class)
						.isThrownBy(() -> locks.tryAcquire("outage", Duration.ofSeconds(30)))
						.withMessageContaining("'outage'");
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
					assertThatExceptionOfType(RedisUnavailableException.class)
						.isThrownBy(() -> locks.get("outage").tryLock());
					assertThat(locks.get("outage").isHeldByCurrentThread()).isFalse();
					assertThat(locks.status().held()).isZero();
					assertThat(context.getBean(MeterRegistry.class)
						.get("redis.lock.acquire")
						.tag("outcome", "error")
						.timer()
						.count()).isEqualTo(2);
					redis.start();
					LockHandle handle = null;
					long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
					while (handle == null) {
						try {
							handle = locks.tryAcquire("outage", Duration.ofSeconds(1)).orElseThrow();
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
	void watchdogThatCannotRenewReportsTheLockLostOnceItsLeaseRunsOut() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			instances(redis.springProperties(), "redis.lock.lease=600ms", "spring.data.redis.timeout=150ms",
					"spring.data.redis.connect-timeout=150ms")
				.run((context) -> {
					DistributedLocks locks = context.getBean(DistributedLocks.class);
					LockHandle handle = locks.tryAcquire("unrenewable", NO_WAIT).orElseThrow();
					redis.stop();
					LockLostEvent event = this.lost.poll(15, TimeUnit.SECONDS);
					assertThat(event).isNotNull();
					assertThat(event.reason()).isEqualTo(Reason.RENEWAL_FAILED);
					assertThat(event.cause()).isInstanceOf(RedisUnavailableException.class);
					assertThat(event.fencingToken()).isEqualTo(handle.fencingToken());
					assertThat(locks.status().watchdog()).isEqualTo(WatchdogState.FAILING);
					assertThat(locks.status().held()).isZero();
					assertThatExceptionOfType(LockNotHeldException.class).isThrownBy(handle::release);
				});
		}
	}

	@Test
	void lockViewLostByTheWatchdogIsNeitherReenteredNorHeld() {
		instances(RedisServers.standalone().springProperties(), "redis.lock.lease=300ms").run((context) -> {
			RedisLock lock = context.getBean(DistributedLocks.class).get("view-lost");
			lock.lock();
			context.getBean(StringRedisTemplate.class).delete(LockTestSupport.lockKey(context, "view-lost"));
			LockLostEvent event = this.lost.poll(10, TimeUnit.SECONDS);
			assertThat(event).isNotNull();
			assertThat(event.name()).isEqualTo("view-lost");
			assertThatExceptionOfType(LockNotHeldException.class).isThrownBy(lock::tryLock)
				.withMessageContaining("lost");
			assertThat(lock.isHeldByCurrentThread()).isFalse();
			assertThatExceptionOfType(IllegalMonitorStateException.class).isThrownBy(lock::unlock);
			// A later attempt asks Redis again.
			assertThat(lock.tryLock()).isTrue();
			assertThat(lock.isHeldByCurrentThread()).isTrue();
			lock.unlock();
			assertThat(lock.isHeldByCurrentThread()).isFalse();
		});
		instances(RedisServers.standalone().springProperties(), "redis.lock.lease=300ms").run((context) -> {
			RedisLock lock = context.getBean(DistributedLocks.class).get("view-lost");
			lock.lock();
			context.getBean(StringRedisTemplate.class).delete(LockTestSupport.lockKey(context, "view-lost"));
			assertThat(this.lost.poll(10, TimeUnit.SECONDS)).isNotNull();
			assertThat(lock.isHeldByCurrentThread()).isFalse();
			assertThatExceptionOfType(IllegalMonitorStateException.class).isThrownBy(lock::fencingToken);
		});
	}

	@Test
	void watchdogKeepsRenewingLocksOnOtherMastersWhileOneMasterHangs() {
		ApplicationContextRunner instances = instances(RedisServers.cluster().springProperties(),
				"redis.lock.lease=1200ms", "spring.data.redis.timeout=10s");
		instances.run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			Map<String, RedisClusterNode> masters = new LinkedHashMap<>();
			Map<String, List<String>> namesByMaster = new LinkedHashMap<>();
			Map<String, LockHandle> handles = new LinkedHashMap<>();
			try (RedisClusterConnection cluster = context.getBean(RedisConnectionFactory.class)
				.getClusterConnection()) {
				for (int i = 0; i < 30; i++) {
					String name = "hang-" + i;
					handles.put(name, locks.tryAcquire(name, NO_WAIT).orElseThrow());
					RedisClusterNode master = cluster
						.clusterGetNodeForKey(LockTestSupport.lockKey(context, name).getBytes(StandardCharsets.UTF_8));
					masters.put(master.asString(), master);
					namesByMaster.computeIfAbsent(master.asString(), (key) -> new ArrayList<>()).add(name);
				}
			}
			assertThat(namesByMaster).hasSize(3);
			RedisClusterNode hung = masters.values().iterator().next();
			List<String> hungNames = namesByMaster.remove(hung.asString());
			List<String> healthy = namesByMaster.values().stream().flatMap(List::stream).toList();
			long pausedUntil = System.nanoTime() + Duration.ofMillis(3000).toNanos();
			pause(hung, 3000);
			// Three leases' worth of rounds while one master answers nothing.
			while (System.nanoTime() - pausedUntil + Duration.ofMillis(500).toNanos() < 0) {
				for (String name : healthy) {
					assertThat(template.getExpire(LockTestSupport.lockKey(context, name), TimeUnit.MILLISECONDS))
						.as("remaining lease of '%s' on a master that answers", name)
						.isPositive();
				}
				Thread.sleep(100);
			}
			List<LockLostEvent> events = new ArrayList<>();
			this.lost.drainTo(events);
			assertThat(events).isNotEmpty()
				.allSatisfy((event) -> assertThat(hungNames).contains(event.name()))
				.allSatisfy((event) -> assertThat(event.reason()).isEqualTo(Reason.RENEWAL_FAILED));
			Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(pausedUntil - System.nanoTime())) + 200);
			for (String name : healthy) {
				assertThat(handles.get(name).isHeld()).isTrue();
				handles.get(name).release();
			}
		});
	}

	private static void pause(RedisClusterNode node, long millis) {
		RedisClient client = RedisClient.create(RedisURI.create(node.getHost(), node.getPort()));
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().clientPause(millis);
		}
		finally {
			client.shutdown();
		}
	}

}
