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

package io.github.redisutils.batch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.redisutils.batch.BatchMetrics.Outcome;
import io.github.redisutils.core.MalformedRedisDataException;
import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisCalls;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisTemplates;
import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.core.RedisUtilsException;
import io.github.redisutils.core.codec.ValueCodec;
import io.github.redisutils.core.codec.ValueCodecException;
import io.github.redisutils.values.RedisValues;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisPipelineException;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.util.Assert;

/**
 * {@link RedisBatches} on Spring Data Redis's pipelines ({@code executePipelined}): on
 * Lettuce, standalone or Cluster, every command of a batch is written before any reply is
 * awaited, and on Cluster the cluster connection sends each command to the node that
 * serves its slot, so a batch costs one round trip per node, the nodes answering in
 * parallel.
 */
final class DefaultRedisBatches implements RedisBatches {

	private static final String WHAT = "execute a batch";

	private static final Duration DEFAULT_AWAIT = Duration.ofMinutes(1);

	private static final Duration AWAIT_MARGIN = Duration.ofSeconds(1);

	private final RedisConnectionFactory connectionFactory;

	private final RedisTemplate<String, byte[]> template;

	private final long awaitNanos;

	private final RedisKeys.FeatureKeys keys;

	private final ValueCodec codec;

	private final int maxSize;

	private final OutageBackoff outage;

	private final BatchMetrics metrics;

