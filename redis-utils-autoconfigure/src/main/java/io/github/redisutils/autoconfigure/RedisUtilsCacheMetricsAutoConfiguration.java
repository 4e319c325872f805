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

import java.util.Map;

import io.github.redisutils.cache.RedisUtilsCacheManager;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;
import org.springframework.boot.cache.metrics.CacheMetricsRegistrar;
import org.springframework.context.annotation.Bean;

/**
 * The standard {@code cache.*} meters of the redis-utils caches, registered by Spring
 * Boot's cache metrics support as for its own caches: a {@link CacheMeterBinderProvider}
 * for Boot's registrar, which binds the caches present at start-up with the tags
 * {@code cache} and {@code cache.manager}, and a binding of the caches a manager creates
 * later on first use.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = RedisUtilsCacheAutoConfiguration.class,
		afterName = "org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration")
@ConditionalOnClass({ MeterRegistry.class, CacheMeterBinderProvider.class })
@ConditionalOnBean(RedisUtilsCacheManager.class)
public final class RedisUtilsCacheMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisUtilsCacheMeterBinderProvider redisUtilsCacheMeterBinderProvider() {
		return new RedisUtilsCacheMeterBinderProvider();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ CacheMetricsRegistrar.class, MeterRegistry.class })
	static RedisUtilsCacheMetricsBinding redisUtilsCacheMetricsBinding(
			Map<String, RedisUtilsCacheManager> cacheManagers, CacheMetricsRegistrar cacheMetricsRegistrar,
			MeterRegistry meterRegistry) {
		return new RedisUtilsCacheMetricsBinding(cacheManagers, cacheMetricsRegistrar, meterRegistry);
	}

}
