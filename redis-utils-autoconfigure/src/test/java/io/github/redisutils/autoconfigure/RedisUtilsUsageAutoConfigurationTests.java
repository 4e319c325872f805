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
import io.github.redisutils.usage.UsageOptions;
import io.github.redisutils.usage.UsageTracker;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisUtilsUsageAutoConfiguration}, without a Redis server: nothing
 * here connects.
 *
 * @author redis-utils authors
 */
class RedisUtilsUsageAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsUsageAutoConfiguration.class));

	@Test
	void defaultsProvideTheTracker() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(UsageTracker.class)
			.hasSingleBean(RedisUsageProperties.class));
	}

	@Test
	void usageSwitchTurnsTheFeatureOff() {
		this.contextRunner.withPropertyValues("redis.usage.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(UsageTracker.class));
	}

	@Test
	void redisSwitchTurnsItOff() {
		this.contextRunner.withPropertyValues("redis.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(UsageTracker.class));
	}

	@Test
	void backsOffForTheUsersOwnTracker() {
		this.contextRunner
			.withBean("myUsage", UsageTracker.class,
					() -> UsageTracker.create(new LettuceConnectionFactory(), RedisKeys.withPrefix("mine"),
							UsageOptions.defaults()))
			.run((context) -> assertThat(context).hasSingleBean(UsageTracker.class).hasBean("myUsage"));
	}

}
