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

import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.maintenance.RedisBackup;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisUtilsMaintenanceAutoConfiguration}, without a Redis server:
 * nothing here connects.
 *
 * @author redis-utils authors
 */
class RedisUtilsMaintenanceAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsMaintenanceAutoConfiguration.class));

	@Test
	void defaultsProvideTheBackup() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(RedisBackup.class)
			.hasSingleBean(RedisMaintenanceProperties.class));
	}

	@Test
	void maintenanceSwitchTurnsTheFeatureOff() {
		this.contextRunner.withPropertyValues("redis.maintenance.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisBackup.class));
	}

	@Test
	void redisSwitchTurnsItOff() {
		this.contextRunner.withPropertyValues("redis.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisBackup.class));
	}

	@Test
	void anInvalidPropertyFailsStartUp() {
		this.contextRunner.withPropertyValues("redis.maintenance.backup.scan-count=0")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void backsOffForTheUsersOwnBackup() {
		this.contextRunner
			.withBean("myBackup", RedisBackup.class,
					() -> RedisBackup.create(new LettuceConnectionFactory(), RedisKeys.withPrefix("mine")))
			.run((context) -> assertThat(context).hasSingleBean(RedisBackup.class).hasBean("myBackup"));
	}

}
