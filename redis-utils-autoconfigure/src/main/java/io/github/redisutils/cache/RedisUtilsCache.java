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

import java.lang.reflect.Type;
import java.util.concurrent.Callable;

import io.github.redisutils.cache.CacheEngine.CacheName;
import io.github.redisutils.cache.EntryCodec.Entry;
import io.github.redisutils.core.RedisUtilsException;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.support.AbstractValueAdaptingCache;
import org.springframework.cache.support.NullValue;
import org.springframework.cache.support.SimpleValueWrapper;
import org.springframework.util.Assert;

/**
 * A Spring {@link org.springframework.cache.Cache} in Redis.
 * <p>
 * Reads that fail (Redis down or slow, an undecodable entry) are misses, so the caller
 * runs the cached method; writes, evictions and clears are best effort. A failure is
 * counted and logged, never thrown. {@code get(key, Callable)}, which
 * {@code @Cacheable(sync = true)} calls, loads once across instances.
 * <p>
 * Entries are decoded into a declared type. {@code get(key, Class)} has it; calls through
 * {@link ReturnTypeCacheResolver} (installed by the auto-configuration) see a view of
 * this cache that decodes into the cached method's return type. Plain {@code get(key)}
 * decodes into JSON's natural Java types (maps, lists, strings, numbers, booleans).
 *
 * @author redis-utils authors
 */
public final class RedisUtilsCache extends AbstractValueAdaptingCache {

	private final String name;

	private final CacheSettings settings;

	private final CacheEngine engine;

	private final CacheKeys keys;

	private final CacheName cacheName;

	private final int clearBatchSize;

	RedisUtilsCache(String name, CacheSettings settings, CacheEngine engine, CacheKeys keys, CacheMetrics metrics,
			int clearBatchSize) {
		super(settings.cacheNullValues());
		this.name = name;
		this.settings = settings;
		this.engine = engine;
		this.keys = keys;
		this.cacheName = new CacheName(name, metrics);
		this.clearBatchSize = clearBatchSize;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public Object getNativeCache() {
		return this;
	}

	CacheSettings settings() {
		return this.settings;
	}

	CacheMetrics metrics() {
		return this.cacheName.metrics();
	}

	/**
	 * Returns a binder of this cache's standard {@code cache.gets}, {@code cache.puts}
	 * and {@code cache.evictions} meters (Micrometer's {@code CacheMeterBinder}, tagged
	 * {@code cache} with the cache's name plus {@code tags}). Spring Boot's cache metrics
	 * registrar binds it through the auto-configured {@code CacheMeterBinderProvider};
	 * without Boot, bind it once per cache to the registry of choice.
	 * @param tags further tags, such as {@code cache.manager}
	 * @return the binder
	 */
	public MeterBinder meterBinder(Iterable<Tag> tags) {
		Assert.notNull(tags, "'tags' must not be null");
		return metrics().statisticsBinder(this.name, tags);
	}

	@Override
	protected @Nullable Object lookup(Object key) {
		return toLookupValue(this.engine.read(this.cacheName, this.keys.location(key), Object.class));
	}

	/**
	 * Read an entry as a type.
	 * @return a wrapper of the value ({@code null} inside for a cached {@code null}), or
	 * {@code null} on a miss
	 */
	@Nullable ValueWrapper get(Object key, Type type) {
		Entry entry = this.engine.read(this.cacheName, this.keys.location(key), type);
		return (entry != null) ? new SimpleValueWrapper(entry.value()) : null;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Object key, @Nullable Class<T> type) {
		Entry entry = this.engine.readAs(this.cacheName, this.keys.location(key), (type != null) ? type : Object.class);
		return (entry != null) ? (T) entry.value() : null;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
		return (T) get(key, Object.class, valueLoader);
	}

	@Nullable Object get(Object key, Type type, Callable<?> valueLoader) {
		Callable<?> loader = this.settings.cacheNullValues() ? valueLoader : () -> {
			Object value = valueLoader.call();
			if (value == null) {
				throw new NullNotAllowed();
			}
			return value;
		};
		try {
			return this.engine.getOrLoad(this.cacheName, this.keys.location(key), type, this.settings, loader);
		}
		catch (LoaderFailure ex) {
			if (ex.getCause() instanceof NullNotAllowed) {
				throw nullNotAllowed();
			}
			throw new ValueRetrievalException(key, valueLoader, ex.getCause());
		}
	}

	/**
	 * Store a value. As Spring Data Redis's {@code RedisCache} does, a cache that does
	 * not cache {@code null} refuses one instead of dropping it and leaving an older
	 * entry readable.
	 * @throws IllegalArgumentException if the value is {@code null} and this cache does
	 * not cache {@code null}
	 */
	@Override
	public void put(Object key, @Nullable Object value) {
		if (value == null && !this.settings.cacheNullValues()) {
			throw nullNotAllowed();
		}
		this.engine.write(this.cacheName, this.keys.location(key), value, this.settings, null, 0);
	}

	private IllegalArgumentException nullNotAllowed() {
		return new IllegalArgumentException("Cache '" + this.name + "' does not allow 'null' values; avoid storing null"
				+ " with '@Cacheable(unless = \"#result == null\")' or allow it with 'redis.cache.caches." + this.name
				+ ".cache-null-values=true'");
	}

	/**
	 * Thrown by the loader wrapper of a cache that does not cache {@code null}, so that
	 * the single-flight marker is released before the caller sees the refusal.
	 */
	private static final class NullNotAllowed extends RuntimeException {

		NullNotAllowed() {
			super(null, null, false, false);
		}

	}

	@Override
	public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
		if (value == null && !this.settings.cacheNullValues()) {
			return get(key);
		}
		EntryLocation location = this.keys.location(key);
		if (this.engine.guard().skipsRedis()) {
			this.cacheName.metrics().writeFallback();
			return null;
		}
		long ttl = this.engine.ttlMillis(this.settings);
		try {
			if (this.engine.commands()
				.setIfAbsent(location.valueKey(), this.engine.encode(value, this.settings, ttl, 0), ttl)) {
				this.cacheName.metrics().put();
				return null;
			}
		}
		catch (RedisUtilsException ex) {
			this.engine.writeFailed(this.cacheName, ex);
			return null;
		}
		return get(key);
	}

