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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.redisutils.cache.CacheTestSupport.CachingConfiguration;
import io.github.redisutils.cache.CacheTestSupport.Order;
import io.github.redisutils.cache.CacheTestSupport.OrderService;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the cache while Redis is stopped and after it comes back: the application
 * keeps working from its loaders, and the fallbacks are counted.
 *
 * @author redis-utils authors
 */
class CacheOutageTests {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	@Test
	void readsFallThroughToLoadersWhileRedisIsDownAndCachingResumesAfterARestart() throws Exception {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			CacheTestSupport.contextRunner(redis.springProperties())
				.withUserConfiguration(CachingConfiguration.class)
				.withPropertyValues("spring.data.redis.timeout=500ms", "redis.cache.outage-backoff=300ms")
				.run((context) -> {
					OrderService service = context.getBean(OrderService.class);
					CacheStore store = context.getBean(CacheStore.class);
					assertThat(service.order("A")).isEqualTo(new Order("A", 1));
					assertThat(service.order("A")).isEqualTo(new Order("A", 1));
					assertThat(service.calls()).isEqualTo(1);

					redis.stop();
					long start = System.nanoTime();
					for (int i = 0; i < 20; i++) {
						assertThat(service.order("A")).isEqualTo(new Order("A", 1));
						assertThat(service.synced("B")).isEqualTo(new Order("B", 1));
						assertThat(store.getOrLoad("C", Integer.class, MINUTE, () -> 3)).isEqualTo(3);
						assertThat(store.get("C", Integer.class)).isEmpty();
						assertThat(store.getAll(List.of("C", "D"), Integer.class)).isEmpty();
						store.put("C", 3, MINUTE);
						store.putAll(Map.of("D", 4), MINUTE);
						assertThat(store.delete("C")).isFalse();
						assertThat(store.invalidateNamespace("ns")).isFalse();
					}
					// 20 rounds cost at most a few command timeouts, thanks to the
					// back-off, not one timeout per call.
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
					assertThat(service.calls()).isEqualTo(41);
					assertThat(RedisUtilsCacheTests.counter(context, "redis.cache.fallbacks", "orders")).isPositive();
					assertThat(RedisUtilsCacheTests.counter(context, "redis.cache.fallbacks", RedisCaches.STORE_NAME))
						.isPositive();
					assertThat(context.getBean(RedisCaches.class).status().redisFailures()).isPositive();

					redis.start();
					awaitCaching(store);
					int before = service.calls();
					service.order("A");
					service.order("A");
					service.synced("B");
					service.synced("B");
					assertThat(service.calls() - before).isEqualTo(2);
					AtomicInteger loads = new AtomicInteger();
					store.getOrLoad("E", Integer.class, MINUTE, loads::incrementAndGet);
					store.getOrLoad("E", Integer.class, MINUTE, loads::incrementAndGet);
					assertThat(loads).hasValue(1);
				});
		}
	}

	@Test
	void anUpdateDroppedDuringTheBackOffDeletesThePreviousValueBeforeRedisIsUsedAgain() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			CacheTestSupport.contextRunner(redis.springProperties())
				.withPropertyValues("spring.data.redis.timeout=300ms", "redis.cache.outage-backoff=2s")
				.run((context) -> {
					CacheStore store = context.getBean(CacheStore.class);
					StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
					String key = context.getBean(RedisKeys.class).feature("cache").key("user:42");
					store.put("user:42", "old name", MINUTE);
					assertThat(template.hasKey(key)).isTrue();
					pauseServer(redis, 1000);
					// A read times out: the cache stops asking Redis for the back-off.
					assertThat(store.get("other", String.class)).isEmpty();
					assertThat(context.getBean(RedisCaches.class).status().bypassingRedis()).isTrue();
					Thread.sleep(1200);
					// Redis serves again, but the cache still skips it: the update is
					// dropped.
					store.put("user:42", "new name", MINUTE);
					assertThat(template.hasKey(key)).isTrue();
					Thread.sleep(1500);
					// Before Redis is used again, the previous value is deleted: a miss,
					// not
					// the old name.
					assertThat(store.get("user:42", String.class)).isEmpty();
					assertThat(template.hasKey(key)).isFalse();
					assertThat(context.getBean(RedisCaches.class).status().bypassingRedis()).isFalse();
				});
		}
	}

	@Test
	void aCacheReadOnlyInBatchesResumesNormalUseAfterItsFirstAnsweredBatch() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			CacheTestSupport.contextRunner(redis.springProperties())
				.withPropertyValues("spring.data.redis.timeout=300ms", "redis.cache.outage-backoff=200ms")
				.run((context) -> {
					CacheStore store = context.getBean(CacheStore.class);
					RedisCaches caches = context.getBean(RedisCaches.class);
					store.put("A", 1, MINUTE);
					pauseServer(redis, 600);
					assertThat(store.getAll(List.of("A"), Integer.class)).isEmpty();
					assertThat(caches.status().bypassingRedis()).isTrue();
					Thread.sleep(800);
					// The probe: one batch Redis answers ends the back-off for every
					// later call, not only for single gets.
					assertThat(store.getAll(List.of("A"), Integer.class)).containsEntry("A", new CacheHit<>(1));
					assertThat(caches.status().bypassingRedis()).isFalse();
					for (int i = 0; i < 10; i++) {
						assertThat(store.getAll(List.of("A"), Integer.class)).as("batch %d", i)
							.containsEntry("A", new CacheHit<>(1));
					}
				});
		}
	}

	@Test
	void askingForTheCachesStatusNeverTakesTheProbesTurn() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			CacheTestSupport.contextRunner(redis.springProperties())
				.withPropertyValues("spring.data.redis.timeout=300ms", "redis.cache.outage-backoff=200ms")
				.run((context) -> {
					CacheStore store = context.getBean(CacheStore.class);
					RedisCaches caches = context.getBean(RedisCaches.class);
					store.put("A", 1, MINUTE);
					pauseServer(redis, 600);
					assertThat(store.get("A", Integer.class)).isEmpty();
					Thread.sleep(800);
					for (int i = 0; i < 5; i++) {
						// As the health endpoint and the gauges do.
						assertThat(caches.status().bypassingRedis()).isTrue();
					}
					assertThat(store.get("A", Integer.class)).as("the probe").map(CacheHit::value).contains(1);
					assertThat(caches.status().bypassingRedis()).isFalse();
				});
		}
	}

	@Test
	void anEntryOfTheWrongTypeIsAMissAndNeverMakesTheCachesSkipRedis() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			CacheTestSupport.contextRunner(redis.springProperties())
				.withPropertyValues("redis.cache.outage-backoff=1m")
				.run((context) -> {
					CacheStore store = context.getBean(CacheStore.class);
					StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
					template.opsForList()
						.leftPush(context.getBean(RedisKeys.class).feature("cache").key("listed"), "not a cache entry");
					store.put("good", 7, MINUTE);
					assertThat(store.get("listed", Integer.class)).isEmpty();
					assertThat(store.getAll(List.of("listed"), Integer.class)).isEmpty();
					RedisCaches caches = context.getBean(RedisCaches.class);
					assertThat(caches.status().bypassingRedis()).as("Redis answered, with WRONGTYPE").isFalse();
					assertThat(store.get("good", Integer.class)).map(CacheHit::value).contains(7);
				});
		}
	}

	private static void pauseServer(DedicatedRedis redis, long millis) {
		RedisClient client = RedisClient.create(redis.url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().clientPause(millis);
		}
		finally {
			client.shutdown();
		}
	}

	private static void awaitCaching(CacheStore store) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (System.nanoTime() < deadline) {
			store.put("probe", 1, MINUTE);
			if (store.get("probe", Integer.class).isPresent()) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("Caching did not resume within 15 s of the restart");
	}

}
