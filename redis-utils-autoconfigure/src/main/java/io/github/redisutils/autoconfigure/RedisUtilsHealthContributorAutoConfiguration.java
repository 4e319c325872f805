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

import io.github.redisutils.actuate.RedisConnectionHealthIndicator;
import io.github.redisutils.actuate.RedisEvictionPolicyCheck;
import io.github.redisutils.actuate.RedisHealthContribution;
import io.github.redisutils.actuate.RedisHealthContributor;
import io.github.redisutils.core.OutageBackoffs;
import io.github.redisutils.core.RedisThreads;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Replaces Spring Boot's {@code redis} health contributor with a composite: the
 * {@code connection} check first, then a child per feature that reports state. Switched
 * off, like the stock one, by {@code management.health.redis.enabled=false}.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class,
		before = { DataRedisHealthContributorAutoConfiguration.class,
				DataRedisReactiveHealthContributorAutoConfiguration.class })
@ConditionalOnClass({ RedisConnectionFactory.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(RedisConnectionFactory.class)
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("redis")
@EnableConfigurationProperties(RedisUtilsProperties.class)
public final class RedisUtilsHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "redisHealthIndicator", "redisHealthContributor" })
	RedisHealthContributor redisHealthContributor(RedisConnectionFactory redisConnectionFactory,
			RedisUtilsProperties properties, ObjectProvider<RedisHealthContribution> contributions,
			ObjectProvider<RedisThreads> redisThreads, ObjectProvider<OutageBackoffs> outageBackoffs,
			ListableBeanFactory beanFactory) {
		RedisUtilsProperties.Health health = properties.getHealth();
		RedisThreads threads = redisThreads.getIfAvailable(RedisThreads::platform);
		RedisConnectionHealthIndicator connection = new RedisConnectionHealthIndicator(redisConnectionFactory,
				health.getTimeout(), health.getLatencyThreshold(), threads,
				new RedisConnectionHealthIndicator.MemoryThresholds(health.getMemoryWarningThreshold(),
						health.getMemoryDownThreshold()),
				new RedisFeaturesInUse(beanFactory));
		return new RedisHealthContributor(connection, contributions.orderedStream().toList(), health.getTimeout(),
				threads, outageBackoffs.getIfAvailable(OutageBackoffs::disabled));
	}

	@Bean
	@ConditionalOnMissingBean
	RedisEvictionPolicyCheck redisEvictionPolicyCheck(RedisConnectionFactory redisConnectionFactory,
			ObjectProvider<RedisThreads> redisThreads, ListableBeanFactory beanFactory) {
		return new RedisEvictionPolicyCheck(redisConnectionFactory, new RedisFeaturesInUse(beanFactory),
				redisThreads.getIfAvailable(RedisThreads::platform));
	}

}
