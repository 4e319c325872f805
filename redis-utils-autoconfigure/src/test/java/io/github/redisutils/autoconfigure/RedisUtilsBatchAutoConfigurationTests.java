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

import io.github.redisutils.batch.RedisBatches;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.codec.CodecOptions;
import io.github.redisutils.core.codec.ValueCodec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static io.github.redisutils.autoconfigure.PropertiesBinding.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisUtilsBatchAutoConfiguration} and {@link RedisBatchProperties},
 * without a Redis server: nothing here connects.
 *
 * @author redis-utils authors
 */
class RedisUtilsBatchAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsBatchAutoConfiguration.class));

	@Test
	void defaultsProvideTheBatches() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RedisBatches.class).hasSingleBean(RedisBatchProperties.class);
			assertThat(context.getBean(RedisBatches.class).maxSize()).isEqualTo(RedisBatches.DEFAULT_MAX_SIZE);
		});
	}

	@Test
	void maxSizeIsConfigurable() {
		this.contextRunner.withPropertyValues("redis.batch.max-size=50")
			.run((context) -> assertThat(context.getBean(RedisBatches.class).maxSize()).isEqualTo(50));
	}

	@Test
	void batchSwitchTurnsTheFeatureOff() {
		this.contextRunner.withPropertyValues("redis.batch.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisBatches.class));
	}

	@Test
	void redisSwitchTurnsItOff() {
		this.contextRunner.withPropertyValues("redis.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisBatches.class));
	}

	@Test
	void backsOffForTheUsersOwnBatches() {
		this.contextRunner
			.withBean("myBatches", RedisBatches.class,
					() -> RedisBatches.create(new LettuceConnectionFactory(), RedisKeys.withPrefix("mine"),
							ValueCodec.create(JsonMapper.builder().build(), CodecOptions.defaults())))
			.run((context) -> assertThat(context).hasSingleBean(RedisBatches.class).hasBean("myBatches"));
	}

	@Test
	void aMaximumSizeBelowOneFailsStartUp() {
		assertRejected(RedisBatchProperties.class, "redis.batch.maxSize", "at least 1", "redis.batch.max-size=0");
	}

}
