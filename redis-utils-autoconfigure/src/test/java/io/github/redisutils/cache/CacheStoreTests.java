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

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.redisutils.cache.CacheTestSupport.Order;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests of {@link CacheStore} against a real Redis, standalone and Cluster.
 *
 * @author redis-utils authors
 */
class CacheStoreTests {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	@Test
	void putGetExistsExpireAndDelete() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties()).run((context) -> {
			CacheStore store = context.getBean(CacheStore.class);
			assertThat(store.get("o1", Order.class)).isEmpty();
			assertThat(store.exists("o1")).isFalse();
			store.put("o1", new Order("o1", 1), MINUTE);
			assertThat(store.get("o1", Order.class)).contains(new CacheHit<>(new Order("o1", 1)));
			assertThat(store.exists("o1")).isTrue();
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			String key = context.getBean(RedisKeys.class).feature("cache").key("o1");
			assertThat(redis.getExpire(key)).isBetween(55L, 60L);
			assertThat(store.expire("o1", Duration.ofHours(1))).isTrue();
			assertThat(redis.getExpire(key)).isBetween(3590L, 3600L);
			assertThat(store.expire("missing", MINUTE)).isFalse();
			assertThat(store.delete("o1")).isTrue();
			assertThat(store.delete("o1")).isFalse();
			assertThat(store.get("o1", Order.class)).isEmpty();
		});
	}

	@Test
	void keysThatCannotBeRedisKeysAreHashedByTheSameRuleAsTheSpringCaches() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties()).run((context) -> {
			CacheStore store = context.getBean(CacheStore.class);
			String hostile = "x".repeat(600);
			store.put(hostile, new Order("long", 1), MINUTE);
			assertThat(store.get(hostile, Order.class)).contains(new CacheHit<>(new Order("long", 1)));
			assertThat(store.exists(hostile)).isTrue();
			String hashedKey = context.getBean(RedisKeys.class).feature("cache").key(RedisKeys.hashedPart(hostile));
			assertThat(context.getBean(StringRedisTemplate.class).hasKey(hashedKey)).isTrue();
			CacheStore workspace = store.namespace("workspace:9");
			workspace.put("line\nbreak", "v", MINUTE);
			assertThat(workspace.get("line\nbreak", String.class)).contains(new CacheHit<>("v"));
			assertThat(store.delete(hostile)).isTrue();
		});
	}

	@Test
	void cachedNullIsAHitHoldingNull() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties()).run((context) -> {
			CacheStore store = context.getBean(CacheStore.class);
			store.put("nothing", null, MINUTE);
			assertThat(store.get("nothing", Order.class)).contains(new CacheHit<>(null));
			AtomicInteger loads = new AtomicInteger();
			assertThat(store.getOrLoad("null-loaded", Order.class, MINUTE, () -> {
				loads.incrementAndGet();
				return null;
			})).isNull();
			assertThat(store.getOrLoad("null-loaded", Order.class, MINUTE, () -> {
				loads.incrementAndGet();
				return new Order("x", 1);
			})).isNull();
			assertThat(loads).hasValue(1);
		});
	}

	@Test
	void getOrLoadLoadsOnceAndReadsGenericTypes() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties()).run((context) -> {
			CacheStore store = context.getBean(CacheStore.class);
			ParameterizedTypeReference<List<Order>> listOfOrders = new ParameterizedTypeReference<>() {
			};
			AtomicInteger loads = new AtomicInteger();
			for (int i = 0; i < 3; i++) {
				List<Order> orders = store.getOrLoad("list", listOfOrders, MINUTE, () -> {
					loads.incrementAndGet();
					return List.of(new Order("a", 1), new Order("b", 2));
				});
				assertThat(orders).containsExactly(new Order("a", 1), new Order("b", 2));
			}
			assertThat(loads).hasValue(1);
			assertThat(store.get("list", listOfOrders).get().value()).first().isInstanceOf(Order.class);
		});
	}

	@Test
	void loaderExceptionsPropagateAndCheckedOnesAreWrapped() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties()).run((context) -> {
			CacheStore store = context.getBean(CacheStore.class);
			assertThatIllegalStateException().isThrownBy(() -> store.getOrLoad("failing", Order.class, MINUTE, () -> {
				throw new IllegalStateException("boom");
			})).withMessage("boom");
			assertThatExceptionOfType(CacheLoadException.class)
				.isThrownBy(() -> store.getOrLoad("failing", Order.class, MINUTE, () -> {
					throw new java.io.IOException("io");
				}))
				.withMessageContaining("'failing'")
				.withCauseInstanceOf(java.io.IOException.class);
			// The marker was released: the next caller loads at once.
			assertThat(store.getOrLoad("failing", Order.class, MINUTE, () -> new Order("ok", 1)))
				.isEqualTo(new Order("ok", 1));
		});
	}

	@Test
	void getAllAndPutAllOnStandalone() {
		getAllAndPutAll(RedisServers.standalone().springProperties());
	}

	@Test
	void getAllAndPutAllAcrossClusterSlots() {
		getAllAndPutAll(RedisServers.cluster().springProperties());
	}

	private void getAllAndPutAll(String[] properties) {
		CacheTestSupport.contextRunner(properties).run((context) -> {
			CacheStore store = context.getBean(CacheStore.class);
			Map<String, Order> values = new LinkedHashMap<>();
			IntStream.range(0, 200).forEach((i) -> values.put("bulk-" + i, new Order("o" + i, i)));
			store.putAll(values, MINUTE);
			List<String> keys = IntStream.range(0, 210).mapToObj((i) -> "bulk-" + i).toList();
			Map<String, CacheHit<Order>> hits = store.getAll(keys, Order.class);
			assertThat(hits).hasSize(200);
			assertThat(hits.get("bulk-150")).isEqualTo(new CacheHit<>(new Order("o150", 150)));
			assertThat(hits).doesNotContainKey("bulk-205");
			AtomicInteger loads = new AtomicInteger();
			int warmed = store.warm(keys, MINUTE, (key) -> {
				loads.incrementAndGet();
				return new Order(key, 0);
			});
			assertThat(warmed).isEqualTo(10);
			assertThat(loads).hasValue(10);
			assertThat(store.getAll(keys, Order.class)).hasSize(210);
		});
	}

	@Test
	void namespaceInvalidationMakesEveryEntryAMissOnStandalone() {
		namespaceInvalidation(RedisServers.standalone().springProperties());
	}

	@Test
	void namespaceInvalidationMakesEveryEntryAMissOnCluster() {
		namespaceInvalidation(RedisServers.cluster().springProperties());
	}

	private void namespaceInvalidation(String[] properties) {
		CacheTestSupport.contextRunner(properties).run((context) -> {
			CacheStore store = context.getBean(CacheStore.class);
			CacheStore workspace = store.namespace("workspace:42");
			CacheStore other = store.namespace("workspace:43");
			workspace.put("doc:1", new Order("d1", 1), MINUTE);
			workspace.putAll(Map.of("doc:2", new Order("d2", 2), "doc:3", new Order("d3", 3)), MINUTE);
			other.put("doc:1", new Order("other", 1), MINUTE);
			store.put("doc:1", new Order("global", 1), MINUTE);
			assertThat(workspace.getAll(List.of("doc:1", "doc:2", "doc:3"), Order.class)).hasSize(3);
			assertThat(workspace.exists("doc:1")).isTrue();
			assertThat(store.invalidateNamespace("workspace:42")).isTrue();
			assertThat(workspace.get("doc:1", Order.class)).isEmpty();
			assertThat(workspace.exists("doc:1")).isFalse();
			assertThat(workspace.getAll(List.of("doc:1", "doc:2", "doc:3"), Order.class)).isEmpty();
			assertThat(other.get("doc:1", Order.class)).contains(new CacheHit<>(new Order("other", 1)));
			assertThat(store.get("doc:1", Order.class)).contains(new CacheHit<>(new Order("global", 1)));
			// New entries of the namespace are read again.
			assertThat(workspace.getOrLoad("doc:1", Order.class, MINUTE, () -> new Order("d1-new", 1)))
				.isEqualTo(new Order("d1-new", 1));
			assertThat(workspace.get("doc:1", Order.class)).contains(new CacheHit<>(new Order("d1-new", 1)));
			assertThat(store.invalidateNamespace("workspace:42")).isTrue();
			assertThat(store.invalidateNamespace("workspace:42")).isTrue();
			assertThat(workspace.get("doc:1", Order.class)).isEmpty();
		});
	}

	@Test
	void valueLoadedBeforeAnInvalidationIsNeverRead() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties()).run((context) -> {
			CacheStore store = context.getBean(CacheStore.class);
			CacheStore workspace = store.namespace("workspace:7");
			workspace.put("warm-up", 1, MINUTE);
			Order loaded = workspace.getOrLoad("doc", Order.class, MINUTE, () -> {
				// The data changes, and the namespace is invalidated, while this load
				// runs.
				store.invalidateNamespace("workspace:7");
				return new Order("stale", 1);
			});
			assertThat(loaded).isEqualTo(new Order("stale", 1));
			assertThat(workspace.get("doc", Order.class)).isEmpty();
		});
	}

	@Test
	void valueLoadedBeforeTheFirstInvalidationOfAFreshNamespaceIsNeverRead() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties()).run((context) -> {
			CacheStore store = context.getBean(CacheStore.class);
			String namespace = "fresh-" + UUID.randomUUID();
			CacheStore fresh = store.namespace(namespace);
			// No generation exists yet when the load starts; the invalidation creates
			// one.
			Order loaded = fresh.getOrLoad("doc", Order.class, MINUTE, () -> {
				store.invalidateNamespace(namespace);
				return new Order("stale", 1);
			});
			assertThat(loaded).isEqualTo(new Order("stale", 1));
			assertThat(fresh.get("doc", Order.class)).isEmpty();
			assertThat(fresh.warm(List.of("a", "b"), MINUTE, (key) -> {
				store.invalidateNamespace(namespace);
				return new Order(key, 2);
			})).isEqualTo(2);
			assertThat(fresh.getAll(List.of("a", "b"), Order.class)).isEmpty();
			fresh.put("doc", new Order("fresh", 3), MINUTE);
			assertThat(fresh.get("doc", Order.class)).contains(new CacheHit<>(new Order("fresh", 3)));
		});
	}

	@Test
	void ttlJitterShortensTimesToLiveWithinTheFraction() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties())
			.withPropertyValues("redis.cache.ttl-jitter=0.5")
			.run((context) -> {
				CacheStore store = context.getBean(CacheStore.class);
				StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
				RedisKeys.FeatureKeys keys = context.getBean(RedisKeys.class).feature("cache");
				long shortest = Long.MAX_VALUE;
				long longest = 0;
				for (int i = 0; i < 40; i++) {
					store.put("jitter-" + i, i, Duration.ofSeconds(1000));
					long ttl = redis.getExpire(keys.key("jitter-" + i));
					shortest = Math.min(shortest, ttl);
					longest = Math.max(longest, ttl);
				}
				assertThat(shortest).isGreaterThanOrEqualTo(499);
				assertThat(longest).isLessThanOrEqualTo(1000);
				assertThat(longest - shortest).isGreaterThan(100);
			});
	}

	@Test
	void earlyRefreshRecomputesHotEntriesBeforeTheyExpire() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties())
			.withPropertyValues("redis.cache.early-refresh.enabled=true", "redis.cache.early-refresh.beta=100000")
			.run((context) -> {
				CacheStore store = context.getBean(CacheStore.class);
				AtomicInteger loads = new AtomicInteger();
				for (int i = 0; i < 5; i++) {
					store.getOrLoad("hot", Integer.class, Duration.ofSeconds(30), () -> {
						Thread.sleep(20);
						return loads.incrementAndGet();
					});
				}
				// XFetch refreshes a hit when compute-time x beta x Exp(1) reaches the 30
				// s
				// left: with 20 ms and beta 100000, P = 1 - exp(-30 / 2000) per hit is
				// about 98.5 %, so four hits without a refresh happen about once in 10^7
				// runs.
				assertThat(loads.get()).isGreaterThan(1);
				assertThat(RedisUtilsCacheTests.counter(context, "redis.cache.loads", RedisCaches.STORE_NAME))
					.isGreaterThan(1);
			});
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties())
			.withPropertyValues("redis.cache.early-refresh.enabled=true")
			.run((context) -> {
				CacheStore store = context.getBean(CacheStore.class);
				AtomicInteger loads = new AtomicInteger();
				for (int i = 0; i < 20; i++) {
					store.getOrLoad("cold", Integer.class, Duration.ofMinutes(30), loads::incrementAndGet);
				}
				assertThat(loads).hasValue(1);
			});
	}

	@Test
	void undecodableEntryIsAMissForTheStoreToo() {
		CacheTestSupport.contextRunner(RedisServers.standalone().springProperties()).run((context) -> {
			CacheStore store = context.getBean(CacheStore.class);
			store.put("typed", new Order("a", 1), MINUTE);
			assertThat(store.get("typed", Integer.class)).isEmpty();
			assertThat(store.getAll(List.of("typed"), Integer.class)).isEmpty();
			assertThat(store.getOrLoad("typed", Integer.class, MINUTE, () -> 5)).isEqualTo(5);
			assertThat(store.get("typed", Integer.class)).contains(new CacheHit<>(5));
			assertThat(RedisUtilsCacheTests.counter(context, "redis.cache.decoding.failures", RedisCaches.STORE_NAME))
				.isEqualTo(3);
		});
	}

}
