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
import io.github.redisutils.core.OutageBackoffs;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.codec.ValueCodec;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of {@link RedisBatches}: pipelined batches of typed reads and
 * writes.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = RedisUtilsAutoConfiguration.class)
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnBean(RedisConnectionFactory.class)
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "redis.batch.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RedisBatchProperties.class)
public final class RedisUtilsBatchAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisBatches redisBatches(RedisConnectionFactory redisConnectionFactory, RedisKeys redisKeys, ValueCodec valueCodec,
			RedisBatchProperties properties, ObjectProvider<OutageBackoffs> outageBackoffs,
			ObjectProvider<MeterRegistry> meterRegistry) {
		return RedisBatches.create(redisConnectionFactory, redisKeys, valueCodec, properties.getMaxSize(),
				outageBackoffs.getIfAvailable(OutageBackoffs::disabled).forFeature(RedisBatches.FEATURE),
				MeterRegistries.applicationOrNoop(meterRegistry));
	}

}
