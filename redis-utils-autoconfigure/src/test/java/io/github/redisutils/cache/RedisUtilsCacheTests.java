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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.redisutils.cache.CacheTestSupport.CachingConfiguration;
import io.github.redisutils.cache.CacheTestSupport.Order;
import io.github.redisutils.cache.CacheTestSupport.OrderService;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests of the Spring caches against a real Redis, standalone and Cluster.
 *
 * @author redis-utils authors
 */
class RedisUtilsCacheTests {

	@Test
	void cacheableMethodsRunOnceAndReturnTheirDeclaredTypes() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties())
			.withUserConfiguration(CachingConfiguration.class)
			.run((context) -> {
				OrderService service = context.getBean(OrderService.class);
				assertThat(service.order("A-1")).isEqualTo(new Order("A-1", 3));
				assertThat(service.order("A-1")).isEqualTo(new Order("A-1", 3));
				List<Order> orders = service.orders("c");
				assertThat(service.orders("c")).isEqualTo(orders).first().isInstanceOf(Order.class);
				assertThat(service.maybe("B")).contains(new Order("B", 7));
				assertThat(service.maybe("B")).contains(new Order("B", 7));
				assertThat(service.calls()).isEqualTo(3);
			});
	}

	@Test
	void eachCacheHasItsOwnTimeToLiveAndKeyPrefix() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties())
			.withPropertyValues("redis.cache.time-to-live=10m", "redis.cache.caches.orders.time-to-live=30s",
					"redis.cache.caches.orders.key-prefix=orders-v2")
			.run((context) -> {
				CacheManager cacheManager = context.getBean(CacheManager.class);
				cacheManager.getCache("orders").put("o1", new Order("o1", 1));
				cacheManager.getCache("others").put("o1", new Order("o1", 1));
				RedisKeys.FeatureKeys keys = context.getBean(RedisKeys.class).feature("cache");
				StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
				assertThat(redis.hasKey(keys.key("orders", "o1"))).isFalse();
				assertThat(redis.getExpire(keys.key("orders-v2", "o1"))).isBetween(25L, 30L);
				assertThat(redis.getExpire(keys.key("others", "o1"))).isBetween(590L, 600L);
				assertThat(redis.opsForValue().get(keys.key("orders-v2", "o1"))).contains("\"id\":\"o1\"");
			});
	}

	@Test
	void cachedNullsAreHitsHoldingNullAndCanBeSwitchedOff() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties())
			.withUserConfiguration(CachingConfiguration.class)
			.run((context) -> {
				OrderService service = context.getBean(OrderService.class);
				assertThat(service.nothing("x")).isNull();
				assertThat(service.nothing("x")).isNull();
				assertThat(service.calls()).isEqualTo(1);
				Cache cache = context.getBean(CacheManager.class).getCache("nullable");
				assertThat(cache.get("x")).isNotNull().extracting(Cache.ValueWrapper::get).isNull();
				assertThat(cache.get("never-put")).isNull();
			});
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties())
			.withUserConfiguration(CachingConfiguration.class)
			.withPropertyValues("redis.cache.caches.nullable.cache-null-values=false")
			.run((context) -> {
				OrderService service = context.getBean(OrderService.class);
				assertThatIllegalArgumentException().isThrownBy(() -> service.nothing("x"))
					.withMessageContaining("Cache 'nullable' does not allow 'null' values")
					.withMessageContaining("redis.cache.caches.nullable.cache-null-values=true");
				assertThat(context.getBean(CacheManager.class).getCache("nullable").get("x")).isNull();
			});
	}

	@Test
	void aCacheWithoutNullsRefusesThemAsSpringDataRedisDoesInsteadOfKeepingAStaleEntry() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties())
			.withPropertyValues("redis.cache.cache-null-values=false")
			.run((context) -> {
				Cache cache = context.getBean(CacheManager.class).getCache("strict");
				cache.put("k", "old");
				assertThatIllegalArgumentException().isThrownBy(() -> cache.put("k", null))
					.withMessageContaining("does not allow 'null' values");
				assertThatIllegalArgumentException().isThrownBy(() -> cache.get("loaded", () -> null))
					.withMessageContaining("does not allow 'null' values");
				assertThat(cache.get("loaded")).isNull();
				// The refused load released its single-flight marker: the next load runs
				// at once.
				assertThat(cache.get("loaded", () -> "fresh")).isEqualTo("fresh");
				// putIfAbsent(null) stores nothing and answers the current entry, as
				// RedisCache does.
				assertThat(cache.putIfAbsent("k", null)).isNotNull()
					.extracting(Cache.ValueWrapper::get)
					.isEqualTo("old");
			});
	}

	@Test
	void aTypedGetOfAValueOfAnotherTypeThrowsAsTheCacheContractRequires() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties()).run((context) -> {
			Cache cache = context.getBean(CacheManager.class).getCache("typed");
			cache.put("k", "a string");
			assertThatIllegalStateException().isThrownBy(() -> cache.get("k", Integer.class))
				.withMessage("Cached value is not of required type [java.lang.Integer]: a string");
			assertThat(cache.get("k", String.class)).isEqualTo("a string");
			// Bytes that are no value at all stay a miss.
			String key = context.getBean(RedisKeys.class).feature("cache").key("typed", "corrupt");
			context.getBean(StringRedisTemplate.class).opsForValue().set(key, "{not json", Duration.ofMinutes(1));
			assertThat(cache.get("corrupt", Integer.class)).isNull();
		});
	}

	@Test
	void undecodableEntryIsAMissThatTheNextLoadReplaces() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties())
			.withUserConfiguration(CachingConfiguration.class)
			.run((context) -> {
				OrderService service = context.getBean(OrderService.class);
				StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
				String key = context.getBean(RedisKeys.class).feature("cache").key("orders", "A-1");
				redis.opsForValue().set(key, "{\"id\": [not json", Duration.ofMinutes(1));
				assertThat(service.order("A-1")).isEqualTo(new Order("A-1", 3));
				assertThat(service.order("A-1")).isEqualTo(new Order("A-1", 3));
				assertThat(service.calls()).isEqualTo(1);
				assertThat(redis.opsForValue().get(key)).contains("\"id\":\"A-1\"");
				// A class change: the stored JSON no longer fits the type.
				redis.opsForValue().set(key, "[1, 2, 3]", Duration.ofMinutes(1));
				assertThat(service.order("A-1")).isEqualTo(new Order("A-1", 3));
				assertThat(service.calls()).isEqualTo(2);
				assertThat(counter(context, "redis.cache.decoding.failures", "orders")).isEqualTo(2);
			});
	}

	@Test
	void evictAndStandardCacheMetersCount() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties())
			.withUserConfiguration(CachingConfiguration.class)
			.withPropertyValues("redis.cache.cache-names=orders")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("cache.gets").tag("cache", "orders").meters()).isNotEmpty();
				OrderService service = context.getBean(OrderService.class);
				service.order("A");
				service.order("A");
				service.forget("A");
				service.order("A");
				assertThat(service.calls()).isEqualTo(2);
				assertThat(registry.get("cache.gets")
					.tag("cache", "orders")
					.tag("result", "hit")
					.functionCounter()
					.count()).isEqualTo(1);
				assertThat(registry.get("cache.gets")
					.tag("cache", "orders")
					.tag("result", "miss")
					.functionCounter()
					.count()).isEqualTo(2);
				assertThat(registry.get("cache.puts").tag("cache", "orders").functionCounter().count()).isEqualTo(2);
				assertThat(registry.get("cache.evictions").tag("cache", "orders").functionCounter().count())
					.isEqualTo(1);
				// A cache created later gets its meters too.
				service.orders("c");
				assertThat(registry.find("cache.gets").tag("cache", "orders-list").meters()).isNotEmpty();
			});
	}

	@Test
	void clearRemovesOnlyItsOwnCacheOnStandalone() {
		clearRemovesOnlyItsOwnCache(RedisServers.standalone().springProperties());
	}

	@Test
	void clearRemovesOnlyItsOwnCacheOnEveryClusterMaster() {
		clearRemovesOnlyItsOwnCache(RedisServers.cluster().springProperties());
	}

	private void clearRemovesOnlyItsOwnCache(String[] properties) {
		CacheTestSupport.contextRunner(properties)
			.withPropertyValues("redis.cache.clear-batch-size=50")
			.run((context) -> {
				CacheManager cacheManager = context.getBean(CacheManager.class);
				Cache orders = cacheManager.getCache("orders");
				Cache others = cacheManager.getCache("orders-other");
				for (int i = 0; i < 700; i++) {
					orders.put("k" + i, i);
				}
				others.put("k1", 1);
				assertThat(orders.get("k699", Integer.class)).isEqualTo(699);
				assertThat(orders.invalidate()).isTrue();
				for (int i = 0; i < 700; i += 50) {
					assertThat(orders.get("k" + i)).isNull();
				}
				assertThat(others.get("k1", Integer.class)).isEqualTo(1);
				assertThat(orders.invalidate()).isFalse();
			});
	}

	@Test
	void cacheableWorksOnCluster() {
		CacheTestSupport.contextRunner(RedisServers.cluster().springProperties())
			.withUserConfiguration(CachingConfiguration.class)
			.run((context) -> {
				OrderService service = context.getBean(OrderService.class);
				for (int i = 0; i < 20; i++) {
					service.order("id-" + i);
					service.synced("id-" + i);
				}
				for (int i = 0; i < 20; i++) {
					assertThat(service.order("id-" + i)).isEqualTo(new Order("id-" + i, ("id-" + i).length()));
					assertThat(service.synced("id-" + i)).isEqualTo(new Order("id-" + i, 1));
				}
				assertThat(service.calls()).isEqualTo(40);
			});
	}

	@Test
	void putIfAbsentKeepsTheFirstValue() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties()).run((context) -> {
			Cache cache = context.getBean(CacheManager.class).getCache("orders");
			assertThat(cache.putIfAbsent("a", new Order("a", 1))).isNull();
			assertThat(cache.putIfAbsent("a", new Order("a", 2))).isNotNull();
			assertThat(cache.get("a", Order.class)).isEqualTo(new Order("a", 1));
		});
	}

	@Test
	void keysThatCannotBeRedisKeysAreHashed() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties()).run((context) -> {
			Cache cache = context.getBean(CacheManager.class).getCache("orders");
			String hostile = "line\nbreak" + "x".repeat(600);
			cache.put(hostile, "v");
			assertThat(cache.get(hostile, String.class)).isEqualTo("v");
			assertThat(context.getBean(StringRedisTemplate.class)
				.hasKey(context.getBean(RedisKeys.class)
					.feature("cache")
					.key("orders",
							"#sha256:" + java.util.HexFormat.of()
								.formatHex(java.security.MessageDigest.getInstance("SHA-256")
									.digest(hostile.getBytes(StandardCharsets.UTF_8))))))
				.isTrue();
		});
	}

	@Test
	void runtimeCreationCanBeSwitchedOff() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties())
			.withPropertyValues("redis.cache.allow-runtime-cache-creation=false", "redis.cache.cache-names=a",
					"redis.cache.caches.b.time-to-live=1m")
			.run((context) -> {
				CacheManager cacheManager = context.getBean(CacheManager.class);
				assertThat(cacheManager.getCacheNames()).containsExactlyInAnyOrder("a", "b");
				assertThat(cacheManager.getCache("c")).isNull();
				assertThat(cacheManager.getCache("a")).isNotNull();
			});
	}

	@Test
	void typeOfAnOptionalIsItsContent() throws Exception {
		assertThat(ReturnTypeCacheResolver.valueType(OrderService.class.getMethod("maybe", String.class),
				OrderService.class))
			.isEqualTo(Order.class);
		assertThat(ReturnTypeCacheResolver.valueType(OrderService.class.getMethod("forget", String.class),
				OrderService.class))
			.isEqualTo(Object.class);
		assertThat(ReturnTypeCacheResolver
			.valueType(OrderService.class.getMethod("orders", String.class), OrderService.class)
			.getTypeName()).isEqualTo("java.util.List<" + Order.class.getName() + ">");
		assertThat(Optional.class).isNotNull();
	}

	static double counter(AssertableApplicationContext context, String name, String cache) {
		return context.getBean(MeterRegistry.class)
			.get(name)
			.tag("cache", cache)
			.counters()
			.stream()
			.mapToDouble(io.micrometer.core.instrument.Counter::count)
			.sum();
	}

}
