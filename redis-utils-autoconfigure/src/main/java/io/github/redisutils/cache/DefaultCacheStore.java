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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import io.github.redisutils.cache.CacheScripts.NamespaceRead;
import io.github.redisutils.cache.CacheEngine.CacheName;
import io.github.redisutils.cache.EntryCodec.Entry;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisUtilsException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.util.Assert;

/**
 * The {@link CacheStore} of redis-utils. Entries outside a namespace live at
 * {@code <prefix>:cache:<key>}; entries of a namespace at
 * {@code <prefix>:cache:{<namespace>}:<key>}, next to the namespace's generation key
 * {@code <prefix>:cache:{<namespace>}} (one hash tag, so one script reads both).
 *
 * @author redis-utils authors
 */
final class DefaultCacheStore implements CacheStore {

	private final CacheEngine engine;

	private final RedisKeys.FeatureKeys keys;

	private final CacheSettings settings;

	private final CacheName cacheName;

	private final @Nullable String namespace;

	DefaultCacheStore(CacheEngine engine, RedisKeys.FeatureKeys keys, CacheSettings settings, CacheName cacheName,
			@Nullable String namespace) {
		this.engine = engine;
		this.keys = keys;
		this.settings = settings;
		this.cacheName = cacheName;
		this.namespace = namespace;
	}

	@Override
	public <T> Optional<CacheHit<T>> get(String key, Class<T> type) {
		return hit(this.engine.read(this.cacheName, location(key), type));
	}

	@Override
	public <T> Optional<CacheHit<T>> get(String key, ParameterizedTypeReference<T> type) {
		return hit(this.engine.read(this.cacheName, location(key), type.getType()));
	}

	@SuppressWarnings("unchecked")
	private static <T> Optional<CacheHit<T>> hit(@Nullable Entry entry) {
		return (entry != null) ? Optional.of(new CacheHit<>((T) entry.value())) : Optional.empty();
	}

	@Override
	public void put(String key, @Nullable Object value, Duration ttl) {
		this.engine.write(this.cacheName, location(key), value, this.settings.withTimeToLive(ttl), null, 0);
	}

	@Override
	public <T> @Nullable T getOrLoad(String key, Class<T> type, Duration ttl, Callable<? extends @Nullable T> loader) {
		return load(key, type, ttl, loader);
	}

	@Override
	public <T> @Nullable T getOrLoad(String key, ParameterizedTypeReference<T> type, Duration ttl,
			Callable<? extends @Nullable T> loader) {
		return load(key, type.getType(), ttl, loader);
	}

	@SuppressWarnings("unchecked")
	private <T> @Nullable T load(String key, Type type, Duration ttl, Callable<? extends @Nullable T> loader) {
		Assert.notNull(loader, "'loader' must not be null");
		EntryLocation location = location(key);
		try {
			return (T) this.engine.getOrLoad(this.cacheName, location, type, this.settings.withTimeToLive(ttl), loader);
		}
		catch (LoaderFailure ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new CacheLoadException(key, cause);
		}
	}

	@Override
	public boolean exists(String key) {
		EntryLocation location = location(key);
		if (location.generationKey() != null) {
			return readAll(List.of(location)).get(0) != null;
		}
		return redisOr(false, () -> this.engine.commands().exists(location.valueKey()));
	}

	@Override
	public boolean expire(String key, Duration ttl) {
		EntryLocation location = location(key);
		if (location.generationKey() != null && !exists(key)) {
			return false;
		}
		return redisOr(false, () -> this.engine.commands().expire(location.valueKey(), Math.max(1, ttl.toMillis())));
	}

