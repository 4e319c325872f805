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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.redisutils.core.RedisScripts;
import io.github.redisutils.core.RedisTemplates;
import io.github.redisutils.core.RedisCalls;
import io.github.redisutils.core.RedisReplies;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * The cache's scripts and the Redis commands it sends, each one round trip. Failures are
 * classified by {@link RedisCalls}
 * ({@link io.github.redisutils.core.RedisUnavailableException} for an outage); the cache
 * falls back to its loader on every
 * {@link io.github.redisutils.core.RedisUtilsException}.
 *
 * @author redis-utils authors
 */
final class CacheScripts {

	private static final RedisScript<Long> RELEASE = RedisScripts.fromResource("io/github/redisutils/cache/release.lua",
			Long.class);

	private static final RedisScript<List> NAMESPACE_GET = RedisScripts
		.fromResource("io/github/redisutils/cache/namespace-get.lua", List.class);

	private static final RedisScript<Long> NAMESPACE_SET = RedisScripts
		.fromResource("io/github/redisutils/cache/namespace-set.lua", Long.class);

	private static final RedisScript<byte[]> NAMESPACE_INVALIDATE = RedisScripts
		.fromResource("io/github/redisutils/cache/namespace-invalidate.lua", byte[].class);

	private static final byte[] EMPTY = new byte[0];

	private final RedisTemplate<String, byte[]> template;

	private volatile Runnable onAnswer = () -> {
	};

	CacheScripts(RedisConnectionFactory connectionFactory) {
		this.template = RedisTemplates.binary(connectionFactory);
	}

	/**
	 * Set what runs after each command Redis answered.
	 */
	void onAnswer(Runnable onAnswer) {
		this.onAnswer = onAnswer;
	}

	@Nullable byte[] get(String key) {
		return call("GET", () -> this.template
			.execute((RedisCallback<byte[]>) (connection) -> connection.stringCommands().get(bytes(key))));
	}

	void set(String key, byte[] value, long ttlMillis) {
		call("SET", () -> this.template.execute((RedisCallback<Boolean>) (connection) -> connection.stringCommands()
			.set(bytes(key), value, Expiration.milliseconds(ttlMillis), SetOption.upsert())));
	}

	boolean setIfAbsent(String key, byte[] value, long ttlMillis) {
		Boolean set = call("SET NX",
				() -> this.template.execute((RedisCallback<Boolean>) (connection) -> connection.stringCommands()
					.set(bytes(key), value, Expiration.milliseconds(ttlMillis), SetOption.ifAbsent())));
		return Boolean.TRUE.equals(set);
	}

	boolean delete(String key) {
		Long deleted = call("DEL", () -> this.template
			.execute((RedisCallback<Long>) (connection) -> connection.keyCommands().del(bytes(key))));
		return deleted != null && deleted > 0;
	}

	boolean exists(String key) {
		Boolean exists = call("EXISTS", () -> this.template.hasKey(key));
		return Boolean.TRUE.equals(exists);
	}

	boolean expire(String key, long ttlMillis) {
		Boolean set = call("PEXPIRE", () -> this.template.expire(key, ttlMillis, TimeUnit.MILLISECONDS));
		return Boolean.TRUE.equals(set);
	}

	/**
	 * Read many keys in one round trip: {@code MGET} on a single server; on Redis
	 * Cluster, a pipeline of {@code GET}s that Lettuce routes to each key's master, all
	 * in flight at once (an {@code MGET} across slots is refused by the server, and
	 * Spring Data Redis would split it into one blocking call per key).
	 */
	List<byte @Nullable []> getAll(List<String> keys) {
		return call("MGET", () -> this.template.execute((RedisCallback<List<byte @Nullable []>>) (connection) -> {
			if (!(connection instanceof RedisClusterConnection)) {
				List<byte[]> values = connection.stringCommands()
					.mGet(keys.stream().map(CacheScripts::bytes).toArray(byte[][]::new));
				return (values != null) ? new ArrayList<>(values) : nulls(keys.size());
			}
			return pipelinedGets(connection, keys);
		}));
	}

	@SuppressWarnings("unchecked")
	private List<byte @Nullable []> pipelinedGets(RedisConnection connection, List<String> keys) {
		connection.openPipeline();
		boolean closed = false;
		try {
			for (String key : keys) {
				connection.stringCommands().get(bytes(key));
			}
			List<Object> results = connection.closePipeline();
			closed = true;
			List<byte @Nullable []> values = new ArrayList<>(keys.size());
			for (Object result : results) {
				values.add((byte[]) result);
			}
			return values;
		}
		finally {
			if (!closed) {
				connection.closePipeline();
			}
		}
	}

	/**
	 * Write many keys, each with its own time to live, as one pipeline of {@code SET PX}:
	 * one round trip on a single server, one per master (concurrently) on Redis Cluster.
	 * {@code MSET} cannot set times to live.
	 */
	void setAll(List<String> keys, List<byte[]> values, long[] ttlMillis) {
		call("SET", () -> this.template.execute((RedisCallback<Void>) (connection) -> {
			connection.openPipeline();
			boolean closed = false;
			try {
				for (int i = 0; i < keys.size(); i++) {
					connection.stringCommands()
						.set(bytes(keys.get(i)), values.get(i), Expiration.milliseconds(ttlMillis[i]),
								SetOption.upsert());
				}
				connection.closePipeline();
				closed = true;
				return null;
			}
			finally {
				if (!closed) {
					connection.closePipeline();
				}
			}
		}));
	}

