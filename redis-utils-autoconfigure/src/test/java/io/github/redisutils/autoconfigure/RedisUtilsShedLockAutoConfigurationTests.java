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

import java.util.Optional;

import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.lock.shedlock.RedisShedLockProvider;
import net.javacrumbs.shedlock.core.LockProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisUtilsShedLockAutoConfiguration}.
 *
 * @author redis-utils authors
 */
class RedisUtilsShedLockAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsLockAutoConfiguration.class, RedisUtilsShedLockAutoConfiguration.class));

	@Test
	void withShedLockOnTheClassPathTheLocksProvideALockProvider() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(LockProvider.class)
				.hasSingleBean(RedisShedLockProvider.class)
				.hasBean("shedLockProvider")
				.hasSingleBean(RedisShedLockProperties.class);
			assertThat(context.getBean(RedisShedLockProperties.class).isEnabled()).isTrue();
		});
	}

	@Test
	void usersOwnLockProviderWins() {
		LockProvider mine = (configuration) -> Optional.empty();
		this.contextRunner.withBean("myLockProvider", LockProvider.class, () -> mine).run((context) -> {
			assertThat(context).hasSingleBean(LockProvider.class).doesNotHaveBean(RedisShedLockProvider.class);
			assertThat(context).getBean(LockProvider.class).isSameAs(mine);
		});
	}

	@Test
	void shedLockSwitchTurnsTheProviderOffButKeepsTheLocks() {
		this.contextRunner.withPropertyValues("redis.lock.shedlock.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LockProvider.class)
				.hasSingleBean(DistributedLocks.class));
	}

	@Test
	void withoutTheLocksThereIsNoProvider() {
		this.contextRunner.withPropertyValues("redis.lock.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LockProvider.class)
				.doesNotHaveBean(DistributedLocks.class));
	}

	@Test
	void redisSwitchTurnsTheProviderOff() {
		this.contextRunner.withPropertyValues("redis.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LockProvider.class));
	}

	@Test
	void withoutShedLockOnTheClassPathThereIsNoProvider() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(LockProvider.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(DistributedLocks.class)
				.doesNotHaveBean(RedisShedLockProvider.class));
	}

}
