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
package io.github.redisutils.cache;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsCacheAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsCacheMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the cache tests share: a context runner with the cache auto-configuration, a
 * cached service and a value type.
 *
 * @author redis-utils authors
 */
final class CacheTestSupport {

	private CacheTestSupport() {
	}

	static ApplicationContextRunner contextRunner(String... redisProperties) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					RedisUtilsAutoConfiguration.class, RedisUtilsCacheAutoConfiguration.class,
					CacheMetricsAutoConfiguration.class, RedisUtilsCacheMetricsAutoConfiguration.class))
			.withPropertyValues(redisProperties)
			.withPropertyValues("redis.key-prefix=cache-test-" + Long.toHexString(System.nanoTime()))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new);
	}

	record Order(String id, int quantity) {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

		@Bean
		OrderService orderService() {
			return new OrderService();
		}

	}

	/**
	 * A cached service that counts how often each method really runs.
	 */
	static class OrderService {

		final AtomicInteger calls = new AtomicInteger();

		volatile long loadMillis;

		@Cacheable("orders")
		public Order order(String id) {
			this.calls.incrementAndGet();
			return new Order(id, id.length());
		}

		@Cacheable("orders-list")
		public List<Order> orders(String customer) {
			this.calls.incrementAndGet();
			return List.of(new Order(customer + "-1", 1), new Order(customer + "-2", 2));
		}

		@Cacheable("orders-optional")
		public Optional<Order> maybe(String id) {
			this.calls.incrementAndGet();
			return id.isEmpty() ? Optional.empty() : Optional.of(new Order(id, 7));
		}

		@Cacheable("nullable")
		public @Nullable Order nothing(String id) {
			this.calls.incrementAndGet();
			return null;
		}

		@Cacheable(cacheNames = "synced", sync = true)
		public Order synced(String id) throws InterruptedException {
			this.calls.incrementAndGet();
			if (this.loadMillis > 0) {
				Thread.sleep(this.loadMillis);
			}
			return new Order(id, 1);
		}

		// Fields of the caching proxy are not the target's: read them through methods.
		public int calls() {
			return this.calls.get();
		}

		public void loadMillis(long millis) {
			this.loadMillis = millis;
		}

		@CacheEvict("orders")
		public void forget(String id) {
		}

	}

}
