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
import java.util.UUID;

import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.lock.LockHandle;
import io.github.redisutils.test.RedisConnectionDetails;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test-support module's {@link RedisConnectionDetails} as a user declares them: a
 * bean that Spring Boot's Redis auto-configuration connects with, winning over
 * {@code spring.data.redis.*} (set here to a port nothing listens on), for every topology
 * kind and over TLS.
 */
class RedisConnectionDetailsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsLockAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=1");

	@Test
	void aStandaloneServersDetailsConnectTheApplication() {
		assertWorks(RedisConnectionDetails.of(RedisServers.standalone()));
	}

	@Test
	void aStandaloneServerWithTlsIsReachedThroughItsSslBundle() {
		DataRedisConnectionDetails details = RedisConnectionDetails.of(RedisServers.standaloneTls());
		assertThat(details.getSslBundle()).isNotNull();
		assertWorks(details);
	}

	@Test
	void aSentinelTopologysDetailsNameItsMasterAndSentinel() {
		DataRedisConnectionDetails details = RedisConnectionDetails.of(RedisServers.sentinel());
		assertThat(details.getSentinel()).isNotNull();
		this.contextRunner.withBean(DataRedisConnectionDetails.class, () -> details).run((context) -> {
			LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
			assertThat(factory.getSentinelConfiguration()).isNotNull();
		});
		assertWorks(details);
	}

	@Test
	void aClustersDetailsSeedEveryNode() {
		DataRedisConnectionDetails details = RedisConnectionDetails.of(RedisServers.cluster());
		assertThat(details.getCluster()).isNotNull();
		assertThat(details.getCluster().getNodes()).hasSameSizeAs(RedisServers.cluster().nodes());
		this.contextRunner.withBean(DataRedisConnectionDetails.class, () -> details).run((context) -> {
			LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
			assertThat(factory.getClusterConfiguration()).isNotNull();
		});
		assertWorks(details);
	}

	private void assertWorks(DataRedisConnectionDetails details) {
		this.contextRunner.withBean(DataRedisConnectionDetails.class, () -> details).run((context) -> {
			assertThat(context).hasNotFailed();
			StringRedisTemplate redis = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
			String key = "details:" + UUID.randomUUID();
			redis.opsForValue().set(key, "value");
			assertThat(redis.opsForValue().get(key)).isEqualTo("value");
			redis.delete(key);
			try (LockHandle handle = context.getBean(DistributedLocks.class)
				.tryAcquire(key, Duration.ofSeconds(1))
				.orElseThrow()) {
				assertThat(handle.isHeld()).isTrue();
			}
		});
	}

}
