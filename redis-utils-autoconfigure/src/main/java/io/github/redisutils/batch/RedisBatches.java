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

import java.util.Map;

import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.SettingProblems;
import io.github.redisutils.core.codec.ValueCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Batches of typed reads and writes sent to Redis in one pipelined round trip per node.
 * Entries address the same keys as {@link io.github.redisutils.values.RedisValues}
 * ({@code <prefix>:values:<name>}), and values go through the application's
 * {@link ValueCodec}, so a value written by one is read by the other.
 * <p>
 * A batch is no transaction: its entries run one by one on their nodes, other clients'
 * commands may run between them, and an entry that fails (a key of the wrong type, a
 * value the codec cannot read) fails alone, reported in its own {@link BatchResult}. Only
 * an outage fails a whole batch, with
 * {@link io.github.redisutils.core.RedisUnavailableException}: then some writes may have
 * been applied and others not.
 *
 * @author redis-utils authors
 */
public interface RedisBatches {

	/**
	 * The feature's name in meters, properties and outage back-off.
	 */
	String FEATURE = "batch";

	/**
	 * Default largest number of entries in one batch.
	 */
	int DEFAULT_MAX_SIZE = 10_000;

	/**
	 * Start a new, empty batch. A batch is used by one thread and executed once.
	 * @return the batch
	 */
	RedisBatch batch();

	/**
	 * Largest number of entries a batch accepts.
	 * @return the maximum size
	 */
	int maxSize();

	/**
	 * Check a maximum batch size, the one rule of both properties and
	 * {@link #create(RedisConnectionFactory, RedisKeys, ValueCodec, int, OutageBackoff, MeterRegistry)}.
	 * @param maxSize the maximum size
	 * @return the problems by field name ({@code maxSize}), empty when there are none
	 */
	static Map<String, String> problems(int maxSize) {
		return new SettingProblems().atLeast("maxSize", maxSize, 1).toMap();
	}

	/**
	 * Create batches on a connection factory, with the default maximum size, without
	 * outage back-off or meters.
	 * @param connectionFactory the connection factory
	 * @param keys the application's key builder
	 * @param codec the codec values go through
	 * @return the batches
	 */
	static RedisBatches create(RedisConnectionFactory connectionFactory, RedisKeys keys, ValueCodec codec) {
		return create(connectionFactory, keys, codec, DEFAULT_MAX_SIZE, OutageBackoff.disabled(FEATURE),
				new CompositeMeterRegistry());
	}

	/**
	 * Create batches on a connection factory.
	 * @param connectionFactory the connection factory
	 * @param keys the application's key builder
	 * @param codec the codec values go through
	 * @param maxSize the largest number of entries in one batch (at least 1)
	 * @param outage the back-off that skips Redis during an outage
	 * @param meterRegistry where the {@code redis.batch.executions} timers and the
	 * {@code redis.batch.size} summary go
	 * @return the batches
	 * @throws IllegalArgumentException if the maximum size is below 1
	 */
	static RedisBatches create(RedisConnectionFactory connectionFactory, RedisKeys keys, ValueCodec codec, int maxSize,
			OutageBackoff outage, MeterRegistry meterRegistry) {
		SettingProblems.throwIfAny("batches", problems(maxSize));
		return new DefaultRedisBatches(connectionFactory, keys, codec, maxSize, outage,
				new BatchMetrics(meterRegistry));
	}

}
