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
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.core.codec.ValueCodec;
import io.github.redisutils.pubsub.PubSubListenerProcessor;
import io.github.redisutils.pubsub.RedisPubSub;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Typed pub/sub: {@link RedisPubSub} on the application's Lettuce connection factory
 * (Jedis is not supported: the subscription and reliable consumers use Lettuce
 * connections of their own), and discovery of {@code @PubSubListener} methods.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = RedisUtilsAutoConfiguration.class)
@ConditionalOnClass({ RedisConnectionFactory.class, LettuceConnectionFactory.class, RedisClient.class })
@ConditionalOnBean({ RedisConnectionFactory.class, LettuceConnectionFactory.class, RedisKeys.class })
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "redis.pubsub.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RedisPubSubProperties.class)
public final class RedisUtilsPubSubAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisPubSub redisPubSub(LettuceConnectionFactory redisConnectionFactory, RedisKeys redisKeys, ValueCodec valueCodec,
			RedisPubSubProperties properties, Environment environment, ObjectProvider<MeterRegistry> meterRegistry,
			ObjectProvider<RedisThreads> redisThreads, ObjectProvider<OutageBackoffs> outageBackoffs) {
		return RedisPubSub.create(redisConnectionFactory, valueCodec,
				properties.toOptions(redisKeys.prefix(), environment.getProperty("spring.application.name")),
				MeterRegistries.applicationOrNoop(meterRegistry), redisThreads.getIfAvailable(RedisThreads::platform),
				outageBackoffs.getIfAvailable(OutageBackoffs::disabled).forFeature(RedisPubSub.FEATURE));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "redis.pubsub.listeners.enabled", matchIfMissing = true)
	static PubSubListenerProcessor pubSubListenerProcessor(ObjectProvider<RedisPubSub> redisPubSub) {
		return new PubSubListenerProcessor(redisPubSub);
	}

}
