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
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.cache.CacheScripts.NamespaceRead;
import io.github.redisutils.cache.EntryCodec.Entry;
import io.github.redisutils.core.RateLimitedLog;
import io.github.redisutils.core.RedisUtilsException;
import io.github.redisutils.core.codec.ValueCodecException;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Reads, writes and loads cache entries for both the Spring caches and
 * {@link CacheStore}: decoding failures become misses, Redis failures fall through to the
 * loader, and concurrent misses of one key load once across instances.
 * <p>
 * Single-flight: a caller that misses sets the key's marker ({@code SET NX PX} with the
 * lease as time to live, so that it expires if its instance dies). The caller that set it
 * reads the key once more (a load may have finished between its miss and its marker),
 * loads, writes the value and only then deletes its marker. The others poll the key at
 * the poll interval; they return the value once it appears, take over the marker if it
 * disappears without a value, and load themselves when the wait is over. Polling was
 * chosen over pub/sub because it needs no subscriber connection, behaves the same on
 * Cluster, and its cost (one {@code GET} per waiting caller per interval) is bounded by
 * the wait.
 *
 * @author redis-utils authors
 */
final class CacheEngine {

	private final CacheScripts commands;

	private final EntryCodec codec;

	private final OutageGuard guard;

	private final CacheOptions options;

	private final RateLimitedLog decodingLog = new RateLimitedLog(LogFactory.getLog(CacheEngine.class),
			TimeUnit.SECONDS.toNanos(1));

	CacheEngine(CacheScripts commands, EntryCodec codec, OutageGuard guard, CacheOptions options) {
		this.commands = commands;
		this.codec = codec;
		this.guard = guard;
		this.options = options;
		guard.repairWith(commands::delete);
		commands.onAnswer(guard::succeeded);
	}

	CacheScripts commands() {
		return this.commands;
	}

	OutageGuard guard() {
		return this.guard;
	}

	/**
	 * Read an entry, counting a hit or a miss.
	 * @return the entry, or {@code null} on a miss, an undecodable entry or a Redis
	 * failure
	 */
	@Nullable Entry read(CacheName cache, EntryLocation location, Type type) {
		byte[] bytes = readBytes(cache, location);
		return (bytes != null) ? decodeCounted(cache, location, bytes, type) : null;
	}

	/**
	 * Read an entry as a class, as
	 * {@link org.springframework.cache.Cache#get(Object, Class)} does: bytes that are no
	 * value at all are a miss, as in {@link #read}, but a value that decodes and is not
	 * of the class is the caller's mistake, not corrupt data.
	 * @return the entry, or {@code null} on a miss, an undecodable entry or a Redis
	 * failure
	 * @throws IllegalStateException if the entry holds a value of another type
	 */
	@Nullable Entry readAs(CacheName cache, EntryLocation location, Class<?> type) {
		byte[] bytes = readBytes(cache, location);
		if (bytes == null) {
			return null;
		}
		try {
			Entry entry = this.codec.decode(bytes, type);
			cache.metrics().hit();
			return entry;
		}
		catch (ValueCodecException | ClassCastException ex) {
			Entry natural = tryDecodeQuietly(bytes);
			if (natural != null) {
				cache.metrics().hit();
				throw new IllegalStateException(
						"Cached value is not of required type [" + type.getName() + "]: " + natural.value(), ex);
			}
		}
		return decodeCounted(cache, location, bytes, type);
	}

	/**
	 * Return an entry's bytes, or {@code null}, counted as a miss, when Redis is skipped,
	 * fails or holds nothing.
	 */
	private byte @Nullable [] readBytes(CacheName cache, EntryLocation location) {
		if (this.guard.skipsRedis()) {
			cache.metrics().readFallback();
			cache.metrics().miss();
			return null;
		}
		try {
			byte[] bytes = readRaw(location).bytes();
			this.guard.succeeded();
			if (bytes == null) {
				cache.metrics().miss();
			}
			return bytes;
		}
		catch (RedisUtilsException ex) {
			readFailed(cache, ex);
			cache.metrics().miss();
			return null;
		}
	}

	private @Nullable Entry decodeCounted(CacheName cache, EntryLocation location, byte[] bytes, Type type) {
		Entry entry = tryDecode(cache, location, bytes, type);
		if (entry != null) {
			cache.metrics().hit();
		}
		else {
			cache.metrics().miss();
		}
		return entry;
	}

	private @Nullable Entry tryDecodeQuietly(byte[] bytes) {
		try {
			return this.codec.decode(bytes, Object.class);
		}
		catch (ValueCodecException ex) {
			return null;
		}
	}

