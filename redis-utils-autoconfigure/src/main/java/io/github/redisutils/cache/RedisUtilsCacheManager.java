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

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.util.Assert;

/**
 * The {@link CacheManager} of redis-utils: one Redis-backed cache per name, each with its
 * own time to live, null handling, key name, jitter and early refresh. Caches named in
 * the configuration exist from the start (and so do their meters); others are created on
 * first use with the default settings, unless runtime creation is off.
 * <p>
 * Obtained from {@link RedisCaches#cacheManager}.
 *
 * @author redis-utils authors
 */
public final class RedisUtilsCacheManager implements CacheManager {

	private final ConcurrentMap<String, Cache> caches = new ConcurrentHashMap<>();

	private final Set<String> names = Collections.synchronizedSet(new LinkedHashSet<>());

	private final CacheSettings defaults;

	private final Map<String, CacheSettings> configured;

	private final boolean allowRuntimeCreation;

	private final BiFunction<String, CacheSettings, Cache> factory;

	private final List<Consumer<Cache>> creationListeners = new CopyOnWriteArrayList<>();

	RedisUtilsCacheManager(CacheSettings defaults, Map<String, CacheSettings> configured,
			Collection<String> initialNames, boolean allowRuntimeCreation,
			BiFunction<String, CacheSettings, Cache> factory) {
		this.defaults = defaults;
		this.configured = Map.copyOf(configured);
		this.allowRuntimeCreation = allowRuntimeCreation;
		this.factory = factory;
		configured.keySet().forEach(this::create);
		initialNames.forEach(this::create);
	}

	@Override
	public @Nullable Cache getCache(String name) {
		Cache cache = this.caches.get(name);
		if (cache != null) {
			return cache;
		}
		if (!this.allowRuntimeCreation && !this.configured.containsKey(name)) {
			return null;
		}
		return create(name);
	}

	private Cache create(String name) {
		boolean[] created = { false };
		Cache cache = this.caches.computeIfAbsent(name, (key) -> {
			created[0] = true;
			return this.factory.apply(key, settingsOf(key));
		});
		if (created[0]) {
			this.names.add(name);
			this.creationListeners.forEach((listener) -> listener.accept(cache));
		}
		return cache;
	}

	/**
	 * Adds a listener told of every cache this manager creates from now on (on first use,
	 * with runtime creation on), for instance to bind its meters. Caches that exist
	 * already are not passed: read them with {@link #getCacheNames()}.
	 * @param listener receives each new cache, on the thread that first asked for it
	 */
	public void addCacheCreationListener(Consumer<Cache> listener) {
		Assert.notNull(listener, "'listener' must not be null");
		this.creationListeners.add(listener);
	}

	/**
	 * Return the settings a cache has or would have.
	 * @param name the cache's name
	 * @return its settings
	 */
	public CacheSettings settingsOf(String name) {
		return this.configured.getOrDefault(name, this.defaults);
	}

	@Override
	public Collection<String> getCacheNames() {
		synchronized (this.names) {
			return Set.copyOf(this.names);
		}
	}

	@Override
	public String toString() {
		return "RedisUtilsCacheManager" + getCacheNames();
	}

}
