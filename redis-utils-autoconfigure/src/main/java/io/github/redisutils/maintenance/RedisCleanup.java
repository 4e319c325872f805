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

package io.github.redisutils.maintenance;

import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.queue.QueueSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Cleanup of the keys of redis-utils that cannot simply expire (see
 * {@link CleanupCategory}): fencing counters of unused locks, queues' completed and dead
 * jobs beyond their retention, gone consumers of stream groups, stale session index
 * members and slot tokens, blacklist entries without a time to live, keys of an old
 * prefix.
 * <p>
 * Every removal is one script on one key (or one hash slot) that checks and removes
 * atomically, so nothing live is removed whatever runs concurrently. Keys are walked with
 * {@code SCAN} on every master, in batches of the SCAN COUNT with a pause after each, so
 * a cleanup never keeps a production server busy. A dry run counts what would be removed
 * and removes nothing.
 * <p>
 * Failures: {@link io.github.redisutils.core.RedisUnavailableException} (and the other
 * core exceptions) when Redis fails, which ends the cleanup; what was removed until then
 * stays removed.
 *
 * @author redis-utils authors
 */
public interface RedisCleanup {

	/**
	 * Run a cleanup, a dry run if the options say so.
	 * @return what was (or would have been) removed, per category
	 */
	CleanupReport cleanup();

	/**
	 * Run a cleanup.
	 * @param dryRun {@code true} to count what would be removed and remove nothing
	 * @return what was (or would have been) removed, per category
	 */
	CleanupReport cleanup(boolean dryRun);

	/**
	 * Create a cleanup with the default options, the default queue settings and no
	 * meters.
	 * @param connectionFactory the connection factory
	 * @param keys the application's key builder: its prefix bounds what is cleaned
	 * @return the cleanup
	 */
	static RedisCleanup create(RedisConnectionFactory connectionFactory, RedisKeys keys) {
		return create(connectionFactory, keys, CleanupOptions.defaults(), (queue) -> QueueSettings.defaults(),
				new CompositeMeterRegistry());
	}

	/**
	 * Create a cleanup.
	 * @param connectionFactory the connection factory
	 * @param keys the application's key builder: its prefix bounds what is cleaned
	 * @param options the options
	 * @param queues the settings of queues by name, whose retention is applied
	 * @param meterRegistry where the {@code redis.maintenance.cleanup.*} meters go
	 * @return the cleanup
	 * @throws io.github.redisutils.core.RedisConfigurationException if the old prefix is
	 * the key prefix or holds it
	 */
	static RedisCleanup create(RedisConnectionFactory connectionFactory, RedisKeys keys, CleanupOptions options,
			QueueSettings.Resolver queues, MeterRegistry meterRegistry) {
		return new DefaultRedisCleanup(connectionFactory, keys, options, queues, new CleanupMetrics(meterRegistry));
	}

}
