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

import io.github.redisutils.core.OutageBackoffs;
import io.github.redisutils.core.RedisCalls;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisServerClock;
import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.core.codec.ValueCodec;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Core of redis-utils: key naming, the value codec and the server clock that every
 * feature uses.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnBean(RedisConnectionFactory.class)
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RedisUtilsProperties.class)
public final class RedisUtilsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisKeys redisKeys(RedisUtilsProperties properties, Environment environment) {
		return RedisKeys.forApplication(properties.getKeyPrefix(), environment.getProperty("spring.application.name"));
	}

	@Bean
	@ConditionalOnMissingBean
	ValueCodec valueCodec(RedisUtilsProperties properties, ObjectProvider<ValueCodecJsonMapperCustomizer> customizers) {
		// Stored values outlive releases: a field removed from a class must not make them
		// unreadable.
		JsonMapper.Builder builder = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return ValueCodec.create(builder.build(), properties.getCodec().toOptions());
	}

	@Bean
	@ConditionalOnMissingBean
	RedisServerClock redisServerClock(RedisConnectionFactory redisConnectionFactory) {
		return new RedisServerClock(redisConnectionFactory);
	}

	@Bean
	@ConditionalOnMissingBean
	OutageBackoffs outageBackoffs(RedisUtilsProperties properties, RedisConnectionFactory redisConnectionFactory,
			ObjectProvider<MeterRegistry> meterRegistry) {
		return new OutageBackoffs(properties.getOutage().getBackoff(), properties.getRetry().toRetry(),
				RedisCalls.commandTimeout(redisConnectionFactory), MeterRegistries.applicationOrNoop(meterRegistry));
	}

	@Bean
	@ConditionalOnMissingBean
	RedisThreads redisThreads(Environment environment) {
		// Boot's own switch: virtual threads where spring.threads.virtual.enabled=true
		// and the JVM has them.
		return RedisThreads.of(Threading.VIRTUAL.isActive(environment));
	}

}
