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

import java.io.InputStream;
import java.io.OutputStream;

import io.github.redisutils.core.RedisKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Backup and restore of the application's keys as JSON lines.
 * <p>
 * A backup walks the keys under the application's prefix with {@code SCAN} (on every
 * master of a Cluster), never {@code KEYS}, and writes one self-describing record per key
 * as it goes: memory stays bounded by one SCAN batch and one key's value, however many
 * keys there are. Each key is read atomically (type, TTL and value in one script). The
 * format is described in the README ("Backup and restore").
 * <p>
 * A restore reads the lines one at a time and writes each key atomically with one script
 * on that key (so Cluster slots are never crossed). A corrupt or truncated line fails
 * that record, with its line number, and the restore goes on.
 * <p>
 * Failures: {@link io.github.redisutils.core.RedisUnavailableException} (and the other
 * core exceptions) when Redis fails, which ends a backup or restore;
 * {@link BackupException} when the stream fails or the input is no backup.
 *
 * @author redis-utils authors
 */
public interface RedisBackup {

	/**
	 * The feature's name in meters and properties.
	 */
	String FEATURE = "maintenance";

	/**
	 * Back up the keys matching a pattern with the default options.
	 * @param pattern a glob-style pattern (SCAN's MATCH) of the keys after the prefix and
	 * its colon: {@code "*"} for every key of the application, {@code "cache:*"} for the
	 * cache's
	 * @param out where the backup goes; flushed, not closed
	 * @return what was written
	 * @throws BackupException if writing to the stream fails
	 */
	BackupSummary backup(String pattern, OutputStream out);

	/**
	 * Back up the keys matching a pattern.
	 * @param pattern a glob-style pattern of the keys after the prefix and its colon
	 * @param out where the backup goes; flushed, not closed
	 * @param options the backup's options
	 * @return what was written
	 * @throws BackupException if writing to the stream fails
	 */
	BackupSummary backup(String pattern, OutputStream out, BackupOptions options);

	/**
	 * Restore a backup with the default restore options.
	 * @param in the backup; read to its end, not closed
	 * @return what was restored, skipped, expired and failed
	 * @throws BackupException if reading the stream fails or its first line is no backup
	 * header
	 */
	RestoreSummary restore(InputStream in);

	/**
	 * Restore a backup.
	 * @param in the backup; read to its end, not closed
	 * @param options the restore's options
	 * @return what was restored, skipped, expired and failed
	 * @throws BackupException if reading the stream fails or its first line is no backup
	 * header
	 */
	RestoreSummary restore(InputStream in, RestoreOptions options);

	/**
	 * Create a backup on a connection factory, with the default backup options and no
	 * meters.
	 * @param connectionFactory the connection factory
	 * @param keys the application's key builder: its prefix bounds what is backed up
	 * @return the backup
	 */
	static RedisBackup create(RedisConnectionFactory connectionFactory, RedisKeys keys) {
		return create(connectionFactory, keys, BackupOptions.defaults(), RestoreOptions.defaults(),
				new CompositeMeterRegistry());
	}

	/**
	 * Create a backup on a connection factory.
	 * @param connectionFactory the connection factory
	 * @param keys the application's key builder: its prefix bounds what is backed up
	 * @param backupDefaults the options of {@link #backup(String, OutputStream)}
	 * @param restoreDefaults the options of {@link #restore(InputStream)}
	 * @param meterRegistry where the {@code redis.maintenance.backup.keys} and
	 * {@code redis.maintenance.restore.keys} counters go
	 * @return the backup
	 */
	static RedisBackup create(RedisConnectionFactory connectionFactory, RedisKeys keys, BackupOptions backupDefaults,
			RestoreOptions restoreDefaults, MeterRegistry meterRegistry) {
		return new DefaultRedisBackup(connectionFactory, keys, backupDefaults, restoreDefaults,
				new BackupMetrics(meterRegistry));
	}

}
