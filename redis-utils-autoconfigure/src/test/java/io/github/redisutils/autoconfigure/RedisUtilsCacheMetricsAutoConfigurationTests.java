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

import java.util.UUID;

import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisUtilsCacheMetricsAutoConfiguration}: Spring Boot's cache metrics
 * registrar binds the redis-utils caches once, with its {@code cache.manager} tag.
 *
 * @author redis-utils authors
 */
class RedisUtilsCacheMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsCacheAutoConfiguration.class, CacheMetricsAutoConfiguration.class,
				RedisUtilsCacheMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues(RedisServers.standalone().springProperties())
		.withPropertyValues("redis.key-prefix=cache-meters-" + UUID.randomUUID().toString().substring(0, 8),
				"redis.cache.cache-names=products");

	@Test
	void bootBindsStartUpCachesOnceWithItsCacheManagerTag() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RedisUtilsCacheMeterBinderProvider.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Cache products = context.getBean(CacheManager.class).getCache("products");
			products.put("p1", "v");
			assertThat(products.get("p1", String.class)).isEqualTo("v");
			assertThat(products.get("p2", String.class)).isNull();
			assertThat(registry.find("cache.gets").tag("cache", "products").functionCounters()).hasSize(2);
			assertThat(registry.get("cache.gets")
				.tags("cache", "products", "cache.manager", "cacheManager", "result", "hit")
				.functionCounter()
				.count()).isEqualTo(1);
			assertThat(registry.get("cache.gets")
				.tags("cache", "products", "cache.manager", "cacheManager", "result", "miss")
				.functionCounter()
				.count()).isEqualTo(1);
			assertThat(registry.find("cache.puts").tag("cache", "products").functionCounters()).hasSize(1);
		});
	}

	@Test
	void cachesCreatedOnFirstUseAreBoundOnce() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			CacheManager cacheManager = context.getBean(CacheManager.class);
			Cache later = cacheManager.getCache("later");
			later.put("k", "v");
			cacheManager.getCache("later").get("k", String.class);
			assertThat(registry.find("cache.gets").tag("cache", "later").functionCounters()).hasSize(2);
			assertThat(registry.get("cache.gets")
				.tags("cache", "later", "cache.manager", "cacheManager", "result", "hit")
				.functionCounter()
				.count()).isEqualTo(1);
			assertThat(registry.find("cache.puts").tag("cache", "later").functionCounters()).hasSize(1);
		});
	}

	@Test
	void theStoreKeepsItsOwnMeters() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("cache.gets")
				.tag("cache", "store")
				.tag("cache.manager", "cacheStore")
				.functionCounters()).hasSize(2);
		});
	}

	@Test
	void backsOffFromTheApplicationsProvider() {
		RedisUtilsCacheMeterBinderProvider own = new RedisUtilsCacheMeterBinderProvider();
		this.contextRunner.withBean("ownProvider", RedisUtilsCacheMeterBinderProvider.class, () -> own)
			.run((context) -> assertThat(context).getBean(RedisUtilsCacheMeterBinderProvider.class).isSameAs(own));
	}

	@Test
	void backsOffFromTheApplicationsBinding() {
		this.contextRunner
			.withBean("ownBinding", RedisUtilsCacheMetricsBinding.class,
					() -> new RedisUtilsCacheMetricsBinding(java.util.Map.of(), null, new SimpleMeterRegistry()))
			.run((context) -> assertThat(context).hasSingleBean(RedisUtilsCacheMetricsBinding.class)
				.hasBean("ownBinding"));
	}

}