	@Override
	public void evict(Object key) {
		evictIfPresent(key);
	}

	@Override
	public boolean evictIfPresent(Object key) {
		try {
			boolean deleted = this.engine.commands().delete(this.keys.location(key).valueKey());
			if (deleted) {
				this.cacheName.metrics().evicted(1);
			}
			return deleted;
		}
		catch (RedisUtilsException ex) {
			this.engine.writeFailed(this.cacheName, ex);
			return false;
		}
	}

	@Override
	public void clear() {
		invalidate();
	}

	@Override
	public boolean invalidate() {
		try {
			long deleted = this.engine.commands().deleteMatching(this.keys.pattern(), this.clearBatchSize);
			this.cacheName.metrics().evicted(deleted);
			return deleted > 0;
		}
		catch (RedisUtilsException ex) {
			this.engine.writeFailed(this.cacheName, ex);
			return false;
		}
	}

	/**
	 * Return a view of this cache that decodes entries into a type.
	 * @param type the type, typically a cached method's return type
	 * @return the view
	 */
	TypedCacheView typed(Type type) {
		return new TypedCacheView(this, type);
	}

	@Override
	protected @Nullable Object fromStoreValue(@Nullable Object storeValue) {
		// A null cached by a cache that allowed it reads as null here too.
		return (storeValue == NullValue.INSTANCE) ? null : storeValue;
	}

	private static @Nullable Object toLookupValue(@Nullable Entry entry) {
		if (entry == null) {
			return null;
		}
		return (entry.value() != null) ? entry.value() : NullValue.INSTANCE;
	}

	@Override
	public String toString() {
		return "RedisUtilsCache[" + this.name + ", " + this.settings + "]";
	}

}
