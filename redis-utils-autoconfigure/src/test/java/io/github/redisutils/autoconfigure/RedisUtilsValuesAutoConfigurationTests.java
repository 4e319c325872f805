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
import io.github.redisutils.core.codec.CodecOptions;
import io.github.redisutils.core.codec.ValueCodec;
import io.github.redisutils.values.RedisValues;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisUtilsValuesAutoConfiguration}, without a Redis server: nothing
 * here connects.
 *
 * @author redis-utils authors
 */
class RedisUtilsValuesAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsValuesAutoConfiguration.class));

	@Test
	void defaultsProvideTheValues() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(RedisValues.class)
			.hasSingleBean(RedisValuesProperties.class));
	}

	@Test
	void valuesSwitchTurnsTheFeatureOff() {
		this.contextRunner.withPropertyValues("redis.values.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisValues.class));
	}

	@Test
	void redisSwitchTurnsItOff() {
		this.contextRunner.withPropertyValues("redis.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisValues.class));
	}

	@Test
	void backsOffForTheUsersOwnValues() {
		this.contextRunner
			.withBean("myValues", RedisValues.class,
					() -> RedisValues.create(new LettuceConnectionFactory(), RedisKeys.withPrefix("mine"),
							ValueCodec.create(JsonMapper.builder().build(), CodecOptions.defaults())))
			.run((context) -> assertThat(context).hasSingleBean(RedisValues.class).hasBean("myValues"));
	}

}