	@Override
	public boolean delete(String key) {
		EntryLocation location = location(key);
		boolean deleted = redisOr(false, () -> this.engine.commands().delete(location.valueKey()));
		if (deleted) {
			this.cacheName.metrics().evicted(1);
		}
		return deleted;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> Map<String, CacheHit<T>> getAll(Collection<String> keys, Class<T> type) {
		List<String> ordered = new ArrayList<>(keys);
		List<EntryLocation> locations = ordered.stream().map(this::location).toList();
		List<byte @Nullable []> raw = readAll(locations);
		Map<String, CacheHit<T>> hits = new LinkedHashMap<>();
		for (int i = 0; i < ordered.size(); i++) {
			byte[] bytes = raw.get(i);
			Entry entry = (bytes != null) ? this.engine.tryDecode(this.cacheName, locations.get(i), bytes, type) : null;
			if (entry != null) {
				this.cacheName.metrics().hit();
				hits.put(ordered.get(i), new CacheHit<>((T) entry.value()));
			}
			else {
				this.cacheName.metrics().miss();
			}
		}
		return hits;
	}

	/**
	 * Read raw entries in one round trip; all misses while Redis is unavailable.
	 */
	private List<byte @Nullable []> readAll(List<EntryLocation> locations) {
		return readAllWithGeneration(locations).entries();
	}

	/**
	 * Read raw entries and, in a namespace, its generation, in one round trip; all misses
	 * (and an unknown generation) while Redis is unavailable.
	 */
	private NamespaceRead readAllWithGeneration(List<EntryLocation> locations) {
		List<byte @Nullable []> misses = new ArrayList<>(locations.size());
		locations.forEach((location) -> misses.add(null));
		NamespaceRead unknown = new NamespaceRead(CacheScripts.NO_GENERATION, misses);
		if (locations.isEmpty()) {
			return unknown;
		}
		if (this.engine.guard().skipsRedis()) {
			this.cacheName.metrics().readFallback();
			return unknown;
		}
		List<String> valueKeys = locations.stream().map(EntryLocation::valueKey).toList();
		try {
			String generationKey = locations.get(0).generationKey();
			if (generationKey != null) {
				return this.engine.commands().namespaceGet(generationKey, valueKeys);
			}
			return new NamespaceRead(null, this.engine.commands().getAll(valueKeys));
		}
		catch (RedisUtilsException ex) {
			this.engine.readFailed(this.cacheName, ex);
			return unknown;
		}
	}

	@Override
	public void putAll(Map<String, ?> values, Duration ttl) {
		putAll(values, ttl, null);
	}

	/**
	 * Store values; in a namespace under the given generation ({@code null}: the current
	 * one).
	 */
	private void putAll(Map<String, ?> values, Duration ttl, @Nullable String generation) {
		CacheSettings settings = this.settings.withTimeToLive(ttl);
		List<String> valueKeys = new ArrayList<>(values.size());
		List<byte[]> encoded = new ArrayList<>(values.size());
		long[] ttls = new long[values.size()];
		String generationKey = null;
		for (Map.Entry<String, ?> entry : values.entrySet()) {
			if (entry.getValue() == null && !settings.cacheNullValues()) {
				continue;
			}
			EntryLocation location = location(entry.getKey());
			generationKey = location.generationKey();
			long entryTtl = this.engine.ttlMillis(settings);
			ttls[valueKeys.size()] = entryTtl;
			valueKeys.add(location.valueKey());
			encoded.add(this.engine.encode(entry.getValue(), settings, entryTtl, 0));
		}
		if (valueKeys.isEmpty()) {
			return;
		}
		if (this.engine.guard().skipsRedis()) {
			this.cacheName.metrics().writeFallback();
			// As for a single put: the previous values go before Redis is used again.
			valueKeys.forEach(this.engine.guard()::writeDropped);
			return;
		}
		long[] usedTtls = Arrays.copyOf(ttls, valueKeys.size());
		try {
			if (generationKey != null) {
				this.engine.commands().namespaceSet(generationKey, generation, valueKeys, encoded, usedTtls);
			}
			else {
				this.engine.commands().setAll(valueKeys, encoded, usedTtls);
			}
			this.cacheName.metrics().puts.add(valueKeys.size());
		}
		catch (RedisUtilsException ex) {
			this.engine.writeFailed(this.cacheName, ex);
		}
	}

	@Override
	public int warm(Collection<String> keys, Duration ttl, Function<String, ?> loader) {
		List<String> ordered = new ArrayList<>(keys);
		NamespaceRead read = readAllWithGeneration(ordered.stream().map(this::location).toList());
		List<byte @Nullable []> raw = read.entries();
		Map<String, @Nullable Object> loaded = new LinkedHashMap<>();
		for (int i = 0; i < ordered.size(); i++) {
			if (raw.get(i) == null) {
				loaded.put(ordered.get(i), loader.apply(ordered.get(i)));
			}
		}
		// Loaded values go under the generation read before loading, so an invalidation
		// meanwhile makes them misses rather than fresh-looking stale data.
		putAll(loaded, ttl, read.generation());
		return loaded.size();
	}

	@Override
	public CacheStore namespace(String namespace) {
		// Fails now, naming the problem, for a namespace that cannot be a hash tag.
		this.keys.tagged(namespace);
		return new DefaultCacheStore(this.engine, this.keys, this.settings, this.cacheName, namespace);
	}

	@Override
	public boolean invalidateNamespace(String namespace) {
		String generationKey = this.keys.tagged(namespace);
		return redisOr(false, () -> {
			this.engine.commands().namespaceInvalidate(generationKey, this.settings.timeToLive().toMillis());
			return true;
		});
	}

	private EntryLocation location(String key) {
		Assert.notNull(key, "'key' must not be null");
		String namespace = this.namespace;
		if (namespace == null) {
			return CacheKeys.withSafeKey(key,
					(part) -> new EntryLocation(this.keys.key(part), this.keys.key(part, CacheKeys.MARKER), null));
		}
		return CacheKeys.withSafeKey(key, (part) -> new EntryLocation(this.keys.tagged(namespace, part),
				this.keys.tagged(namespace, part, CacheKeys.MARKER), this.keys.tagged(namespace)));
	}

	private boolean redisOr(boolean fallback, BooleanSupplier action) {
		if (this.engine.guard().skipsRedis()) {
			this.cacheName.metrics().writeFallback();
			return fallback;
		}
		try {
			return action.getAsBoolean();
		}
		catch (RedisUtilsException ex) {
			this.engine.writeFailed(this.cacheName, ex);
			return fallback;
		}
	}

	@Override
	public String toString() {
		return "CacheStore[" + ((this.namespace != null) ? "namespace=" + this.namespace + ", " : "") + this.settings
				+ "]";
	}

}
