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

import io.github.redisutils.core.PrimarySwitchListener;
import io.github.redisutils.core.SentinelPrimaryWatcher;
import io.lettuce.core.RedisClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Follows the primary that Sentinel switched to: a {@link SentinelPrimaryWatcher} when
 * {@code spring.data.redis.sentinel.master} is set, told to every
 * {@link PrimarySwitchListener} bean. Switched off by
 * {@code redis.failover.follow-primary=false}.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = RedisUtilsAutoConfiguration.class)
@ConditionalOnClass({ LettuceConnectionFactory.class, RedisClient.class })
@ConditionalOnBean(LettuceConnectionFactory.class)
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "redis.failover.follow-primary", matchIfMissing = true)
@ConditionalOnProperty(prefix = "spring.data.redis.sentinel", name = "master")
@EnableConfigurationProperties(RedisFailoverProperties.class)
public final class RedisUtilsFailoverAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SentinelPrimaryWatcher sentinelPrimaryWatcher(LettuceConnectionFactory redisConnectionFactory,
			RedisFailoverProperties properties, ObjectProvider<PrimarySwitchListener> listeners) {
		return new SentinelPrimaryWatcher(redisConnectionFactory, properties.getCheckInterval(),
				listeners.orderedStream().toList());
	}

	// Listener beans are often declared by an interface (RedisPubSub, DistributedLocks)
	// that does not name PrimarySwitchListener: look again once every bean exists.
	@Bean
	@ConditionalOnMissingBean(name = "primarySwitchListenerRegistrar")
	SmartInitializingSingleton primarySwitchListenerRegistrar(SentinelPrimaryWatcher sentinelPrimaryWatcher,
			ObjectProvider<PrimarySwitchListener> listeners) {
		return () -> listeners.orderedStream().forEach(sentinelPrimaryWatcher::addListener);
	}

}
