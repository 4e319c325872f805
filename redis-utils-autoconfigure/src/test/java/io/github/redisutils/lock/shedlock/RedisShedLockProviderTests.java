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
package io.github.redisutils.lock.shedlock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockExtender;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.support.LockException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What {@link RedisShedLockProvider} adds to ShedLock's contract: fencing tokens for the
 * running task, lockAtLeastFor kept by Redis, meters, and the failure behaviour.
 *
 * @author redis-utils authors
 */
class RedisShedLockProviderTests {

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		context = ShedLockTestApplication.start(RedisServers.standalone().springProperties());
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	private static RedisShedLockProvider provider() {
		return context.getBean(RedisShedLockProvider.class);
	}

	private static LockConfiguration config(String name, Duration atMost, Duration atLeast) {
		return new LockConfiguration(Instant.now(), name, atMost, atLeast);
	}

	@Test
	void aTaskReadsTheFencingTokenOfItsLockAndTokensIncrease() {
		LockingTaskExecutor executor = new DefaultLockingTaskExecutor(provider());
		List<Long> tokens = new ArrayList<>();
		assertThat(RedisShedLockProvider.currentFencingToken()).isEmpty();
		for (int i = 0; i < 3; i++) {
			executor.executeWithLock((Runnable) () -> {
				tokens.add(RedisShedLockProvider.requireFencingToken());
				assertThat(RedisShedLockProvider.currentLock()).get()
					.extracting(FencedSimpleLock::name)
					.isEqualTo("report");
			}, config("report", Duration.ofSeconds(10), Duration.ZERO));
		}
		assertThat(tokens).hasSize(3).isSorted().doesNotHaveDuplicates();
		assertThat(tokens.get(0)).isPositive();
		assertThat(RedisShedLockProvider.currentFencingToken()).isEmpty();
		assertThatIllegalStateException().isThrownBy(RedisShedLockProvider::requireFencingToken);
	}

	@Test
	void nestedLocksShowTheInnermost() {
		LockingTaskExecutor executor = new DefaultLockingTaskExecutor(provider());
		long[] seen = new long[3];
		executor.executeWithLock((Runnable) () -> {
			seen[0] = RedisShedLockProvider.requireFencingToken();
			executor.executeWithLock((Runnable) () -> seen[1] = RedisShedLockProvider.requireFencingToken(),
					config("inner", Duration.ofSeconds(10), Duration.ZERO));
			seen[2] = RedisShedLockProvider.requireFencingToken();
		}, config("outer", Duration.ofSeconds(10), Duration.ZERO));
		assertThat(seen[1]).isPositive();
		assertThat(seen[2]).isEqualTo(seen[0]);
	}

	@Test
	void anExtensionKeepsTheTokenAndSetsTheLeaseInRedis() {
		LockingTaskExecutor executor = new DefaultLockingTaskExecutor(provider());
		StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
		String key = ShedLockTestApplication.lockKey(context, "extended");
		executor.executeWithLock((Runnable) () -> {
			long token = RedisShedLockProvider.requireFencingToken();
			assertThat(redis.getExpire(key, TimeUnit.MILLISECONDS)).isBetween(1L, 2_000L);
			LockExtender.extendActiveLock(Duration.ofSeconds(30), Duration.ZERO);
			assertThat(redis.getExpire(key, TimeUnit.MILLISECONDS)).isBetween(20_000L, 30_000L);
			assertThat(RedisShedLockProvider.requireFencingToken()).isEqualTo(token);
		}, config("extended", Duration.ofSeconds(2), Duration.ZERO));
		ShedLockTestApplication.assertUnlocked(context, "extended");
	}

	@Test
	void unlockBeforeLockAtLeastForKeepsTheLockUntilThenByRedisTime() throws Exception {
		StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
		String key = ShedLockTestApplication.lockKey(context, "at-least");
		SimpleLock lock = provider().lock(config("at-least", Duration.ofSeconds(60), Duration.ofMillis(1500)))
			.orElseThrow();
		Thread.sleep(300);
		lock.unlock();
		// Kept for what is left of the 1.5 s, not the 60 s lease.
		assertThat(redis.getExpire(key, TimeUnit.MILLISECONDS)).isBetween(1L, 1_200L);
		assertThat(provider().lock(config("at-least", Duration.ofSeconds(5), Duration.ZERO))).isEmpty();
		Thread.sleep(1_400);
		SimpleLock again = provider().lock(config("at-least", Duration.ofSeconds(5), Duration.ZERO)).orElseThrow();
		again.unlock();
		ShedLockTestApplication.assertUnlocked(context, "at-least");
	}

