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

import java.time.Duration;

import io.github.redisutils.actuate.RedisHealthContribution;
import io.github.redisutils.actuate.RedisHealthContributor;
import io.github.redisutils.cache.CacheSettings;
import io.github.redisutils.cache.CacheStore;
import io.github.redisutils.cache.RedisCaches;
import io.github.redisutils.cache.RedisUtilsCacheManager;
import io.github.redisutils.cache.ReturnTypeCacheResolver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizers;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.interceptor.CacheInterceptor;
import org.springframework.cache.support.NoOpCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisUtilsCacheAutoConfiguration} and
 * {@link RedisUtilsCacheHealthContributorAutoConfiguration}, without a Redis server:
 * nothing here connects.
 *
 * @author redis-utils authors
 */
class RedisUtilsCacheAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsCacheAutoConfiguration.class, RedisUtilsCacheHealthContributorAutoConfiguration.class,
				RedisUtilsHealthContributorAutoConfiguration.class));

	@Test
	void defaultsProvideTheCacheManagerTheStoreAndAHealthChild() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RedisCaches.class)
				.hasSingleBean(CacheStore.class)
				.hasSingleBean(RedisUtilsCacheManager.class)
				.hasBean("cacheManager")
				.hasSingleBean(CachingConfigurer.class);
			assertThat(context.getBean(CachingConfigurer.class).cacheResolver())
				.isInstanceOf(ReturnTypeCacheResolver.class);
			CompositeHealthContributor redis = context.getBean(RedisHealthContributor.class);
			Health health = ((HealthIndicator) redis.getContributor("cache")).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("bypassingRedis", false).containsKey("fallbacks");
		});
	}

	@Test
	void propertiesBecomeCacheSettings() {
		this.contextRunner
			.withPropertyValues("redis.cache.time-to-live=5m", "redis.cache.cache-null-values=false",
					"redis.cache.caches.users.time-to-live=30s", "redis.cache.caches.users.key-prefix=users-v2",
					"redis.cache.caches.users.ttl-jitter=0.1", "redis.cache.caches.users.early-refresh=true")
			.run((context) -> {
				RedisUtilsCacheManager cacheManager = context.getBean(RedisUtilsCacheManager.class);
				assertThat(cacheManager.getCacheNames()).containsExactly("users");
				assertThat(cacheManager.settingsOf("users"))
					.isEqualTo(new CacheSettings(Duration.ofSeconds(30), false, "users-v2", 0.1, true));
				assertThat(cacheManager.settingsOf("other"))
					.isEqualTo(new CacheSettings(Duration.ofMinutes(5), false, null, 0, false));
			});
	}

	@Test
	void cachesConfiguredAtStartUpHaveTheirMetersAtOnce() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withConfiguration(AutoConfigurations.of(CacheMetricsAutoConfiguration.class,
					RedisUtilsCacheMetricsAutoConfiguration.class))
			.withPropertyValues("redis.cache.cache-names=a", "redis.cache.caches.b.time-to-live=1m")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("cache.gets").tag("cache", "a").functionCounters()).hasSize(2);
				assertThat(registry.find("cache.gets")
					.tag("cache", "a")
					.tag("cache.manager", "cacheManager")
					.functionCounters()).hasSize(2);
				assertThat(registry.find("cache.puts").tag("cache", "b").functionCounters()).hasSize(1);
				assertThat(registry.find("redis.cache.fallbacks").tag("cache", "b").counters()).hasSize(2);
				assertThat(registry.find("redis.cache.decoding.failures").tag("cache", "a").counters()).hasSize(1);
			});
	}

	@Test
	void featureSwitchOffCreatesNothing() {
		this.contextRunner.withPropertyValues("redis.cache.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisCaches.class)
				.doesNotHaveBean(CacheStore.class)
				.doesNotHaveBean(CacheManager.class)
				.doesNotHaveBean(RedisHealthContribution.class));
	}

	@Test
	void redisDisabledCreatesNothing() {
		this.contextRunner.withPropertyValues("redis.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisCaches.class)
				.doesNotHaveBean(CacheManager.class));
	}

	@Test
	void aUserCacheManagerReplacesOursAndTheStoreStays() {
		this.contextRunner.withBean("myCacheManager", CacheManager.class, ConcurrentMapCacheManager::new)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RedisUtilsCacheManager.class)
					.doesNotHaveBean(CachingConfigurer.class)
					.hasSingleBean(CacheStore.class);
				assertThat(context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
			});
	}

	@Test
	void springCacheTypeChoosesAnotherCacheManagerAndOursBacksOff() {
		ApplicationContextRunner withBootCaching = this.contextRunner
			.withConfiguration(AutoConfigurations.of(CacheAutoConfiguration.class))
			.withUserConfiguration(EnableCachingConfiguration.class);
		withBootCaching.withPropertyValues("spring.cache.type=simple").run((context) -> {
			assertThat(context).doesNotHaveBean(RedisUtilsCacheManager.class).hasSingleBean(CacheStore.class);
			assertThat(context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
		});
		withBootCaching.withPropertyValues("spring.cache.type=none")
			.run((context) -> assertThat(context.getBean(CacheManager.class)).isInstanceOf(NoOpCacheManager.class));
		withBootCaching.withPropertyValues("spring.cache.type=redis")
			.run((context) -> assertThat(context.getBean(CacheManager.class))
				.isInstanceOf(RedisUtilsCacheManager.class));
		withBootCaching.run((context) -> assertThat(context.getBean(CacheManager.class))
			.isInstanceOf(RedisUtilsCacheManager.class));
	}

	@Test
	void cacheManagerCustomizersApplyToOurManager() {
		this.contextRunner
			.withBean("customizer", CacheManagerCustomizer.class,
					() -> (CacheManagerCustomizer<RedisUtilsCacheManager>) (manager) -> manager.getCache("warmed"))
			.withBean("other", CacheManagerCustomizer.class,
					() -> (CacheManagerCustomizer<ConcurrentMapCacheManager>) (manager) -> {
						throw new IllegalStateException("applies to another manager type only");
					})
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(RedisUtilsCacheManager.class).getCacheNames()).contains("warmed");
			});
	}

	@Test
	void withoutBootsCacheSupportTheManagerIsStillCreated() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(CacheManagerCustomizers.class))
			.run((context) -> assertThat(context).hasSingleBean(RedisUtilsCacheManager.class));
	}

	@Test
	void aUserCachingConfigurerReplacesOurs() {
		this.contextRunner.withUserConfiguration(UserCachingConfigurer.class).run((context) -> {
			assertThat(context).hasSingleBean(RedisUtilsCacheManager.class);
			assertThat(context.getBean(CachingConfigurer.class)).isInstanceOf(UserCachingConfigurer.class);
		});
	}

	@Test
	void everyBeanBacksOffForTheUsersOwn() {
		this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context.getBean(RedisCaches.class)).isSameAs(context.getBean("userRedisCaches"));
			assertThat(context.getBean(CacheStore.class)).isSameAs(context.getBean("userCacheStore"));
			assertThat(context.getBean(RedisHealthContribution.class))
				.isSameAs(context.getBean("cacheHealthContribution"));
			assertThat(context.getBean(RedisHealthContribution.class).name()).isEqualTo("mine");
		});
	}

	@Test
	void enableCachingUsesOurResolver() {
		this.contextRunner.withUserConfiguration(EnableCachingConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(CacheInterceptor.class).getCacheResolver())
				.isInstanceOf(ReturnTypeCacheResolver.class);
		});
	}

	@Test
	void withoutActuatorTheCacheStillWorks() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(RedisUtilsCacheManager.class)
				.hasSingleBean(CacheStore.class)
				.doesNotHaveBean(RedisHealthContribution.class));
	}

	@Test
	void healthSwitchRemovesTheHealthChildOnly() {
		this.contextRunner.withPropertyValues("management.health.redis.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(RedisUtilsCacheManager.class)
				.doesNotHaveBean(RedisHealthContribution.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class EnableCachingConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class UserCachingConfigurer implements CachingConfigurer {

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		RedisCaches userRedisCaches(org.springframework.data.redis.connection.RedisConnectionFactory factory,
				io.github.redisutils.core.RedisKeys keys, io.github.redisutils.core.codec.ValueCodec codec) {
			return RedisCaches.create(factory, keys, codec, new SimpleMeterRegistry(),
					io.github.redisutils.cache.CacheOptions.defaults());
		}

		@Bean
		CacheStore userCacheStore(RedisCaches redisCaches) {
			return redisCaches.store(CacheSettings.defaults());
		}

		@Bean
		RedisHealthContribution cacheHealthContribution() {
			return new RedisHealthContribution("mine", (HealthIndicator) () -> Health.up().build());
		}

	}

}
