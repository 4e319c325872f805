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
import io.github.redisutils.cache.CacheStore;
import io.github.redisutils.cache.RedisCaches;
import io.github.redisutils.cache.RedisUtilsCacheManager;
import io.github.redisutils.cache.ReturnTypeCacheResolver;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.codec.ValueCodec;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizers;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.interceptor.CacheResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The redis-utils cache: a Spring {@link CacheManager} named {@code cacheManager}
 * configured from {@code redis.cache.*}, and the programmatic {@link CacheStore}.
 * <p>
 * It runs before Spring Boot's own cache auto-configuration, which then backs off; it
 * backs off itself when the application defines a {@code CacheManager} or sets
 * {@code spring.cache.type} to anything but {@code redis} ({@code none}, {@code simple},
 * {@code caffeine}...), leaving the choice to Boot as usual. Boot's
 * {@link CacheManagerCustomizer} beans apply to its manager. With {@code @EnableCaching},
 * a {@link CachingConfigurer} installs the {@link ReturnTypeCacheResolver}, so cached
 * methods read entries as their return types; an application with its own
 * {@code CachingConfigurer} should return that resolver from it.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = RedisUtilsAutoConfiguration.class,
		beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass({ RedisConnectionFactory.class, CacheManager.class })
@ConditionalOnBean({ RedisConnectionFactory.class, RedisKeys.class, ValueCodec.class })
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "redis.cache.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RedisCacheProperties.class)
public final class RedisUtilsCacheAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisCaches redisCaches(RedisConnectionFactory redisConnectionFactory, RedisKeys redisKeys, ValueCodec valueCodec,
			ObjectProvider<MeterRegistry> meterRegistry, RedisCacheProperties properties,
			ObjectProvider<OutageBackoffs> outageBackoffs) {
		return RedisCaches.create(redisConnectionFactory, redisKeys, valueCodec,
				MeterRegistries.applicationOrNoop(meterRegistry), properties.toOptions(),
				outageBackoffs.getIfAvailable(OutageBackoffs::disabled)
					.forFeature(RedisCaches.FEATURE, properties.getOutageBackoff()));
	}

	@Bean
	@ConditionalOnMissingBean
	CacheStore cacheStore(RedisCaches redisCaches, RedisCacheProperties properties) {
		return redisCaches.store(properties.toDefaultSettings());
	}

	// Static, and the manager looked up on first use: the caching infrastructure
	// asks for configurers while bean post-processors are still being created.
	@Bean
	@ConditionalOnBean(RedisUtilsCacheManager.class)
	@ConditionalOnMissingBean(CachingConfigurer.class)
	static CachingConfigurer redisCacheCachingConfigurer(ObjectProvider<CacheManager> cacheManager) {
		ReturnTypeCacheResolver resolver = new ReturnTypeCacheResolver(cacheManager::getObject);
		return new CachingConfigurer() {

			@Override
			public CacheResolver cacheResolver() {
				return resolver;
			}

		};
	}

	/**
	 * The cache manager, unless the application has one or chose another cache type with
	 * {@code spring.cache.type}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(CacheManager.class)
	@ConditionalOnProperty(name = "spring.cache.type", havingValue = "redis", matchIfMissing = true)
	@ConditionalOnMissingClass("org.springframework.boot.cache.autoconfigure.CacheManagerCustomizers")
	static class CacheManagerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RedisUtilsCacheManager cacheManager(RedisCaches redisCaches, RedisCacheProperties properties) {
			return properties.toCacheManager(redisCaches);
		}

	}

	/**
	 * The cache manager where Spring Boot's cache support is on the class path: its
	 * {@link CacheManagerCustomizer} beans apply, as to Boot's own cache managers.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(CacheManagerCustomizers.class)
	@ConditionalOnMissingBean(CacheManager.class)
	@ConditionalOnProperty(name = "spring.cache.type", havingValue = "redis", matchIfMissing = true)
	static class CustomizedCacheManagerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CacheManagerCustomizers cacheManagerCustomizers(ObjectProvider<CacheManagerCustomizer<?>> customizers) {
			return new CacheManagerCustomizers(customizers.orderedStream().toList());
		}

		@Bean
		@ConditionalOnMissingBean
		RedisUtilsCacheManager cacheManager(RedisCaches redisCaches, RedisCacheProperties properties,
				CacheManagerCustomizers cacheManagerCustomizers) {
			return cacheManagerCustomizers.customize(properties.toCacheManager(redisCaches));
		}

	}

}
