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
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * What one cache counts. The standard {@code cache.gets}, {@code cache.puts} and
 * {@code cache.evictions} meters (Micrometer's {@link CacheMeterBinder}, the ones Spring
 * Boot binds for its own caches) read the hit, miss, put and eviction counts; the
 * {@code redis.cache.*} counters say what is particular to this cache:
 * <ul>
 * <li>{@code redis.cache.fallbacks} ({@code operation=read|write}): calls served without
 * Redis because it failed or was being skipped;</li>
 * <li>{@code redis.cache.decoding.failures}: entries that could not be decoded and were
 * treated as misses;</li>
 * <li>{@code redis.cache.loads}
 * ({@code outcome=loaded|waited|wait-timeout|early-refresh}): how single-flight loads
 * ended for callers that missed.</li>
 * </ul>
 * Tags are the cache's name and its manager's, never keys.
 *
 * @author redis-utils authors
 */
final class CacheMetrics {

	final LongAdder hits = new LongAdder();

	final LongAdder misses = new LongAdder();

	final LongAdder puts = new LongAdder();

	final LongAdder evictions = new LongAdder();

	final LongAdder decodingFailureCount = new LongAdder();

	final LongAdder fallbackCount = new LongAdder();

	private final Counter readFallbacks;

	private final Counter writeFallbacks;

	private final Counter decodingFailures;

	private final Counter loaded;

	private final Counter waited;

	private final Counter waitTimedOut;

	private final Counter earlyRefreshed;

	/**
	 * Registers the {@code redis.cache.*} counters and, if {@code bindStatistics}, the
	 * standard {@code cache.*} meters; a cache manager's caches leave those to whoever
	 * binds {@link #statisticsBinder(String, Iterable)} (Spring Boot's cache metrics
	 * registrar), so that they are registered once.
	 */
	CacheMetrics(MeterRegistry registry, String cacheName, String managerName, boolean bindStatistics) {
		List<Tag> tags = List.of(Tag.of("cache", cacheName), Tag.of("cache.manager", managerName));
		this.readFallbacks = counter(registry, "redis.cache.fallbacks", tags, "operation", "read",
				"Cache reads served by the loader because Redis failed or was skipped");
		this.writeFallbacks = counter(registry, "redis.cache.fallbacks", tags, "operation", "write",
				"Cache writes dropped because Redis failed or was skipped");
		this.decodingFailures = Counter.builder("redis.cache.decoding.failures")
			.tags(tags)
			.description("Cache entries that could not be decoded and were treated as misses")
			.register(registry);
		this.loaded = counter(registry, "redis.cache.loads", tags, "outcome", "loaded",
				"Misses that ran the loader while holding the key's single-flight marker");
		this.waited = counter(registry, "redis.cache.loads", tags, "outcome", "waited",
				"Misses served by another caller's load");
		this.waitTimedOut = counter(registry, "redis.cache.loads", tags, "outcome", "wait-timeout",
				"Misses that waited for another caller's load in vain and ran the loader");
		this.earlyRefreshed = counter(registry, "redis.cache.loads", tags, "outcome", "early-refresh",
				"Hits that recomputed the entry early");
		if (bindStatistics) {
			new StatisticsBinder(this, cacheName, tags).bindTo(registry);
		}
	}

	/**
	 * Returns a binder of the standard {@code cache.*} meters of these counts.
	 */
	MeterBinder statisticsBinder(String cacheName, Iterable<Tag> tags) {
		return new StatisticsBinder(this, cacheName, tags);
	}

	private static Counter counter(MeterRegistry registry, String name, List<Tag> tags, String key, String value,
			String description) {
		return Counter.builder(name).tags(tags).tag(key, value).description(description).register(registry);
	}

	void hit() {
		this.hits.increment();
	}

	void miss() {
		this.misses.increment();
	}

	void put() {
		this.puts.increment();
	}

	void evicted(long count) {
		this.evictions.add(count);
	}

	void readFallback() {
		this.fallbackCount.increment();
		this.readFallbacks.increment();
	}

	void writeFallback() {
		this.fallbackCount.increment();
		this.writeFallbacks.increment();
	}

	void decodingFailure() {
		this.decodingFailureCount.increment();
		this.decodingFailures.increment();
	}

	void loaded() {
		this.loaded.increment();
	}

	void waited() {
		this.waited.increment();
	}

	void waitTimedOut() {
		this.waitTimedOut.increment();
	}

	void earlyRefreshed() {
		this.earlyRefreshed.increment();
	}

	/**
	 * Binds the standard {@code cache.*} meters to the counts.
	 */
	static final class StatisticsBinder extends CacheMeterBinder<CacheMetrics> {

		StatisticsBinder(CacheMetrics metrics, String cacheName, Iterable<Tag> tags) {
			super(metrics, cacheName, filterCacheTag(tags));
		}

		private static Iterable<Tag> filterCacheTag(Iterable<Tag> tags) {
			// CacheMeterBinder adds the cache tag itself.
			java.util.ArrayList<Tag> others = new java.util.ArrayList<>();
			tags.forEach((tag) -> {
				if (!tag.getKey().equals("cache")) {
					others.add(tag);
				}
			});
			return others;
		}

		@Override
		protected @Nullable Long size() {
			// Counting a cache's keys would need a SCAN.
			return null;
		}

		@Override
		protected long hitCount() {
			CacheMetrics metrics = getCache();
			return (metrics != null) ? metrics.hits.sum() : 0;
		}

		@Override
		protected Long missCount() {
			CacheMetrics metrics = getCache();
			return (metrics != null) ? metrics.misses.sum() : 0L;
		}

		@Override
		protected Long evictionCount() {
			CacheMetrics metrics = getCache();
			return (metrics != null) ? metrics.evictions.sum() : 0L;
		}

		@Override
		protected long putCount() {
			CacheMetrics metrics = getCache();
			return (metrics != null) ? metrics.puts.sum() : 0;
		}

		@Override
		protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
			// The redis.cache.* counters are registered by CacheMetrics itself.
		}

	}

}
