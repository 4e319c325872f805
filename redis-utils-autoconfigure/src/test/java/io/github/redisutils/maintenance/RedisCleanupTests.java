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

package io.github.redisutils.maintenance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.redisutils.ApplicationInstances;
import io.github.redisutils.autoconfigure.RedisUtilsLockAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsMaintenanceAutoConfiguration;
import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.lock.LockHandle;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link RedisCleanup} against real servers, standalone and Cluster: each category
 * removes what is stale and keeps what is live, a dry run removes nothing and reports the
 * same counts, the pause is applied between batches, the schedule runs on one of several
 * instances at a time, an outage is a typed exception.
 *
 * @author redis-utils authors
 */
class RedisCleanupTests {

	private static final RedisScript<Long> STREAM_SETUP = RedisScript.of("""
			redis.call('XGROUP', 'CREATE', KEYS[1], 'g', '$', 'MKSTREAM')
			redis.call('XGROUP', 'CREATECONSUMER', KEYS[1], 'g', 'gone')
			redis.call('XGROUP', 'CREATECONSUMER', KEYS[1], 'g', 'live')
			redis.call('XADD', KEYS[1], '*', 'k', 'v')
			redis.call('XADD', KEYS[1], '*', 'k', 'v')
			redis.call('XREADGROUP', 'GROUP', 'g', 'holding', 'COUNT', '1', 'STREAMS', KEYS[1], '>')
			return 1
			""", Long.class);

	private static final RedisScript<Long> STREAM_READ = RedisScript.of("""
			local read = redis.call('XREADGROUP', 'GROUP', 'g', ARGV[1], 'COUNT', '1', 'STREAMS', KEYS[1], '>')
			redis.call('XACK', KEYS[1], 'g', read[1][2][1][1])
			return 1
			""", Long.class);

	private static final RedisScript<List> CONSUMERS = RedisScript.of("""
			local names = {}
			for _, c in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], 'g')) do names[#names + 1] = c[2] end
			return names
			""", List.class);

	private static ApplicationContextRunner runner(String[] redisProperties, String prefix) {
		return ApplicationInstances.runner(RedisUtilsMaintenanceAutoConfiguration.class, redisProperties, prefix)
			.withConfiguration(AutoConfigurations.of(RedisUtilsLockAutoConfiguration.class))
			.withPropertyValues("redis.maintenance.cleanup.pause=0s");
	}

