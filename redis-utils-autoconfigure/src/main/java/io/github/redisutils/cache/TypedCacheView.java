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

import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;

/**
 * A {@link RedisUtilsCache} seen by one cached method: untyped reads ({@code get(key)},
 * {@code get(key, Callable)}) decode into the method's return type.
 *
 * @author redis-utils authors
 */
final class TypedCacheView implements Cache {

	private final RedisUtilsCache cache;

	private final Type type;

	TypedCacheView(RedisUtilsCache cache, Type type) {
		this.cache = cache;
		this.type = type;
	}

	Type type() {
		return this.type;
	}

	@Override
	public String getName() {
		return this.cache.getName();
	}

	@Override
	public Object getNativeCache() {
		return this.cache;
	}

	@Override
	public @Nullable ValueWrapper get(Object key) {
		return this.cache.get(key, this.type);
	}

	@Override
	public <T> @Nullable T get(Object key, @Nullable Class<T> type) {
		return this.cache.get(key, type);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
		return (T) this.cache.get(key, this.type, valueLoader);
	}

	@Override
	public void put(Object key, @Nullable Object value) {
		this.cache.put(key, value);
	}

	@Override
	public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
		return this.cache.putIfAbsent(key, value);
	}

	@Override
	public void evict(Object key) {
		this.cache.evict(key);
	}

	@Override
	public boolean evictIfPresent(Object key) {
		return this.cache.evictIfPresent(key);
	}

	@Override
	public void clear() {
		this.cache.clear();
	}

	@Override
	public boolean invalidate() {
		return this.cache.invalidate();
	}

}
