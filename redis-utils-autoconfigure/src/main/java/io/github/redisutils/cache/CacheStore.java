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
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;

/**
 * Programmatic caching in Redis, for what {@code @Cacheable} does not express: explicit
 * times to live, bulk reads and writes, warming, and namespaces that are invalidated in
 * one step.
 * <p>
 * Keys are the application's strings (at most 512 characters, no control characters);
 * they are stored as {@code <prefix>:cache:<key>}, the same place a Spring cache named
 * {@code n} keeps key {@code k} when {@code key} is {@code n:k}. Values go through the
 * {@link io.github.redisutils.core.codec.ValueCodec} and are read into the type the
 * caller names.
 * <p>
 * Failure policy: while Redis is down or slow, reads are misses (and {@link #getOrLoad}
 * runs its loader), writes are dropped, each counted in {@code redis.cache.fallbacks};
 * nothing here throws for an outage. An entry that cannot be decoded is a miss, counted
 * and logged with its key, and the next load overwrites it.
 *
 * @author redis-utils authors
 */
public interface CacheStore {

	/**
	 * Read a value.
	 * @param <T> the type of the value
	 * @param key the key
	 * @param type the type to read the value as
	 * @return the hit, empty on a miss
	 */
	<T> Optional<CacheHit<T>> get(String key, Class<T> type);

	/**
	 * Read a value of a generic type such as {@code List<Order>}.
	 * @param <T> the type of the value
	 * @param key the key
	 * @param type the type to read the value as
	 * @return the hit, empty on a miss
	 */
	<T> Optional<CacheHit<T>> get(String key, ParameterizedTypeReference<T> type);

	/**
	 * Store a value.
	 * @param key the key
	 * @param value the value; {@code null} is stored as a cached {@code null} if the
	 * store caches nulls, else any entry is left as it is
	 * @param ttl how long the entry lives, shortened by the configured jitter
	 */
	void put(String key, @Nullable Object value, Duration ttl);

	/**
	 * Read a value, loading and storing it on a miss. Concurrent misses of one key, in
	 * this and other instances, run the loader once: the others wait (bounded by
	 * {@code redis.cache.single-flight.wait}, past which they load themselves) and
	 * receive the loaded value.
	 * @param <T> the type of the value
	 * @param key the key
	 * @param type the type to read the value as
	 * @param ttl how long a loaded entry lives
	 * @param loader computes the value on a miss
	 * @return the cached or loaded value
	 * @throws CacheLoadException if the loader throws a checked exception (unchecked ones
	 * propagate as they are)
	 */
	<T> @Nullable T getOrLoad(String key, Class<T> type, Duration ttl, Callable<? extends @Nullable T> loader);

	/**
	 * Read a value of a generic type, loading and storing it on a miss, once across
	 * instances.
	 * @param <T> the type of the value
	 * @param key the key
	 * @param type the type to read the value as
	 * @param ttl how long a loaded entry lives
	 * @param loader computes the value on a miss
	 * @return the cached or loaded value
	 * @throws CacheLoadException if the loader throws a checked exception
	 */
	<T> @Nullable T getOrLoad(String key, ParameterizedTypeReference<T> type, Duration ttl,
			Callable<? extends @Nullable T> loader);

	/**
	 * Whether a key holds an entry (a cached {@code null} included).
	 * @param key the key
	 * @return whether it exists; {@code false} while Redis is unavailable
	 */
	boolean exists(String key);

	/**
	 * Give an entry a new time to live.
	 * @param key the key
	 * @param ttl the new time to live
	 * @return whether the entry exists and was updated
	 */
	boolean expire(String key, Duration ttl);

	/**
	 * Remove an entry.
	 * @param key the key
	 * @return whether it existed
	 */
	boolean delete(String key);

	/**
	 * Read many values in one round trip ({@code MGET}; on Redis Cluster, one pipeline of
	 * reads, each sent to its key's master).
	 * @param <T> the type of the values
	 * @param keys the keys
	 * @param type the type to read the values as
	 * @return the hits by key; misses are absent
	 */
	<T> Map<String, CacheHit<T>> getAll(Collection<String> keys, Class<T> type);

	/**
	 * Store many values in one round trip (one pipeline of {@code SET ... PX}; on Redis
	 * Cluster, each sent to its key's master).
	 * @param values the values by key
	 * @param ttl how long each entry lives, each shortened by its own jitter
	 */
	void putAll(Map<String, ?> values, Duration ttl);

	/**
	 * Load and store the values of keys that are not cached yet, for example at start-up:
	 * one round trip to find the missing keys, the loader for each, one round trip to
	 * store them.
	 * @param keys the keys to warm
	 * @param ttl how long each entry lives
	 * @param loader computes the value of one key
	 * @return the number of entries loaded and stored
	 */
	int warm(Collection<String> keys, Duration ttl, Function<String, ?> loader);

	/**
	 * Return a view of this store whose keys live in a namespace, for example
	 * {@code "workspace:42"}, that {@link #invalidateNamespace} empties in one step.
	 * @param namespace the namespace; must not contain braces
	 * @return the namespaced store
	 */
	CacheStore namespace(String namespace);

	/**
	 * Make every entry of a namespace a miss, in O(1): the namespace moves to a new
	 * generation, entries of older generations are never read again and leave by their
	 * time to live (or when their key is written again).
	 * @param namespace the namespace
	 * @return whether the namespace was invalidated; {@code false} if Redis was
	 * unavailable (the failure is counted and logged)
	 */
	boolean invalidateNamespace(String namespace);

}
