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
package io.github.redisutils.autoconfigure;

import java.time.Duration;

import io.github.redisutils.lock.LockOptions;
import org.junit.jupiter.api.Test;

import static io.github.redisutils.autoconfigure.PropertiesBinding.assertRejected;
import static io.github.redisutils.autoconfigure.PropertiesBinding.bind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests that invalid {@code redis.lock.*} properties fail start-up naming the property
 * and the reason.
 *
 * @author redis-utils authors
 */
class RedisLockPropertiesTests {

	@Test
	void validPropertiesBind() {
		RedisLockProperties properties = bind(RedisLockProperties.class, "redis.lock.lease=10s", "redis.lock.wait=0s",
				"redis.lock.poll-interval=100ms", "redis.lock.registry-name=orders");
		assertThat(properties.toOptions().lease()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.toOptions().pollInterval()).isEqualTo(Duration.ofMillis(100));
		assertThat(properties.toOptions().registryName()).isEqualTo("orders");
		assertThat(properties.getWait()).isZero();
	}

	@Test
	void leaseShorterThan100MillisecondsFails() {
		assertRejected(RedisLockProperties.class, "redis.lock.lease", "at least 100ms", "redis.lock.lease=99ms");
	}

	@Test
	void negativeWaitFails() {
		assertRejected(RedisLockProperties.class, "redis.lock.wait", "must not be negative", "redis.lock.wait=-1s");
	}

	@Test
	void zeroPollIntervalFails() {
		assertRejected(RedisLockProperties.class, "redis.lock.pollInterval", "must be positive",
				"redis.lock.poll-interval=0ms");
	}

	@Test
	void blankRegistryNameFails() {
		assertRejected(RedisLockProperties.class, "redis.lock.registryName", "must not be empty",
				"redis.lock.registry-name= ");
	}

	@Test
	void propertiesAndRecordReportTheSameRuleWithTheSameMessage() {
		String expected = LockOptions.problems("default", Duration.ofMillis(99), Duration.ofMillis(250)).get("lease");
		assertThat(expected).isEqualTo("must be at least 100ms: the watchdog renews every third of it (was PT0.099S)");
		assertRejected(RedisLockProperties.class, "redis.lock.lease", expected, "redis.lock.lease=99ms");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LockOptions("default", Duration.ofMillis(99), Duration.ofMillis(250)))
			.withMessage("Invalid lock options: lease " + expected);
	}

}
