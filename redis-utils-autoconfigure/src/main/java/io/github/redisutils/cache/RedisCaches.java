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

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.redisutils.cache.CacheEngine.CacheName;
import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisCalls;
import io.github.redisutils.core.RedisRetry;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.codec.ValueCodec;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.Assert;

/**
 * Entry point of the redis-utils cache: it holds what every cache shares (the Redis
 * commands, the codec, the outage back-off and the meters) and creates the Spring
 * {@link RedisUtilsCacheManager} and the programmatic {@link CacheStore} on top.
 * <p>
 * Spring Data Redis's {@code RedisCacheManager} and {@code RedisCacheWriter} are not used
 * underneath: their writer reads and writes bytes without a way to turn a decoding
 * failure into a miss or an outage into a fallback, its locking writer serializes a whole
 * cache on one lock rather than one key, and its {@code SCAN}-based clear does not run
 * per master on Redis Cluster. This class uses Spring Data Redis's connection layer and
 * script support instead.
 *
 * @author redis-utils authors
 */
public final class RedisCaches {

	/**
	 * Name of the store's meters' {@code cache} tag.
	 */
	public static final String STORE_NAME = "store";

	/**
	 * The feature's name in keys, health and the outage back-off's meters.
	 */
	public static final String FEATURE = "cache";

	private final CacheEngine engine;

	private final RedisKeys.FeatureKeys keys;

	private final MeterRegistry meterRegistry;

	private final CacheOptions options;

	private final ConcurrentMap<String, CacheMetrics> metrics = new ConcurrentHashMap<>();

	private RedisCaches(CacheEngine engine, RedisKeys.FeatureKeys keys, MeterRegistry meterRegistry,
			CacheOptions options) {
		this.engine = engine;
		this.keys = keys;
		this.meterRegistry = meterRegistry;
		this.options = options;
	}

	/**
	 * Create the shared part of the caches.
	 * @param connectionFactory the Redis connections; every call is bounded by its
	 * command timeout ({@code spring.data.redis.timeout})
	 * @param redisKeys the key builder
	 * @param codec turns values into bytes and back
	 * @param meterRegistry where the caches' meters go
	 * @param options single-flight, outage and clearing behaviour
	 * @return the caches' shared part
	 */
	public static RedisCaches create(RedisConnectionFactory connectionFactory, RedisKeys redisKeys, ValueCodec codec,
			MeterRegistry meterRegistry, CacheOptions options) {
		return create(connectionFactory, redisKeys, codec, meterRegistry, options, new OutageBackoff(FEATURE,
				options.outageBackoff(), RedisRetry.NONE, RedisCalls.commandTimeout(connectionFactory)));
	}

	/**
	 * Create the shared part of the caches, skipping Redis during the given outage
	 * back-off (whose period then applies instead of the options' one).
	 * @param connectionFactory the Redis connections; every call is bounded by its
	 * command timeout ({@code spring.data.redis.timeout})
	 * @param redisKeys the key builder
	 * @param codec turns values into bytes and back
	 * @param meterRegistry where the caches' meters go
	 * @param options single-flight and clearing behaviour
	 * @param outage the back-off the caches go through
	 * ({@code OutageBackoffs.forFeature(RedisCaches.FEATURE, period)})
	 * @return the caches' shared part
	 */
	public static RedisCaches create(RedisConnectionFactory connectionFactory, RedisKeys redisKeys, ValueCodec codec,
			MeterRegistry meterRegistry, CacheOptions options, OutageBackoff outage) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(redisKeys, "'redisKeys' must not be null");
		Assert.notNull(codec, "'codec' must not be null");
		Assert.notNull(meterRegistry, "'meterRegistry' must not be null");
		Assert.notNull(options, "'options' must not be null");
		CacheEngine engine = new CacheEngine(new CacheScripts(connectionFactory), new EntryCodec(codec),
				new OutageGuard(outage), options);
		return new RedisCaches(engine, redisKeys.feature(FEATURE), meterRegistry, options);
	}

	/**
	 * Create a cache manager.
	 * @param defaults settings of caches without their own
	 * @param caches settings by cache name; these caches exist from the start
	 * @param initialNames further caches that exist from the start, with the defaults
	 * @param allowRuntimeCreation whether other caches are created on first use
	 * @return the cache manager
	 */
	public RedisUtilsCacheManager cacheManager(CacheSettings defaults, Map<String, CacheSettings> caches,
			Collection<String> initialNames, boolean allowRuntimeCreation) {
		return new RedisUtilsCacheManager(defaults, caches, initialNames, allowRuntimeCreation,
				(name, settings) -> new RedisUtilsCache(name, settings, this.engine,
						new CacheKeys(this.keys, (settings.keyName() != null) ? settings.keyName() : name),
						metrics(name, "cacheManager", false), this.options.clearBatchSize()));
	}

	/**
	 * Create the programmatic store.
	 * @param settings its settings; the time to live is the default for nothing, as every
	 * write names its own
	 * @return the store
	 */
	public CacheStore store(CacheSettings settings) {
		return new DefaultCacheStore(this.engine, this.keys, settings,
				new CacheName(STORE_NAME, metrics(STORE_NAME, "cacheStore", true)), null);
	}

	/**
	 * Return a snapshot of the caches' state.
	 * @return the state
	 */
	public CacheStatus status() {
		long fallbacks = 0;
		long decodingFailures = 0;
		Set<String> names = new LinkedHashSet<>();
		for (Map.Entry<String, CacheMetrics> entry : this.metrics.entrySet()) {
			fallbacks += entry.getValue().fallbackCount.sum();
			decodingFailures += entry.getValue().decodingFailureCount.sum();
			names.add(entry.getKey().substring(entry.getKey().indexOf('/') + 1));
		}
		return new CacheStatus(this.engine.guard().open(), this.engine.guard().failures(), fallbacks, decodingFailures,
				names);
	}

	/**
	 * Return what each cache counted since start-up, by manager then cache name.
	 * @return the statistics of every cache used so far
	 */
	public List<CacheStatistics> statistics() {
		List<CacheStatistics> statistics = new ArrayList<>();
		for (Map.Entry<String, CacheMetrics> entry : new TreeMap<>(this.metrics).entrySet()) {
			int slash = entry.getKey().indexOf('/');
			CacheMetrics metrics = entry.getValue();
			statistics.add(new CacheStatistics(entry.getKey().substring(slash + 1), entry.getKey().substring(0, slash),
					metrics.hits.sum(), metrics.misses.sum(), metrics.puts.sum(), metrics.evictions.sum(),
					metrics.fallbackCount.sum(), metrics.decodingFailureCount.sum()));
		}
		return statistics;
	}

	private CacheMetrics metrics(String cacheName, String managerName, boolean bindStatistics) {
		return this.metrics.computeIfAbsent(managerName + "/" + cacheName,
				(key) -> new CacheMetrics(this.meterRegistry, cacheName, managerName, bindStatistics));
	}

}
