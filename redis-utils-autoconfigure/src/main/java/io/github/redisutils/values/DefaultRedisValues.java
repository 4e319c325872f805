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

package io.github.redisutils.values;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.redisutils.core.MalformedRedisDataException;
import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisReplies;
import io.github.redisutils.core.RedisTemplates;
import io.github.redisutils.core.codec.ValueCodec;
import io.github.redisutils.core.codec.ValueCodecException;
import io.github.redisutils.values.ValuesMetrics.Outcome;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.util.Assert;

/**
 * {@link RedisValues} on a binary template: reads and unconditional single commands go
 * straight to Redis, everything that reads and writes runs as one script.
 */
final class DefaultRedisValues implements RedisValues {

	private static final RedisSerializer<byte[]> BYTES = RedisSerializer.byteArray();

	/**
	 * Reads the elements of a multi-bulk reply: bulk strings as bytes, integers as
	 * {@code Long}.
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static final RedisSerializer<List> LIST_ELEMENTS = (RedisSerializer) BYTES;

	/**
	 * How often compare-and-set replaces bytes that encode the expected value but were
	 * written with another encoding, before it reports the value as changed: only a
	 * concurrent writer of that same value makes it try again.
	 */
	private static final int CANONICAL_ATTEMPTS = 3;

	private final RedisTemplate<String, byte[]> template;

	private final RedisKeys.FeatureKeys keys;

	private final ValueCodec codec;

	private final OutageBackoff outage;

	private final ValuesMetrics metrics;