	private static String prefix() {
		return "cleanup-" + System.nanoTime();
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void fencingCountersOfUnusedLocksGoAndThoseOfHeldLocksStay(String[] redisProperties) {
		String prefix = prefix();
		runner(redisProperties, prefix).withPropertyValues("redis.maintenance.cleanup.lock-fence-retention=1s")
			.run((context) -> {
				StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
				DistributedLocks locks = context.getBean(DistributedLocks.class);
				locks.tryAcquire("unused", Duration.ZERO, Duration.ofSeconds(30)).orElseThrow().release();
				LockHandle held = locks.tryAcquire("held", Duration.ZERO, Duration.ofSeconds(30)).orElseThrow();
				locks.tryAcquire("recent", Duration.ZERO, Duration.ofSeconds(30)).orElseThrow().release();
				Thread.sleep(1300);
				long before = held.fencingToken();
				locks.tryAcquire("fresh", Duration.ZERO, Duration.ofSeconds(30)).orElseThrow().release();
				RedisCleanup cleanup = context.getBean(RedisCleanup.class);
				CleanupReport report = cleanup.cleanup(false);
				assertThat(report.category(CleanupCategory.LOCK_FENCES)).isEqualTo(new CleanupReport.Category(4, 2, 0));
				assertThat(redis.hasKey(prefix + ":lock:{unused}:fence")).isFalse();
				assertThat(redis.hasKey(prefix + ":lock:{recent}:fence")).isFalse();
				assertThat(redis.hasKey(prefix + ":lock:{held}:fence")).isTrue();
				assertThat(redis.hasKey(prefix + ":lock:{fresh}:fence")).isTrue();
				held.release();
				LockHandle again = locks.tryAcquire("unused", Duration.ZERO, Duration.ofSeconds(30)).orElseThrow();
				assertThat(again.fencingToken()).isGreaterThan(before);
				again.release();
				assertThat(context.getBean(MeterRegistry.class)
					.get("redis.maintenance.cleanup.removed")
					.tag("category", "lock-fences")
					.counter()
					.count()).isEqualTo(2);
				assertThat(context.getBean(MeterRegistry.class)
					.get("redis.maintenance.cleanup.runs")
					.tag("outcome", "completed")
					.timer()
					.count()).isEqualTo(1);
			});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void fencingCountersOfUnusedReadWriteLocksGoAndThoseInUseStay(String[] redisProperties) {
		String prefix = prefix();
		runner(redisProperties, prefix).withPropertyValues("redis.maintenance.cleanup.lock-fence-retention=1s")
			.run((context) -> {
				StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
				DistributedLocks locks = context.getBean(DistributedLocks.class);
				Duration lease = Duration.ofSeconds(30);
				locks.readWriteLock("unused").tryAcquireWrite(Duration.ZERO, lease).orElseThrow().release();
				locks.tryAcquire("plain", Duration.ZERO, lease).orElseThrow().release();
				LockHandle reader = locks.readWriteLock("read").tryAcquireRead(Duration.ZERO, lease).orElseThrow();
				LockHandle writer = locks.readWriteLock("write").tryAcquireWrite(Duration.ZERO, lease).orElseThrow();
				locks.readWriteLock("waited").tryAcquireWrite(Duration.ZERO, lease).orElseThrow().release();
				// A writer's intent alone, as while it waits.
				String waiting = prefix + ":lock:{waited}:rw:waiting";
				redis.opsForZSet().add(waiting, "writer", System.currentTimeMillis() + 30_000);
				redis.expire(waiting, lease);
				Thread.sleep(1300);
				CleanupReport report = context.getBean(RedisCleanup.class).cleanup(false);
				assertThat(report.category(CleanupCategory.LOCK_FENCES)).isEqualTo(new CleanupReport.Category(5, 2, 0));
				assertThat(redis.hasKey(prefix + ":lock:{unused}:rw:fence")).isFalse();
				assertThat(redis.hasKey(prefix + ":lock:{plain}:fence")).isFalse();
				assertThat(redis.hasKey(prefix + ":lock:{read}:rw:fence")).isTrue();
				assertThat(redis.hasKey(prefix + ":lock:{write}:rw:fence")).isTrue();
				assertThat(redis.hasKey(prefix + ":lock:{waited}:rw:fence")).isTrue();
				LockHandle again = locks.readWriteLock("unused").tryAcquireRead(Duration.ZERO, lease).orElseThrow();
				assertThat(again.fencingToken()).isGreaterThan(writer.fencingToken());
				again.release();
				reader.release();
				writer.release();
			});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void queuesKeepOnlyTheirRetentionOfCompletedAndDeadJobs(String[] redisProperties) {
		String prefix = prefix();
		runner(redisProperties, prefix).run((context) -> {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			populateQueue(redis, prefix);
			CleanupReport report = context.getBean(RedisCleanup.class).cleanup(false);
			assertThat(report.category(CleanupCategory.QUEUE_RETENTION)).isEqualTo(new CleanupReport.Category(5, 3, 0));
			String base = prefix + ":queue:{q}";
			assertThat(redis.opsForZSet().range(base + ":completed", 0, -1)).containsExactly("c-new");
			assertThat(redis.opsForZSet().range(base + ":dead", 0, -1)).containsExactly("d-new");
			assertThat(redis.hasKey(base + ":job:c-old")).isFalse();
			assertThat(redis.hasKey(base + ":job:d-old")).isFalse();
			assertThat(redis.hasKey(base + ":job:c-new")).isTrue();
			assertThat(redis.hasKey(base + ":job:d-new")).isTrue();
			// Retried meanwhile: its stale dead entry goes, the waiting job stays.
			assertThat(redis.opsForHash().get(base + ":job:d-retried", "state")).isEqualTo("waiting");
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void goneStreamConsumersGoAndLiveOrPendingOnesStay(String[] redisProperties) {
		String prefix = prefix();
		runner(redisProperties, prefix).withPropertyValues("redis.maintenance.cleanup.consumer-idle=300ms")
			.run((context) -> {
				StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
				String stream = prefix + ":pubsub:stream:orders";
				redis.execute(STREAM_SETUP, List.of(stream));
				Thread.sleep(500);
				redis.execute(STREAM_READ, List.of(stream), "live");
				CleanupReport report = context.getBean(RedisCleanup.class).cleanup(false);
				assertThat(report.category(CleanupCategory.STREAM_CONSUMERS))
					.isEqualTo(new CleanupReport.Category(3, 1, 0));
				assertThat(redis.execute(CONSUMERS, List.of(stream))).containsExactlyInAnyOrder("holding", "live");
			});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void sessionIndexesLoseGoneSessionsAndSlotTokensWithoutSessionsGo(String[] redisProperties) {
		String prefix = prefix();
		runner(redisProperties, prefix).run((context) -> {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			populateSessions(redis, prefix);
			CleanupReport report = context.getBean(RedisCleanup.class).cleanup(false);
			assertThat(report.category(CleanupCategory.SESSIONS)).isEqualTo(new CleanupReport.Category(6, 3, 0));
			assertThat(redis.opsForZSet().range(prefix + ":session:{tok1}:index", 0, -1)).containsExactly("live");
			assertThat(redis.hasKey(prefix + ":session:user:alice")).isTrue();
			assertThat(redis.hasKey(prefix + ":session:user:bob")).isFalse();
			assertThat(redis.hasKey(prefix + ":session:user:carol")).isTrue();
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void blacklistEntriesWithoutTimeToLiveGoWhenExpiredElseGetOne(String[] redisProperties) {
		String prefix = prefix();
		runner(redisProperties, prefix).run((context) -> {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			populateBlacklist(redis, prefix);
			CleanupReport report = context.getBean(RedisCleanup.class).cleanup(false);
			assertThat(report.category(CleanupCategory.BLACKLIST)).isEqualTo(new CleanupReport.Category(4, 1, 2));
			assertThat(redis.hasKey(prefix + ":blacklist:user:old")).isFalse();
			assertThat(redis.getExpire(prefix + ":blacklist:user:new")).isBetween(86_000L, 86_401L);
			assertThat(redis.getExpire(prefix + ":blacklist:token:persisted")).isBetween(86_000L, 86_401L);
			assertThat(redis.getExpire(prefix + ":blacklist:token:expiring")).isBetween(500L, 600L);
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void keysOfAnOldPrefixGoAndTheCurrentPrefixStays(String[] redisProperties) {
		String prefix = prefix();
		String old = "old-" + prefix;
		runner(redisProperties, prefix).withPropertyValues("redis.maintenance.cleanup.old-prefix=" + old)
			.run((context) -> {
				StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
				populateOldPrefix(redis, prefix, old);
				CleanupReport report = context.getBean(RedisCleanup.class).cleanup(false);
				assertThat(report.category(CleanupCategory.OLD_PREFIX)).isEqualTo(new CleanupReport.Category(3, 3, 0));
				assertThat(redis.hasKey(old + ":a")).isFalse();
				assertThat(redis.hasKey(old + ":{x}:b")).isFalse();
				assertThat(redis.hasKey(old + ":c")).isFalse();
				assertThat(redis.hasKey(prefix + ":kept")).isTrue();
				assertThat(redis.hasKey(old + "-not-under-it")).isTrue();
			});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void aDryRunRemovesNothingAndReportsTheSameCounts(String[] redisProperties) {
		String prefix = prefix();
		String old = "old-" + prefix;
		runner(redisProperties, prefix).withPropertyValues("redis.maintenance.cleanup.old-prefix=" + old)
			.run((context) -> {
				StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
				populateQueue(redis, prefix);
				populateSessions(redis, prefix);
				populateBlacklist(redis, prefix);
				populateOldPrefix(redis, prefix, old);
				RedisCleanup cleanup = context.getBean(RedisCleanup.class);
				CleanupReport dry = cleanup.cleanup(true);
				assertThat(dry.dryRun()).isTrue();
				assertThat(dry.removed()).isEqualTo(3 + 3 + 1 + 3);
				assertThat(redis.hasKey(prefix + ":queue:{q}:job:c-old")).isTrue();
				assertThat(redis.opsForZSet().size(prefix + ":session:{tok1}:index")).isEqualTo(3);
				assertThat(redis.hasKey(prefix + ":session:user:bob")).isTrue();
				assertThat(redis.hasKey(prefix + ":blacklist:user:old")).isTrue();
				assertThat(redis.getExpire(prefix + ":blacklist:token:persisted")).isEqualTo(-1);
				assertThat(redis.hasKey(old + ":a")).isTrue();
				assertThat(context.getBean(MeterRegistry.class)
					.get("redis.maintenance.cleanup.removed")
					.counters()
					.stream()
					.mapToDouble((counter) -> counter.count())
					.sum()).isZero();
				CleanupReport live = cleanup.cleanup(false);
				assertThat(live.dryRun()).isFalse();
				assertThat(live.categories()).isEqualTo(dry.categories());
				assertThat(cleanup.cleanup(false).removed()).isZero();
			});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void thePauseIsAppliedAfterEachBatch(String[] redisProperties) {
		String prefix = prefix();
		String old = "old-" + prefix;
		runner(redisProperties, prefix)
			.withPropertyValues("redis.maintenance.cleanup.old-prefix=" + old,
					"redis.maintenance.cleanup.scan-count=10", "redis.maintenance.cleanup.pause=150ms",
					"redis.maintenance.cleanup.categories=old-prefix")
			.run((context) -> {
				StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
				for (int i = 0; i < 30; i++) {
					redis.opsForValue().set(old + ":k" + i, "v");
				}
				CleanupReport report = context.getBean(RedisCleanup.class).cleanup(false);
				assertThat(report.categories()).containsOnlyKeys(CleanupCategory.OLD_PREFIX);
				assertThat(report.category(CleanupCategory.OLD_PREFIX))
					.isEqualTo(new CleanupReport.Category(30, 30, 0));
				assertThat(report.batches()).isEqualTo(3);
				assertThat(report.took()).isGreaterThanOrEqualTo(Duration.ofMillis(450));
			});
	}

	@Test
	void theScheduleRunsOnOneInstanceAtATime() {
		String prefix = prefix();
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		AtomicInteger runs = new AtomicInteger();
		RedisCleanup slow = new RedisCleanup() {

			@Override
			public CleanupReport cleanup() {
				return cleanup(false);
			}

			@Override
			public CleanupReport cleanup(boolean dryRun) {
				most.accumulateAndGet(running.incrementAndGet(), Math::max);
				try {
					Thread.sleep(150);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					running.decrementAndGet();
					runs.incrementAndGet();
				}
				return new CleanupReport(dryRun, java.util.Map.of(), 0, Duration.ZERO);
			}

		};
		ApplicationContextRunner instances = runner(RedisServers.standalone().springProperties(), prefix)
			.withBean(RedisCleanup.class, () -> slow)
			.withPropertyValues("redis.maintenance.cleanup.schedule.enabled=true",
					"redis.maintenance.cleanup.schedule.interval=200ms");
		ApplicationInstances.runInstances(instances, 3, (contexts) -> {
			List<CleanupSchedule> schedules = new ArrayList<>();
			contexts.forEach((context) -> schedules.add(context.getBean(CleanupSchedule.class)));
			Thread.sleep(2000);
			assertThat(most.get()).isEqualTo(1);
			assertThat(runs.get()).isGreaterThanOrEqualTo(3);
			schedules.forEach(CleanupSchedule::stop);
			Thread.sleep(400);
			// Ticks that fall together: one instance runs, the others skip.
			CyclicBarrier start = new CyclicBarrier(3);
			AtomicInteger ran = new AtomicInteger();
			CountDownLatch done = new CountDownLatch(3);
			for (CleanupSchedule schedule : schedules) {
				new Thread(() -> {
					try {
						start.await(5, TimeUnit.SECONDS);
						Optional<CleanupReport> report = schedule.runOnce();
						if (report.isPresent()) {
							ran.incrementAndGet();
						}
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
					finally {
						done.countDown();
					}
				}).start();
			}
			assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(ran.get()).isEqualTo(1);
			assertThat(most.get()).isEqualTo(1);
		});
	}

	@Test
	void anOutageIsRedisUnavailable() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			String prefix = prefix();
			runner(redis.springProperties(), prefix).withPropertyValues("spring.data.redis.timeout=300ms")
				.run((context) -> {
					RedisCleanup cleanup = context.getBean(RedisCleanup.class);
					populateBlacklist(context.getBean(StringRedisTemplate.class), prefix);
					cleanup.cleanup(true);
					redis.pause();
					try {
						assertThatExceptionOfType(RedisUnavailableException.class)
							.isThrownBy(() -> cleanup.cleanup(false));
					}
					finally {
						redis.resume();
					}
					assertThat(context.getBean(MeterRegistry.class)
						.get("redis.maintenance.cleanup.runs")
						.tag("outcome", "failed")
						.timer()
						.count()).isEqualTo(1);
				});
		}
	}

	private static void populateQueue(StringRedisTemplate redis, String prefix) {
		String base = prefix + ":queue:{q}";
		long nowMs = System.currentTimeMillis();
		long nowUs = nowMs * 1000;
		redis.opsForZSet().add(base + ":completed", "c-old", nowUs - Duration.ofHours(2).toNanos() / 1000);
		redis.opsForZSet().add(base + ":completed", "c-new", nowUs);
		redis.opsForHash().put(base + ":job:c-old", "state", "completed");
		redis.opsForHash().put(base + ":job:c-new", "state", "completed");
		redis.opsForZSet().add(base + ":dead", "d-old", nowMs - Duration.ofDays(8).toMillis());
		redis.opsForZSet().add(base + ":dead", "d-retried", nowMs - Duration.ofDays(8).toMillis());
		redis.opsForZSet().add(base + ":dead", "d-new", nowMs);
		redis.opsForHash().put(base + ":job:d-old", "state", "dead");
		redis.opsForHash().put(base + ":job:d-retried", "state", "waiting");
		redis.opsForHash().put(base + ":job:d-new", "state", "dead");
	}

	private static void populateSessions(StringRedisTemplate redis, String prefix) {
		long now = System.currentTimeMillis();
		String index = prefix + ":session:{tok1}:index";
		redis.opsForZSet().add(index, "live", now + 3_600_000);
		redis.opsForZSet().add(index, "expired", now - 1000);
		redis.opsForZSet().add(index, "no-hash", now + 3_600_000);
		redis.opsForHash().put(prefix + ":session:{tok1}:s:live", "uid", "alice");
		redis.opsForHash().put(prefix + ":session:{tok1}:s:expired", "uid", "alice");
		redis.opsForValue().set(prefix + ":session:user:alice", "tok1");
		redis.opsForValue().set(prefix + ":session:user:bob", "tok2");
		redis.opsForValue().set(prefix + ":session:user:carol", "tok3", Duration.ofHours(1));
	}

	private static void populateBlacklist(StringRedisTemplate redis, String prefix) {
		long nowSeconds = System.currentTimeMillis() / 1000;
		redis.opsForValue().set(prefix + ":blacklist:token:persisted", "1");
		redis.opsForValue().set(prefix + ":blacklist:token:expiring", "1", Duration.ofSeconds(600));
		redis.opsForValue().set(prefix + ":blacklist:user:old", Long.toString(nowSeconds - 2 * 86_400));
		redis.opsForValue().set(prefix + ":blacklist:user:new", Long.toString(nowSeconds));
	}

	private static void populateOldPrefix(StringRedisTemplate redis, String prefix, String old) {
		redis.opsForValue().set(old + ":a", "1");
		redis.opsForHash().put(old + ":{x}:b", "f", "v");
		redis.opsForList().rightPush(old + ":c", "v");
		redis.opsForValue().set(old + "-not-under-it", "1");
		redis.opsForValue().set(prefix + ":kept", "1");
	}

}