	/**
	 * Return the entry's value, loading and storing it on a miss, once across instances.
	 * @throws LoaderFailure if the loader throws
	 */
	@Nullable Object getOrLoad(CacheName cache, EntryLocation location, Type type, CacheSettings settings, Callable<?> loader) {
		if (this.guard.skipsRedis()) {
			cache.metrics().readFallback();
			cache.metrics().miss();
			return callLoader(loader);
		}
		Raw raw;
		try {
			raw = readRaw(location);
			this.guard.succeeded();
		}
		catch (RedisUtilsException ex) {
			readFailed(cache, ex);
			cache.metrics().miss();
			return callLoader(loader);
		}
		byte[] rejected = null;
		if (raw.bytes() != null) {
			Entry entry = tryDecode(cache, location, raw.bytes(), type);
			if (entry != null) {
				cache.metrics().hit();
				if (settings.earlyRefresh() && dueForEarlyRefresh(entry)) {
					return refreshEarly(cache, location, settings, loader, entry, raw.generation());
				}
				return entry.value();
			}
			rejected = raw.bytes();
		}
		cache.metrics().miss();
		if (!this.options.singleFlight()) {
			Timed loaded = timedLoad(loader);
			write(cache, location, loaded.value(), settings, raw.generation(), loaded.millis());
			return loaded.value();
		}
		return loadOnce(cache, location, type, settings, loader, rejected, raw.generation());
	}

	private @Nullable Object loadOnce(CacheName cache, EntryLocation location, Type type, CacheSettings settings,
			Callable<?> loader, byte @Nullable [] rejected, @Nullable String firstGeneration) {
		// The latest generation seen before loading: a value loaded after it is written
		// under it.
		String generation = firstGeneration;
		byte[] token = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
		long leaseMillis = this.options.lease().toMillis();
		long deadline = System.nanoTime() + this.options.maxWait().toNanos();
		long pollMillis = Math.max(1, this.options.pollInterval().toMillis());
		byte[] ignored = rejected;
		while (true) {
			Raw current;
			try {
				if (this.commands.setIfAbsent(location.markerKey(), token, leaseMillis)) {
					return loadHoldingMarker(cache, location, type, settings, loader, token, ignored);
				}
				if (!pause(pollMillis)) {
					break;
				}
				current = readRaw(location);
				generation = current.generation();
			}
			catch (RedisUtilsException ex) {
				readFailed(cache, ex);
				return callLoader(loader);
			}
			if (current.bytes() != null && !Arrays.equals(current.bytes(), ignored)) {
				Entry entry = tryDecode(cache, location, current.bytes(), type);
				if (entry != null) {
					cache.metrics().waited();
					return entry.value();
				}
				// Another undecodable value: wait for the load that replaces it.
				ignored = current.bytes();
			}
			if (System.nanoTime() - deadline >= 0) {
				break;
			}
		}
		cache.metrics().waitTimedOut();
		Timed loaded = timedLoad(loader);
		write(cache, location, loaded.value(), settings, generation, loaded.millis());
		return loaded.value();
	}

	private @Nullable Object loadHoldingMarker(CacheName cache, EntryLocation location, Type type,
			CacheSettings settings, Callable<?> loader, byte[] token, byte @Nullable [] ignored) {
		try {
			// A load may have finished between this caller's miss and its marker.
			Raw again = readRaw(location);
			if (again.bytes() != null && !Arrays.equals(again.bytes(), ignored)) {
				Entry entry = tryDecode(cache, location, again.bytes(), type);
				if (entry != null) {
					cache.metrics().waited();
					return entry.value();
				}
			}
			cache.metrics().loaded();
			Timed loaded = timedLoad(loader);
			write(cache, location, loaded.value(), settings, again.generation(), loaded.millis());
			return loaded.value();
		}
		finally {
			releaseQuietly(cache, location, token);
		}
	}

	private @Nullable Object refreshEarly(CacheName cache, EntryLocation location, CacheSettings settings,
			Callable<?> loader, Entry current, @Nullable String generation) {
		byte[] token = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
		try {
			if (!this.commands.setIfAbsent(location.markerKey(), token, this.options.lease().toMillis())) {
				// Someone else is refreshing it: the current value is still good.
				return current.value();
			}
		}
		catch (RedisUtilsException ex) {
			readFailed(cache, ex);
			return current.value();
		}
		try {
			cache.metrics().earlyRefreshed();
			Timed loaded = timedLoad(loader);
			write(cache, location, loaded.value(), settings, generation, loaded.millis());
			return loaded.value();
		}
		finally {
			releaseQuietly(cache, location, token);
		}
	}

	private boolean dueForEarlyRefresh(Entry entry) {
		if (entry.expiresAtMillis() <= 0) {
			return false;
		}
		// XFetch (Vattani et al., "Optimal Probabilistic Cache Stampede Prevention"):
		// refresh when now - delta * beta * ln(rand) >= expiry.
		double random = 1.0 - ThreadLocalRandom.current().nextDouble();
		double gap = -entry.computeMillis() * this.options.earlyRefreshBeta() * Math.log(random);
		return System.currentTimeMillis() + gap >= entry.expiresAtMillis();
	}

