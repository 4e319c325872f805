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

import java.time.Duration;

/**
 * A batch being built: entries are queued in call order and sent together by
 * {@link #execute()}, one pipelined round trip per node. Queueing methods return this
 * batch, so calls chain; nothing reaches Redis before {@link #execute()}. A batch is used
 * by one thread and executed once.
 * <p>
 * Names are the values' names, turned into keys by the application's key builder
 * ({@code <prefix>:values:<name>}); values are encoded by the application's codec.
 *
 * @author redis-utils authors
 */
public interface RedisBatch {

	/**
	 * Queue a read of a value; its result is an {@code Optional} of the type asked for.
	 * @param name the value's name
	 * @param type the type to read it as
	 * @return this batch
	 */
	RedisBatch get(String name, Class<?> type);

	/**
	 * Queue a write of a value without a time to live (any TTL is removed); its result is
	 * {@code true}.
	 * @param name the value's name
	 * @param value the value (not {@code null})
	 * @return this batch
	 */
	RedisBatch set(String name, Object value);

	/**
	 * Queue a write of a value with a time to live; its result is {@code true}.
	 * @param name the value's name
	 * @param value the value (not {@code null})
	 * @param ttl its time to live (positive)
	 * @return this batch
	 */
	RedisBatch set(String name, Object value, Duration ttl);

	/**
	 * Queue the removal of a value or hash; its result is whether there was one.
	 * @param name the value's name
	 * @return this batch
	 */
	RedisBatch delete(String name);

	/**
	 * Queue an addition to a counter (created at zero when absent, its TTL left as it
	 * is); its result is the counter after the addition, a {@code Long}.
	 * @param name the counter's name
	 * @param delta what to add (negative to subtract)
	 * @return this batch
	 */
	RedisBatch increment(String name, long delta);

	/**
	 * Queue an addition to a counter that also sets its time to live, on every increment;
	 * its result is the counter after the addition, a {@code Long}.
	 * @param name the counter's name
	 * @param delta what to add (negative to subtract)
	 * @param ttl the counter's time to live from now (positive)
	 * @return this batch
	 */
	RedisBatch increment(String name, long delta, Duration ttl);

	/**
	 * Queue a read of one field of a hash; its result is an {@code Optional} of the type
	 * asked for.
	 * @param name the hash's name
	 * @param field the field
	 * @param type the type to read the field's value as
	 * @return this batch
	 */
	RedisBatch hashGet(String name, String field, Class<?> type);

	/**
	 * Queue a write of one field of a hash (the hash's TTL is left as it is); its result
	 * is whether the field is new.
	 * @param name the hash's name
	 * @param field the field
	 * @param value the field's value (not {@code null})
	 * @return this batch
	 */
	RedisBatch hashPut(String name, String field, Object value);

	/**
	 * Return how many entries are queued.
	 * @return the number of entries
	 */
	int size();

	/**
	 * Send every queued entry, one pipelined round trip per node, and wait for their
	 * results. An empty batch returns empty results without calling Redis.
	 * @return a result per entry, in call order
	 * @throws io.github.redisutils.core.RedisUnavailableException if Redis cannot be
	 * reached (or is being skipped during an outage): writes may have been applied or not
	 * @throws IllegalStateException if the batch was executed already
	 */
	BatchResults execute();

}
