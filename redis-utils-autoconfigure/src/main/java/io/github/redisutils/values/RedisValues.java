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

import java.util.Optional;

import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.codec.ValueCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Single values in Redis, read and written atomically, each operation one round trip.
 * Values go through the application's {@link ValueCodec}; keys are
 * {@code <prefix>:values:<name>}.
 * <p>
 * Every write says what happens to the value's time to live with a {@link ValueExpiry}.
 * Values are never {@code null}: a stored JSON {@code null} (written by another tool)
 * reads as no value.
 * <p>
 * Failures: {@link io.github.redisutils.core.RedisUnavailableException} when Redis cannot
 * be reached (or, during an outage, is being skipped);
 * {@link io.github.redisutils.core.MalformedRedisDataException} naming the key when the
 * stored value is not a string, cannot be read as the type asked for, or is no integer
 * where a counter is incremented.
 *
 * @author redis-utils authors
 */
public interface RedisValues {

	/**
	 * The feature's name in meters, properties and keys.
	 */
	String FEATURE = "values";

	/**
	 * Read a value.
	 * @param <T> the value's type
	 * @param name the value's name
	 * @param type the type to read it as
	 * @return the value, or empty when there is none
	 */
	<T> Optional<T> get(String name, Class<T> type);

	/**
	 * Write a value, replacing any other.
	 * @param name the value's name
	 * @param value the value
	 * @param expiry what happens to its time to live
	 */
	void set(String name, Object value, ValueExpiry expiry);

	/**
	 * Write a value unless one exists.
	 * @param name the value's name
	 * @param value the value
	 * @param expiry its time to live ({@link ValueExpiry#keep()} and
	 * {@link ValueExpiry#never()} both write it without one)
	 * @return whether the value was written
	 */
	boolean setIfAbsent(String name, Object value, ValueExpiry expiry);

	/**
	 * Replace a value only while it is the expected one. Two values are equal when the
	 * codec encodes them to the same serialized form: the same JSON (or CBOR) bytes,
	 * whatever the compression and encryption of the stored copy. Map entries are encoded
	 * in key order, so equal maps compare equal; see {@link ValueCodec} for collections.
	 * <p>
	 * One round trip when the stored bytes are the bytes the expected value encodes to;
	 * when they differ only in encoding (encryption gives every write its own bytes, and
	 * a compression or format setting may have changed since), a second round trip
	 * replaces exactly the bytes found.
	 * @param name the value's name
	 * @param expected the value it must hold
	 * @param update the value to write
	 * @param expiry what happens to its time to live ({@link ValueExpiry#onCreate} keeps
	 * it: the key exists)
	 * @return whether the value was replaced; {@code false} when it held another value or
	 * none
	 */
	boolean compareAndSet(String name, Object expected, Object update, ValueExpiry expiry);

	/**
	 * Write a value and return the one it replaced.
	 * @param <T> the value's type
	 * @param name the value's name
	 * @param value the value to write
	 * @param type the type to read the previous value as
	 * @param expiry what happens to its time to live
	 * @return the previous value, or empty when there was none
	 */
	<T> Optional<T> getAndSet(String name, Object value, Class<T> type, ValueExpiry expiry);

	/**
	 * Remove a value and return it.
	 * @param <T> the value's type
	 * @param name the value's name
	 * @param type the type to read it as
	 * @return the value removed, or empty when there was none
	 */
	<T> Optional<T> getAndDelete(String name, Class<T> type);

	/**
	 * Read a value and change its time to live.
	 * @param <T> the value's type
	 * @param name the value's name
	 * @param type the type to read it as
	 * @param expiry {@link ValueExpiry#after} to set a new TTL,
	 * {@link ValueExpiry#never()} to remove it, {@link ValueExpiry#keep()} (or
	 * {@code onCreate}: nothing is created) to leave it
	 * @return the value, or empty when there is none
	 */
	<T> Optional<T> getAndExpire(String name, Class<T> type, ValueExpiry expiry);

	/**
	 * Add to a counter, creating it at zero first when it does not exist. Counters are
	 * stored as Redis integers, readable with {@code get(name, Long.class)}.
	 * @param name the counter's name
	 * @param delta what to add (negative to subtract)
	 * @param expiry what happens to its time to live: {@link ValueExpiry#onCreate} for a
	 * TTL set when the counter is created and kept by later increments,
	 * {@link ValueExpiry#after} to extend it on every increment
	 * @return the counter after the addition
	 * @throws io.github.redisutils.core.MalformedRedisDataException if the stored value
	 * is no integer
	 * @throws io.github.redisutils.core.RedisUtilsException if the addition would
	 * overflow 64 bits (the counter is left as it was)
	 */
	long increment(String name, long delta, ValueExpiry expiry);

	/**
	 * Remove a value.
	 * @param name the value's name
	 * @return whether there was one
	 */
	boolean delete(String name);

	/**
	 * Create values on a connection factory, without outage back-off or meters (a
	 * registry without children records nothing).
	 * @param connectionFactory the connection factory
	 * @param keys the application's key builder
	 * @param codec the codec values go through
	 * @return the values
	 */
	static RedisValues create(RedisConnectionFactory connectionFactory, RedisKeys keys, ValueCodec codec) {
		return create(connectionFactory, keys, codec, OutageBackoff.disabled(FEATURE), new CompositeMeterRegistry());
	}

	/**
	 * Create values on a connection factory.
	 * @param connectionFactory the connection factory
	 * @param keys the application's key builder
	 * @param codec the codec values go through
	 * @param outage the back-off that skips Redis during an outage
	 * @param meterRegistry where the {@code redis.values.operations} timers go
	 * @return the values
	 */
	static RedisValues create(RedisConnectionFactory connectionFactory, RedisKeys keys, ValueCodec codec,
			OutageBackoff outage, MeterRegistry meterRegistry) {
		return new DefaultRedisValues(connectionFactory, keys, codec, outage, new ValuesMetrics(meterRegistry));
	}

}