	boolean release(String markerKey, byte[] token) {
		Long released = call("EVALSHA release",
				() -> this.template.execute(RELEASE, List.of(markerKey), (Object) token));
		return released != null && released > 0;
	}

	/**
	 * Read entries of one namespace with their generation, one script call.
	 * @return the generation ({@code null} if the namespace has none) and the entries (a
	 * {@code null} element for each miss)
	 */
	@SuppressWarnings("unchecked")
	/**
	 * The generation read from a namespace that had none yet. A value loaded after such a
	 * read is only written if the namespace still has none: an invalidation (or any
	 * write) in between created a generation the value may predate.
	 */
	static final String NO_GENERATION = "-";

	NamespaceRead namespaceGet(String generationKey, List<String> keys) {
		List<String> scriptKeys = new ArrayList<>(keys.size() + 1);
		scriptKeys.add(generationKey);
		scriptKeys.addAll(keys);
		List<Object> result = call("EVALSHA namespace-get", () -> this.template.execute(NAMESPACE_GET,
				RedisSerializer.byteArray(), (RedisSerializer) RedisSerializer.byteArray(), scriptKeys));
		List<?> reply = RedisReplies.list(result, 1, generationKey, "reply");
		byte[] generation = (reply.get(0) != null) ? RedisReplies.bytes(reply.get(0), generationKey, "generation")
				: null;
		List<byte @Nullable []> entries = new ArrayList<>(keys.size());
		for (int i = 1; i <= keys.size(); i++) {
			Object entry = (i < reply.size()) ? reply.get(i) : null;
			entries.add((entry != null) ? RedisReplies.bytes(entry, keys.get(i - 1), "value") : null);
		}
		String generationText = (generation == null || generation.length == 0) ? NO_GENERATION
				: new String(generation, StandardCharsets.UTF_8);
		return new NamespaceRead(generationText, entries);
	}

	/**
	 * Write entries of one namespace under a generation, one script call.
	 * @param generation the generation the values were loaded under,
	 * {@link #NO_GENERATION} if the namespace had none when they were read, or
	 * {@code null} to write under the current one (explicit puts)
	 */
	void namespaceSet(String generationKey, @Nullable String generation, List<String> keys, List<byte[]> values,
			long[] ttlMillis) {
		List<String> scriptKeys = new ArrayList<>(keys.size() + 1);
		scriptKeys.add(generationKey);
		scriptKeys.addAll(keys);
		Object[] args = new Object[1 + 2 * keys.size()];
		args[0] = (generation != null) ? generation.getBytes(StandardCharsets.UTF_8) : EMPTY;
		for (int i = 0; i < keys.size(); i++) {
			args[1 + 2 * i] = values.get(i);
			args[2 + 2 * i] = bytes(Long.toString(ttlMillis[i]));
		}
		call("EVALSHA namespace-set", () -> this.template.execute(NAMESPACE_SET, scriptKeys, args));
	}

	void namespaceInvalidate(String generationKey, long ttlMillis) {
		call("EVALSHA namespace-invalidate",
				() -> this.template.execute(NAMESPACE_INVALIDATE, RedisSerializer.byteArray(),
						RedisSerializer.byteArray(), List.of(generationKey), (Object) bytes(Long.toString(ttlMillis))));
	}

	/**
	 * Delete every key matching a pattern with {@code SCAN} in batches, never
	 * {@code KEYS}; on Redis Cluster, on every master in turn.
	 * @return the number of keys deleted
	 */
	long deleteMatching(String pattern, int batchSize) {
		Long deleted = call("SCAN", () -> this.template.execute((RedisCallback<Long>) (connection) -> {
			ScanOptions options = ScanOptions.scanOptions().match(pattern).count(batchSize).build();
			if (connection instanceof RedisClusterConnection cluster) {
				long total = 0;
				for (RedisClusterNode node : cluster.clusterGetNodes()) {
					if (node.isMaster() && node.isConnected()) {
						try (Cursor<byte[]> cursor = cluster.scan(node, options)) {
							total += deleteInBatches(connection, cursor, batchSize);
						}
					}
				}
				return total;
			}
			try (Cursor<byte[]> cursor = connection.keyCommands().scan(options)) {
				return deleteInBatches(connection, cursor, batchSize);
			}
		}));
		return (deleted != null) ? deleted : 0;
	}

	private static long deleteInBatches(RedisConnection connection, Cursor<byte[]> cursor, int batchSize) {
		long total = 0;
		List<byte[]> batch = new ArrayList<>(batchSize);
		while (cursor.hasNext()) {
			batch.add(cursor.next());
			if (batch.size() == batchSize) {
				total += unlink(connection, batch);
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			total += unlink(connection, batch);
		}
		return total;
	}

	private static long unlink(RedisConnection connection, List<byte[]> keys) {
		Long unlinked = connection.keyCommands().unlink(keys.toArray(byte[][]::new));
		return (unlinked != null) ? unlinked : 0;
	}

	/**
	 * Run a command, telling the outage guard that Redis answered: every cache path
	 * reports its success here, whatever it does next.
	 */
	private <T> @Nullable T call(String command, Supplier<@Nullable T> action) {
		T result = RedisCalls.call(action, "run " + command + " for a cache");
		this.onAnswer.run();
		return result;
	}

	private static List<byte @Nullable []> nulls(int size) {
		List<byte @Nullable []> values = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			values.add(null);
		}
		return values;
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Entries of one namespace as read together with its generation.
	 *
	 * @param generation the namespace's generation, {@code null} if it has none yet
	 * @param entries the entries, {@code null} for each miss
	 */
	record NamespaceRead(@Nullable String generation, List<byte @Nullable []> entries) {

	}

}
