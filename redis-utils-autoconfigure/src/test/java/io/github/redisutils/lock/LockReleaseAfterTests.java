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
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link LockHandle#release(Duration)}: a release that keeps the lock until a minimum
 * hold time has passed, by Redis server time.
 *
 * @author redis-utils authors
 */
class LockReleaseAfterTests {

	private static final Duration NO_WAIT = Duration.ZERO;

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void releaseBeforeTheMinimumHoldKeepsTheLockUntilThen(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			LockHandle handle = locks.tryAcquire("kept", NO_WAIT, Duration.ofSeconds(30)).orElseThrow();
			handle.release(Duration.ofMillis(800));
			assertThat(template.getExpire(LockTestSupport.lockKey(context, "kept"), TimeUnit.MILLISECONDS))
				.isBetween(1L, 800L);
			assertThat(handle.isHeld()).isFalse();
			assertThat(locks.tryAcquire("kept", NO_WAIT)).isEmpty();
			assertThat(locks.tryAcquire("kept", Duration.ofSeconds(3))).isPresent();
			assertThatExceptionOfType(LockNotHeldException.class).isThrownBy(handle::release);
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void theMinimumHoldCountsFromTheLastExtension(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			LockHandle handle = locks.tryAcquire("extended", NO_WAIT, Duration.ofMillis(500)).orElseThrow();
			Thread.sleep(300);
			handle.extend(Duration.ofSeconds(20));
			handle.release(Duration.ofSeconds(2));
			assertThat(template.getExpire(LockTestSupport.lockKey(context, "extended"), TimeUnit.MILLISECONDS))
				.isBetween(1_500L, 2_000L);
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void aPassedMinimumHoldOrALongerOneThanTheLeaseNeverLengthensIt(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			LockHandle passed = locks.tryAcquire("passed", NO_WAIT, Duration.ofSeconds(30)).orElseThrow();
			Thread.sleep(150);
			passed.release(Duration.ofMillis(100));
			assertThat(template.hasKey(LockTestSupport.lockKey(context, "passed"))).isFalse();
			LockHandle longer = locks.tryAcquire("longer", NO_WAIT, Duration.ofSeconds(1)).orElseThrow();
			longer.release(Duration.ofMinutes(5));
			assertThat(template.getExpire(LockTestSupport.lockKey(context, "longer"), TimeUnit.MILLISECONDS))
				.isBetween(1L, 1_000L);
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.lock.LockTestSupport#topologies")
	void aWatchdogLockHasNoLeaseToKeep(String[] redis) {
		LockTestSupport.instances(redis).run((context) -> {
			DistributedLocks locks = context.getBean(DistributedLocks.class);
			LockHandle handle = locks.tryAcquire("watched", NO_WAIT).orElseThrow();
			assertThatIllegalStateException().isThrownBy(() -> handle.release(Duration.ofSeconds(1)));
			assertThat(handle.isHeld()).isTrue();
			handle.release(Duration.ZERO);
			assertThat(handle.isHeld()).isFalse();
		});
	}

}