	/**
	 * Store a value, best effort: a Redis failure is counted and logged, never thrown.
	 * @param generation the namespace generation the value was loaded under, or
	 * {@code null} for the current one
	 * @return whether the value was stored
	 */
	boolean write(CacheName cache, EntryLocation location, @Nullable Object value, CacheSettings settings,
			@Nullable String generation, long computeMillis) {
		if (value == null && !settings.cacheNullValues()) {
			return false;
		}
		if (this.guard.skipsRedis()) {
			cache.metrics().writeFallback();
			// Redis may still hold the previous value: delete it before Redis is used
			// again.
			this.guard.writeDropped(location.valueKey());
			return false;
		}
		long ttl = ttlMillis(settings);
		byte[] bytes = encode(value, settings, ttl, computeMillis);
		try {
			if (location.generationKey() == null) {
				this.commands.set(location.valueKey(), bytes, ttl);
			}
			else {
				this.commands.namespaceSet(location.generationKey(), generation, List.of(location.valueKey()),
						List.of(bytes), new long[] { ttl });
			}
			this.guard.succeeded();
			cache.metrics().put();
			return true;
		}
		catch (RedisUtilsException ex) {
			writeFailed(cache, ex);
			return false;
		}
	}

	byte[] encode(@Nullable Object value, CacheSettings settings, long ttlMillis, long computeMillis) {
		if (settings.earlyRefresh()) {
			return this.codec.encode(value, System.currentTimeMillis() + ttlMillis, computeMillis);
		}
		return this.codec.encode(value);
	}

	/**
	 * Return a time to live with the settings' jitter applied.
	 */
	long ttlMillis(CacheSettings settings) {
		long ttl = settings.timeToLive().toMillis();
		if (settings.ttlJitter() > 0) {
			long spread = (long) (ttl * settings.ttlJitter());
			ttl -= ThreadLocalRandom.current().nextLong(spread + 1);
		}
		return Math.max(1, ttl);
	}

	/**
	 * Decode an entry, or count, log and report the failure as a miss.
	 */
	@Nullable Entry tryDecode(CacheName cache, EntryLocation location, byte[] bytes, Type type) {
		try {
			return this.codec.decode(bytes, type);
		}
		catch (ValueCodecException | ClassCastException ex) {
			cache.metrics().decodingFailure();
			this.decodingLog
				.warn(() -> "Cache '" + cache.name() + "' could not decode the entry at key '" + location.valueKey()
						+ "' as " + type.getTypeName() + "; treating it as a miss, the next load replaces it", ex);
			return null;
		}
	}

	void readFailed(CacheName cache, RuntimeException ex) {
		cache.metrics().readFallback();
		this.guard.failed(cache.name(), "read from", ex);
	}

	void writeFailed(CacheName cache, RuntimeException ex) {
		cache.metrics().writeFallback();
		this.guard.failed(cache.name(), "write to", ex);
	}

	private void releaseQuietly(CacheName cache, EntryLocation location, byte[] token) {
		try {
			this.commands.release(location.markerKey(), token);
		}
		catch (RedisUtilsException ex) {
			// The marker expires by its lease.
			this.guard.failed(cache.name(), "release a single-flight marker in", ex);
		}
	}

	/**
	 * Read an entry, retried by {@code redis.retry.*} when Redis is unavailable: a read
	 * can be repeated without changing anything.
	 */
	private Raw readRaw(EntryLocation location) {
		return this.guard.retried(() -> {
			if (location.generationKey() == null) {
				return new Raw(this.commands.get(location.valueKey()), null);
			}
			NamespaceRead read = this.commands.namespaceGet(location.generationKey(), List.of(location.valueKey()));
			return new Raw(read.entries().get(0), read.generation());
		}, location.valueKey());
	}

	private static boolean pause(long millis) {
		try {
			Thread.sleep(millis);
			return true;
		}
		catch (InterruptedException ex) {
			// Stop waiting, keep the interrupt for the caller, and load.
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static Timed timedLoad(Callable<?> loader) {
		long start = System.nanoTime();
		Object value = callLoader(loader);
		return new Timed(value, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
	}

	static @Nullable Object callLoader(Callable<?> loader) {
		try {
			return loader.call();
		}
		catch (Exception ex) {
			throw new LoaderFailure(ex);
		}
	}

	/**
	 * Bytes read for one entry, with the generation of its namespace.
	 */
	private record Raw(byte @Nullable [] bytes, @Nullable String generation) {

	}

	private record Timed(@Nullable Object value, long millis) {

	}

	/**
	 * A cache's name, for log lines, and its metrics.
	 *
	 * @param name the cache's name
	 * @param metrics its metrics
	 */
	record CacheName(String name, CacheMetrics metrics) {

	}

}
