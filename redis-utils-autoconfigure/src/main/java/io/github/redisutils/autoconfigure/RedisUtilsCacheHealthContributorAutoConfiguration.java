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

import io.github.redisutils.actuate.CacheHealthIndicator;
import io.github.redisutils.actuate.RedisHealthContribution;
import io.github.redisutils.cache.RedisCaches;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code cache} child to the {@code redis} health contributor. It is always UP:
 * the cache serves from its loaders while Redis is unavailable, and the
 * {@code connection} child reports the outage. Its details say whether the cache is
 * skipping Redis and how many fallbacks and decoding failures there have been. Switched
 * off alone by {@code management.health.redis.cache.enabled=false}.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = RedisUtilsCacheAutoConfiguration.class,
		before = RedisUtilsHealthContributorAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(RedisCaches.class)
@ConditionalOnEnabledHealthIndicator("redis")
public final class RedisUtilsCacheHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "cacheHealthContribution")
	@ConditionalOnEnabledHealthIndicator("redis.cache")
	RedisHealthContribution cacheHealthContribution(RedisCaches redisCaches) {
		return new RedisHealthContribution(RedisCaches.FEATURE, new CacheHealthIndicator(redisCaches::status));
	}

}
