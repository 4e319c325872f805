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

import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fencing tokens never go backwards, even when the last token is lost: a restart without
 * persistence, a promoted replica that missed increments (the failover case is in the
 * failover suite).
 *
 * @author redis-utils authors
 */
class FencingTokenTests {

	@Test
	void theNextTokenAfterARestartWithoutPersistenceIsLargerThanEveryEarlierOne() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			LockTestSupport.instances(redis.springProperties(), "spring.data.redis.timeout=1s").run((context) -> {
				DistributedLocks locks = context.getBean(DistributedLocks.class);
				long largest = 0;
				for (int i = 0; i < 50; i++) {
					LockHandle handle = locks.tryAcquire("fenced", Duration.ZERO).orElseThrow();
					assertThat(handle.fencingToken()).isGreaterThan(largest);
					largest = handle.fencingToken();
					handle.release();
				}
				redis.stop();
				redis.start();
				LockHandle after = acquireOnceReconnected(locks);
				assertThat(after.fencingToken()).isGreaterThan(largest);
				after.release();
			});
		}
	}

	@Test
	void tokensIncreaseByOneWhenTheCounterIsAheadOfTheServerClock() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			LockTestSupport.instances(redis.springProperties()).run((context) -> {
				DistributedLocks locks = context.getBean(DistributedLocks.class);
				LockHandle first = locks.tryAcquire("ahead", Duration.ZERO).orElseThrow();
				first.release();
				// A counter far ahead of the clock, as left by a server whose clock ran
				// ahead.
				String fenceKey = LockTestSupport.fenceKey(context, "ahead");
				new StringRedisTemplate(context.getBean(RedisConnectionFactory.class)).opsForValue()
					.set(fenceKey, "4000000000000000");
				LockHandle second = locks.tryAcquire("ahead", Duration.ZERO).orElseThrow();
				assertThat(second.fencingToken()).isEqualTo(4000000000000001L);
				second.release();
				LockHandle third = locks.tryAcquire("ahead", Duration.ZERO).orElseThrow();
				assertThat(third.fencingToken()).isEqualTo(4000000000000002L);
				third.release();
			});
		}
	}

	static LockHandle acquireOnceReconnected(DistributedLocks locks) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (true) {
			try {
				return locks.tryAcquire("fenced", Duration.ofSeconds(1)).orElseThrow();
			}
			catch (RedisUnavailableException ex) {
				assertThat(System.nanoTime() - deadline).as("reconnected in time").isNegative();
				Thread.sleep(100);
			}
		}
	}

}
