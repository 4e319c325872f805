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
package io.github.redisutils.queue;

import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.codec.ValueCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The job queues of an application, by name. Thread-safe.
 *
 * @author redis-utils authors
 */
public interface JobQueues {

	/**
	 * The feature's name in keys, health and the outage back-off's meters.
	 */
	String FEATURE = "queue";

	/**
	 * Return a queue. Queues need no declaration; a queue without settings of its own
	 * uses the defaults.
	 * @param name the queue name; it becomes the hash tag of the queue's keys
	 * @return the queue
	 * @throws io.github.redisutils.core.InvalidKeyPartException if the name is not
	 * acceptable in a key
	 */
	JobQueue queue(String name);

	/**
	 * Return the settings a queue runs with.
	 * @param name the queue name
	 * @return the settings
	 */
	QueueSettings settings(String name);

	/**
	 * Create the queues.
	 * @param connectionFactory the connection factory
	 * @param redisKeys the key builder
	 * @param codec the codec of payloads
	 * @param settings the settings of queues by name, with defaults for the others
	 * @return the queues
	 */
	static JobQueues create(RedisConnectionFactory connectionFactory, RedisKeys redisKeys, ValueCodec codec,
			QueueSettings.Resolver settings) {
		return create(connectionFactory, redisKeys, codec, settings, OutageBackoff.disabled(FEATURE));
	}

	/**
	 * Create the queues, the application's calls on them skipping Redis during an outage
	 * back-off: while it lasts, enqueue, find and the other calls of {@link JobQueue}
	 * throw {@link io.github.redisutils.core.RedisUnavailableException} at once instead
	 * of waiting for a command timeout. Workers are not held back by it: they retry on
	 * their own, and acknowledgements are always tried.
	 * @param connectionFactory the connection factory
	 * @param redisKeys the key builder
	 * @param codec the codec of payloads
	 * @param settings the settings of queues by name, with defaults for the others
	 * @param outage the back-off the application's calls go through
	 * ({@code OutageBackoffs.forFeature(JobQueues.FEATURE)})
	 * @return the queues
	 */
	static JobQueues create(RedisConnectionFactory connectionFactory, RedisKeys redisKeys, ValueCodec codec,
			QueueSettings.Resolver settings, OutageBackoff outage) {
		return create(connectionFactory, redisKeys, codec, settings, outage, new CompositeMeterRegistry());
	}

	/**
	 * Create the queues as
	 * {@link #create(RedisConnectionFactory, RedisKeys, ValueCodec, QueueSettings.Resolver, OutageBackoff)}
	 * does, counting the outcomes of pull consumers
	 * ({@link JobQueue#take(java.time.Duration)}) in {@code redis.queue.jobs} of the
	 * given registry, as workers do.
	 * @param connectionFactory the connection factory
	 * @param redisKeys the key builder
	 * @param codec the codec of payloads
	 * @param settings the settings of queues by name, with defaults for the others
	 * @param outage the back-off the application's calls go through
	 * @param meterRegistry where pull consumers' outcomes are counted
	 * @return the queues
	 */
	static JobQueues create(RedisConnectionFactory connectionFactory, RedisKeys redisKeys, ValueCodec codec,
			QueueSettings.Resolver settings, OutageBackoff outage, MeterRegistry meterRegistry) {
		return new DefaultJobQueues(new QueueScripts(connectionFactory), redisKeys, codec, settings, outage,
				meterRegistry);
	}

}