	DefaultRedisValues(RedisConnectionFactory connectionFactory, RedisKeys keys, ValueCodec codec, OutageBackoff outage,
			ValuesMetrics metrics) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(keys, "'keys' must not be null");
		Assert.notNull(codec, "'codec' must not be null");
		Assert.notNull(outage, "'outage' must not be null");
		this.template = RedisTemplates.binary(connectionFactory);
		this.keys = keys.feature(FEATURE);
		this.codec = codec;
		this.outage = outage;
		this.metrics = metrics;
	}

	@Override
	public <T> Optional<T> get(String name, Class<T> type) {
		String key = key(name);
		return found("get",
				() -> decode(this.outage.read(() -> this.template.opsForValue().get(key), "read a value", key), key,
						type));
	}

	@Override
	public void set(String name, Object value, ValueExpiry expiry) {
		String key = key(name);
		byte[] bytes = encode(value);
		Assert.notNull(expiry, "'expiry' must not be null");
		measured("set", () -> this.outage.call(() -> this.template.execute(ValuesScripts.SET, BYTES, null, List.of(key),
				bytes, mode(expiry), ttl(expiry)), "write a value", key), (written) -> Outcome.SUCCESS);
	}

	@Override
	public boolean setIfAbsent(String name, Object value, ValueExpiry expiry) {
		String key = key(name);
		byte[] bytes = encode(value);
		Assert.notNull(expiry, "'expiry' must not be null");
		return applied("set-if-absent",
				() -> Boolean.TRUE.equals(this.outage.call(
						() -> (expiry.ttl() != null) ? this.template.opsForValue().setIfAbsent(key, bytes, expiry.ttl())
								: this.template.opsForValue().setIfAbsent(key, bytes),
						"write a value if absent", key)),
				Outcome.CONFLICT);
	}

	@Override
	public boolean compareAndSet(String name, Object expected, Object update, ValueExpiry expiry) {
		String key = key(name);
		byte[] expectedBytes = encode(expected);
		byte[] updateBytes = encode(update);
		Assert.notNull(expiry, "'expiry' must not be null");
		return applied("compare-and-set", () -> {
			byte[] replacing = expectedBytes;
			byte[] expectedForm = null;
			for (int attempt = 0; attempt <= CANONICAL_ATTEMPTS; attempt++) {
				byte[] replace = replacing;
				List<?> reply = RedisReplies
					.list(this.outage.call(
							() -> this.template.execute(ValuesScripts.COMPARE_AND_SET, BYTES, LIST_ELEMENTS,
									List.of(key), replace, updateBytes, mode(expiry), ttl(expiry)),
							"compare and set a value", key), 1, key, "reply");
				if (RedisReplies.number(reply.get(0), key, "reply") == 1) {
					return true;
				}
				if (reply.size() < 2 || reply.get(1) == null || attempt == CANONICAL_ATTEMPTS) {
					return false;
				}
				byte[] current = RedisReplies.bytes(reply.get(1), key, "value");
				if (expectedForm == null) {
					expectedForm = this.codec.canonical(expectedBytes);
				}
				if (!Arrays.equals(canonical(current, key), expectedForm)) {
					return false;
				}
				// The same value in another encoding: replace exactly the bytes found
				replacing = current;
			}
			return false;
		}, Outcome.CONFLICT);
	}

	@Override
	public <T> Optional<T> getAndSet(String name, Object value, Class<T> type, ValueExpiry expiry) {
		String key = key(name);
		byte[] bytes = encode(value);
		Assert.notNull(expiry, "'expiry' must not be null");
		return found("get-and-set",
				() -> decode(
						this.outage.call(() -> script(ValuesScripts.GET_AND_SET, key, bytes, mode(expiry), ttl(expiry)),
								"get and set a value", key),
						key, type));
	}

	@Override
	public <T> Optional<T> getAndDelete(String name, Class<T> type) {
		String key = key(name);
		return found("get-and-delete", () -> decode(
				this.outage.call(() -> this.template.opsForValue().getAndDelete(key), "get and delete a value", key),
				key, type));
	}

	@Override
	public <T> Optional<T> getAndExpire(String name, Class<T> type, ValueExpiry expiry) {
		String key = key(name);
		Assert.notNull(expiry, "'expiry' must not be null");
		// Nothing is created, so a TTL "on create" is never set
		ValueExpiry applied = (expiry.mode() == ValueExpiry.Mode.ON_CREATE) ? ValueExpiry.keep() : expiry;
		return found("get-and-expire",
				() -> decode(
						this.outage.call(() -> script(ValuesScripts.GET_AND_EXPIRE, key, mode(applied), ttl(applied)),
								"get and expire a value", key),
						key, type));
	}

	@Override
	public long increment(String name, long delta, ValueExpiry expiry) {
		String key = key(name);
		Assert.notNull(expiry, "'expiry' must not be null");
		return measured("increment", () -> RedisReplies.number(
				this.outage.call(() -> this.template.execute(ValuesScripts.INCREMENT, BYTES, null, List.of(key),
						ascii(Long.toString(delta)), mode(expiry), ttl(expiry)), "increment a counter", key),
				key, "value"), (value) -> Outcome.SUCCESS);
	}

	@Override
	public boolean delete(String name) {
		String key = key(name);
		return applied("delete",
				() -> Boolean.TRUE.equals(this.outage.call(() -> this.template.delete(key), "delete a value", key)),
				Outcome.ABSENT);
	}

	private String key(String name) {
		Assert.hasText(name, "'name' must not be empty");
		return this.keys.key(name);
	}

	private byte[] encode(Object value) {
		Assert.notNull(value, "'value' must not be null: an absent value is a deleted one");
		return this.codec.encode(value);
	}

	private <T> Optional<T> decode(byte @Nullable [] bytes, String key, Class<T> type) {
		Assert.notNull(type, "'type' must not be null");
		if (bytes == null) {
			return Optional.empty();
		}
		try {
			return Optional.ofNullable(this.codec.decode(bytes, type));
		}
		catch (ValueCodecException ex) {
			throw new MalformedRedisDataException(key, "value",
					"could not read it as " + type.getName() + ": " + ex.getMessage(), ex);
		}
	}

	private byte[] canonical(byte[] bytes, String key) {
		try {
			return this.codec.canonical(bytes);
		}
		catch (ValueCodecException ex) {
			throw new MalformedRedisDataException(key, "value", "could not read it: " + ex.getMessage(), ex);
		}
	}

	private byte @Nullable [] script(RedisScript<byte[]> script, String key, byte[]... args) {
		return this.template.execute(script, BYTES, BYTES, List.of(key), (Object[]) args);
	}

	private static byte[] mode(ValueExpiry expiry) {
		return ascii(expiry.mode().name());
	}

	private static byte[] ttl(ValueExpiry expiry) {
		return ascii(Long.toString(expiry.ttlMillis()));
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private <T> Optional<T> found(String operation, Supplier<Optional<T>> call) {
		return measured(operation, call, (found) -> found.isPresent() ? Outcome.SUCCESS : Outcome.ABSENT);
	}

	private boolean applied(String operation, Supplier<Boolean> call, Outcome otherwise) {
		return measured(operation, call, (applied) -> applied ? Outcome.SUCCESS : otherwise);
	}

	private <R> R measured(String operation, Supplier<R> call, Function<R, Outcome> outcome) {
		long start = System.nanoTime();
		R result;
		try {
			result = call.get();
		}
		catch (RuntimeException ex) {
			this.metrics.record(operation, Outcome.ERROR, start);
			throw ex;
		}
		this.metrics.record(operation, outcome.apply(result), start);
		return result;
	}

}