	DefaultRedisBatches(RedisConnectionFactory connectionFactory, RedisKeys keys, ValueCodec codec, int maxSize,
			OutageBackoff outage, BatchMetrics metrics) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(keys, "'keys' must not be null");
		Assert.notNull(codec, "'codec' must not be null");
		Assert.notNull(outage, "'outage' must not be null");
		this.connectionFactory = connectionFactory;
		this.template = RedisTemplates.binary(connectionFactory);
		Duration timeout = RedisCalls.commandTimeout(connectionFactory);
		// Lettuce times each command out itself; this bounds the wait if it does not
		this.awaitNanos = (timeout.isZero() ? DEFAULT_AWAIT : timeout.plus(AWAIT_MARGIN)).toNanos();
		this.keys = keys.feature(RedisValues.FEATURE);
		this.codec = codec;
		this.maxSize = maxSize;
		this.outage = outage;
		this.metrics = metrics;
	}

	@Override
	public RedisBatch batch() {
		return new Batch();
	}

	@Override
	public int maxSize() {
		return this.maxSize;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static Duration positive(Duration ttl) {
		Assert.notNull(ttl, "'ttl' must not be null");
		Assert.isTrue(!ttl.isNegative() && !ttl.isZero(), "'ttl' must be positive");
		return ttl;
	}

	/**
	 * Turns the replies of an entry's commands into its result.
	 */
	@FunctionalInterface
	private interface Decoder {

		@Nullable Object decode(List<@Nullable Object> replies);

	}

	/**
	 * One queued entry: the commands it sends and how its replies become its result.
	 */
	private record Entry(String operation, String name, String key, int commands, Consumer<RedisConnection> issue,
			Function<RedisClusterAsyncCommands<byte[], byte[]>, List<RedisFuture<?>>> send, Decoder decoder) {

	}

	private final class Batch implements RedisBatch {

		private final List<Entry> entries = new ArrayList<>();

		private boolean executed;

		@Override
		public RedisBatch get(String name, Class<?> type) {
			Assert.notNull(type, "'type' must not be null");
			String key = key(name);
			byte[] raw = utf8(key);
			return add(new Entry("get", name, key, 1, (connection) -> connection.stringCommands().get(raw),
					(async) -> List.of(async.get(raw)), (replies) -> decode(replies.get(0), key, type)));
		}

		@Override
		public RedisBatch set(String name, Object value) {
			String key = key(name);
			byte[] raw = utf8(key);
			byte[] bytes = encode(value);
			return add(new Entry("set", name, key, 1, (connection) -> connection.stringCommands().set(raw, bytes),
					(async) -> List.of(async.set(raw, bytes)), (replies) -> Boolean.TRUE));
		}

		@Override
		public RedisBatch set(String name, Object value, Duration ttl) {
			String key = key(name);
			byte[] raw = utf8(key);
			byte[] bytes = encode(value);
			Expiration expiration = Expiration.from(positive(ttl));
			long millis = expiration.getExpirationTimeInMilliseconds();
			return add(new Entry("set", name, key, 1,
					(connection) -> connection.stringCommands().set(raw, bytes, expiration, SetOption.upsert()),
					(async) -> List.of(async.set(raw, bytes, SetArgs.Builder.px(millis))), (replies) -> Boolean.TRUE));
		}

		@Override
		public RedisBatch delete(String name) {
			String key = key(name);
			byte[] raw = utf8(key);
			return add(new Entry("delete", name, key, 1, (connection) -> connection.keyCommands().del(raw),
					(async) -> List.of(async.del(raw)),
					(replies) -> (replies.get(0) instanceof Long removed) && removed > 0));
		}

		@Override
		public RedisBatch increment(String name, long delta) {
			String key = key(name);
			byte[] raw = utf8(key);
			return add(
					new Entry("increment", name, key, 1, (connection) -> connection.stringCommands().incrBy(raw, delta),
							(async) -> List.of(async.incrby(raw, delta)), (replies) -> counter(replies, key)));
		}

		@Override
		public RedisBatch increment(String name, long delta, Duration ttl) {
			String key = key(name);
			byte[] raw = utf8(key);
			long millis = positive(ttl).toMillis();
			return add(new Entry("increment", name, key, 2, (connection) -> {
				connection.stringCommands().incrBy(raw, delta);
				connection.keyCommands().pExpire(raw, millis);
			}, (async) -> List.of(async.incrby(raw, delta), async.pexpire(raw, millis)),
					(replies) -> counter(replies, key)));
		}

		@Override
		public RedisBatch hashGet(String name, String field, Class<?> type) {
			Assert.hasText(field, "'field' must not be empty");
			Assert.notNull(type, "'type' must not be null");
			String key = key(name);
			byte[] raw = utf8(key);
			byte[] rawField = utf8(field);
			return add(new Entry("hash-get", name, key, 1,
					(connection) -> connection.hashCommands().hGet(raw, rawField),
					(async) -> List.of(async.hget(raw, rawField)), (replies) -> decode(replies.get(0), key, type)));
		}

		@Override
		public RedisBatch hashPut(String name, String field, Object value) {
			Assert.hasText(field, "'field' must not be empty");
			String key = key(name);
			byte[] raw = utf8(key);
			byte[] rawField = utf8(field);
			byte[] bytes = encode(value);
			return add(new Entry("hash-put", name, key, 1,
					(connection) -> connection.hashCommands().hSet(raw, rawField, bytes),
					(async) -> List.of(async.hset(raw, rawField, bytes)),
					(replies) -> Boolean.TRUE.equals(replies.get(0))));
		}

		@Override
		public int size() {
			return this.entries.size();
		}

		@Override
		public BatchResults execute() {
			Assert.state(!this.executed, "The batch was executed already");
			this.executed = true;
			int size = this.entries.size();
			if (size == 0) {
				return new BatchResults(List.of());
			}
			long start = System.nanoTime();
			List<@Nullable Object> replies;
			try {
				replies = DefaultRedisBatches.this.outage.call(this::pipeline, WHAT, null);
			}
			catch (RuntimeException ex) {
				DefaultRedisBatches.this.metrics.record(size, Outcome.ERROR, start);
				throw ex;
			}
			List<BatchResult> results = new ArrayList<>(size);
			int next = 0;
			for (int index = 0; index < size; index++) {
				Entry entry = this.entries.get(index);
				results.add(result(index, entry, replies.subList(next, next + entry.commands())));
				next += entry.commands();
			}
			BatchResults batch = new BatchResults(results);
			DefaultRedisBatches.this.metrics.record(size, batch.allSucceeded() ? Outcome.SUCCESS : Outcome.PARTIAL,
					start);
			return batch;
		}

		private List<@Nullable Object> pipeline() {
			RedisConnection connection = DefaultRedisBatches.this.connectionFactory.getConnection();
			try {
				if (connection.getNativeConnection() instanceof RedisClusterAsyncCommands<?, ?> async) {
					return sent(asBytes(async));
				}
			}
			finally {
				connection.close();
			}
			return pipelined();
		}

		@SuppressWarnings("unchecked")
		private static RedisClusterAsyncCommands<byte[], byte[]> asBytes(RedisClusterAsyncCommands<?, ?> async) {
			return (RedisClusterAsyncCommands<byte[], byte[]>) async;
		}

		/**
		 * Send every command on Lettuce's asynchronous API (a cluster connection routes
		 * each to its slot's node), then collect each reply or error on its own: Spring
		 * Data's pipeline gives up every reply when one command failed.
		 */
		private List<@Nullable Object> sent(RedisClusterAsyncCommands<byte[], byte[]> async) {
			List<RedisFuture<?>> futures = new ArrayList<>();
			for (Entry entry : this.entries) {
				futures.addAll(entry.send().apply(async));
			}
			long deadline = System.nanoTime() + DefaultRedisBatches.this.awaitNanos;
			List<@Nullable Object> replies = new ArrayList<>(futures.size());
			for (RedisFuture<?> future : futures) {
				try {
					replies.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
				}
				catch (ExecutionException ex) {
					Throwable failure = (ex.getCause() != null) ? ex.getCause() : ex;
					if (RedisCalls.translate(failure, WHAT, null) instanceof RedisUnavailableException unavailable) {
						throw unavailable;
					}
					replies.add(failure);
				}
				catch (TimeoutException ex) {
					throw new RedisUnavailableException("Could not " + WHAT + ": no reply within "
							+ Duration.ofNanos(DefaultRedisBatches.this.awaitNanos), ex);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new RedisUnavailableException("Could not " + WHAT + ": interrupted", ex);
				}
			}
			return replies;
		}

		/**
		 * Send every command in a Spring Data Redis pipeline, for connections that are no
		 * Lettuce ones.
		 */
		private List<@Nullable Object> pipelined() {
			int commands = this.entries.stream().mapToInt(Entry::commands).sum();
			List<@Nullable Object> replies;
			try {
				replies = DefaultRedisBatches.this.template.executePipelined((RedisCallback<Object>) (connection) -> {
					for (Entry entry : this.entries) {
						entry.issue().accept(connection);
					}
					return null;
				}, RedisSerializer.byteArray());
			}
			catch (RedisPipelineException ex) {
				replies = ex.getPipelineResult();
				for (Object reply : replies) {
					if (reply instanceof Throwable failure && RedisCalls.translate(failure, WHAT,
							null) instanceof RedisUnavailableException unavailable) {
						throw unavailable;
					}
				}
				if (replies.size() != commands) {
					// Replies were lost: nothing says which writes were applied
					Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
					throw RedisCalls.translate(cause, WHAT, null);
				}
			}
			if (replies.size() != commands) {
				throw new RedisUtilsException(
						"Could not " + WHAT + ": " + commands + " commands sent, " + replies.size() + " replies", null);
			}
			return replies;
		}

		private BatchResult result(int index, Entry entry, List<@Nullable Object> replies) {
			for (Object reply : replies) {
				if (reply instanceof Throwable failure) {
					return new BatchResult(index, entry.operation(), entry.name(), null, failure(failure, entry));
				}
			}
			try {
				Object value = entry.decoder().decode(replies);
				return new BatchResult(index, entry.operation(), entry.name(), value, null);
			}
			catch (RedisUtilsException ex) {
				return new BatchResult(index, entry.operation(), entry.name(), null, ex);
			}
		}

		private RedisUtilsException failure(Throwable failure, Entry entry) {
			RuntimeException translated = RedisCalls.translate(failure, "run batch entry '" + entry.operation() + "'",
					entry.key());
			return (translated instanceof RedisUtilsException ex) ? ex
					: new RedisUtilsException("Could not run batch entry '" + entry.operation() + "' (key '"
							+ entry.key() + "'): " + translated.getMessage(), translated);
		}

		private RedisBatch add(Entry entry) {
			Assert.state(!this.executed, "The batch was executed already");
			if (this.entries.size() >= DefaultRedisBatches.this.maxSize) {
				throw new IllegalArgumentException("A batch holds at most " + DefaultRedisBatches.this.maxSize
						+ " entries (redis.batch.max-size)");
			}
			this.entries.add(entry);
			return this;
		}

	}

	private String key(String name) {
		Assert.hasText(name, "'name' must not be empty");
		return this.keys.key(name);
	}

	private byte[] encode(Object value) {
		Assert.notNull(value, "'value' must not be null: an absent value is a deleted one");
		return this.codec.encode(value);
	}

	private Optional<?> decode(@Nullable Object reply, String key, Class<?> type) {
		if (reply == null) {
			return Optional.empty();
		}
		if (!(reply instanceof byte[] bytes)) {
			throw new MalformedRedisDataException(key, "value", "the reply is no string: " + reply.getClass().getName(),
					null);
		}
		try {
			return Optional.ofNullable(this.codec.decode(bytes, type));
		}
		catch (ValueCodecException ex) {
			throw new MalformedRedisDataException(key, "value",
					"could not read it as " + type.getName() + ": " + ex.getMessage(), ex);
		}
	}

	private static Long counter(List<@Nullable Object> replies, String key) {
		if (replies.get(0) instanceof Long value) {
			return value;
		}
		throw new MalformedRedisDataException(key, "value", "the counter's reply is no integer", null);
	}

}