	@Test
	void unlockAfterLockAtLeastForReleasesAtOnce() throws Exception {
		SimpleLock lock = provider().lock(config("passed", Duration.ofSeconds(60), Duration.ofMillis(100)))
			.orElseThrow();
		Thread.sleep(200);
		lock.unlock();
		ShedLockTestApplication.assertUnlocked(context, "passed");
	}

	@Test
	void aLockUnlockedOnAnotherThreadIsNoLongerCurrent() {
		SimpleLock lock = provider().lock(config("handed-over", Duration.ofSeconds(10), Duration.ZERO)).orElseThrow();
		assertThat(RedisShedLockProvider.currentLock()).containsSame((FencedSimpleLock) lock);
		CompletableFuture.runAsync(lock::unlock).join();
		assertThat(RedisShedLockProvider.currentLock()).isEmpty();
		ShedLockTestApplication.assertUnlocked(context, "handed-over");
	}

	@Test
	void unlockingAnExpiredLockLeavesTheNextHoldersLockAlone() throws Exception {
		SimpleLock expired = provider().lock(config("short", Duration.ofMillis(50), Duration.ZERO)).orElseThrow();
		Thread.sleep(100);
		SimpleLock next = provider().lock(config("short", Duration.ofSeconds(10), Duration.ZERO)).orElseThrow();
		expired.unlock();
		ShedLockTestApplication.assertLocked(context, "short");
		assertThat(((FencedSimpleLock) next).fencingToken()).isGreaterThan(((FencedSimpleLock) expired).fencingToken());
		next.unlock();
	}

	@Test
	void acquisitionsAreCountedByTheLockMeters() {
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		long acquired = (long) meters.get("redis.lock.acquire").tag("outcome", "acquired").timer().count();
		long busy = (long) meters.get("redis.lock.acquire").tag("outcome", "timeout").timer().count();
		SimpleLock lock = provider().lock(config("metered", Duration.ofSeconds(10), Duration.ZERO)).orElseThrow();
		assertThat(provider().lock(config("metered", Duration.ofSeconds(10), Duration.ZERO))).isEmpty();
		lock.unlock();
		assertThat(meters.get("redis.lock.acquire").tag("outcome", "acquired").timer().count()).isEqualTo(acquired + 1);
		assertThat(meters.get("redis.lock.acquire").tag("outcome", "timeout").timer().count()).isEqualTo(busy + 1);
	}

	@Test
	void withoutRedisNoLockIsGrantedAndTheTaskDoesNotRun() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			ConfigurableApplicationContext instance = ShedLockTestApplication.start(redis.springProperties(),
					"spring.data.redis.timeout=500ms", "spring.data.redis.connect-timeout=500ms");
			try {
				RedisShedLockProvider provider = instance.getBean(RedisShedLockProvider.class);
				SimpleLock held = provider.lock(config("outage", Duration.ofSeconds(30), Duration.ZERO)).orElseThrow();
				redis.stop();
				boolean[] ran = { false };
				assertThatExceptionOfType(LockException.class)
					.isThrownBy(() -> new DefaultLockingTaskExecutor(provider).executeWithLock(
							(Runnable) () -> ran[0] = true, config("other", Duration.ofSeconds(30), Duration.ZERO)))
					.withCauseInstanceOf(RedisUnavailableException.class);
				assertThat(ran[0]).isFalse();
				// An unlock that cannot reach Redis is logged; the lock expires with its
				// lease.
				held.unlock();
				Optional<FencedSimpleLock> current = RedisShedLockProvider.currentLock();
				assertThat(current).isEmpty();
			}
			finally {
				instance.close();
			}
		}
		assertThat(RedisShedLockProvider.currentFencingToken()).isEqualTo(OptionalLong.empty());
	}

}
