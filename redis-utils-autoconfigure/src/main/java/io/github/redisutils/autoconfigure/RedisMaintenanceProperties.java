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

package io.github.redisutils.autoconfigure;

import java.time.Duration;

import io.github.redisutils.maintenance.BackupFormat;
import io.github.redisutils.maintenance.BackupOptions;
import io.github.redisutils.maintenance.RestoreOptions;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of maintenance (backup and restore), under
 * {@code redis.maintenance.*}. They validate themselves when bound: a bad value fails
 * start-up naming the property and the reason.
 *
 * @author redis-utils authors
 */
@ConfigurationProperties("redis.maintenance")
public class RedisMaintenanceProperties implements Validator {

	/**
	 * Whether the maintenance beans (RedisBackup: backup and restore of the application's
	 * keys) are created.
	 */
	private boolean enabled = true;

	/**
	 * Backups.
	 */
	private final Backup backup = new Backup();

	/**
	 * Restores.
	 */
	private final Restore restore = new Restore();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Backup getBackup() {
		return this.backup;
	}

	public Restore getRestore() {
		return this.restore;
	}

	/**
	 * Return the backup options these properties describe.
	 * @return the options
	 */
	public BackupOptions toBackupOptions() {
		return new BackupOptions(this.backup.scanCount, this.backup.includeTtl, this.backup.format);
	}

	/**
	 * Return the restore options these properties describe (the backup's own prefix, no
	 * progress callback: a call changes those with the withers).
	 * @return the options
	 */
	public RestoreOptions toRestoreOptions() {
		return RestoreOptions.defaults()
			.withExistingKeys(this.restore.existingKeys)
			.withTtl(this.restore.ttl)
			.withProgressEvery(this.restore.progressEveryKeys, this.restore.progressInterval)
			.withMaxReportedFailures(this.restore.maxReportedFailures);
	}

	@Override
	public boolean supports(Class<?> type) {
		return RedisMaintenanceProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RedisMaintenanceProperties properties = (RedisMaintenanceProperties) target;
		BackupOptions.problems(properties.backup.scanCount, properties.backup.format)
			.forEach((field, problem) -> errors.rejectValue("backup." + field, "invalid", problem));
		RestoreOptions
			.problems(properties.restore.existingKeys, properties.restore.ttl, null,
					properties.restore.progressEveryKeys, properties.restore.progressInterval,
					properties.restore.maxReportedFailures)
			.forEach((field, problem) -> errors.rejectValue("restore." + field, "invalid", problem));
	}

	/**
	 * Settings of backups.
	 */
	public static class Backup {

		/**
		 * COUNT hint of each SCAN a backup runs: how many keys Redis examines per call,
		 * and about how many keys are held in memory at a time. At least 1.
		 */
		private int scanCount = BackupOptions.DEFAULT_SCAN_COUNT;

		/**
		 * Whether backups record the keys' remaining time to live.
		 */
		private boolean includeTtl = true;

		/**
		 * How backups hold values: 'values' (data readable by any tool, restorable into
		 * any Redis 6.2+) or 'dump' (DUMP payloads: faster, bound to the Redis version).
		 */
		private BackupFormat format = BackupFormat.VALUES;

		public int getScanCount() {
			return this.scanCount;
		}

		public void setScanCount(int scanCount) {
			this.scanCount = scanCount;
		}

		public boolean isIncludeTtl() {
			return this.includeTtl;
		}

		public void setIncludeTtl(boolean includeTtl) {
			this.includeTtl = includeTtl;
		}

		public BackupFormat getFormat() {
			return this.format;
		}

		public void setFormat(BackupFormat format) {
			this.format = format;
		}

	}

	/**
	 * Settings of restores.
	 */
	public static class Restore {

		/**
		 * What a restore does with a key that exists already: skip it, replace it, or
		 * count the record as failed.
		 */
		private RestoreOptions.ExistingKeys existingKeys = RestoreOptions.ExistingKeys.SKIP;

		/**
		 * How a restored key's time to live is computed from the one recorded:
		 * subtract-elapsed (the time since the backup is deducted, keys that would have
		 * expired are not restored) or remaining-at-backup (the recorded remaining time).
		 */
		private RestoreOptions.TtlMode ttl = RestoreOptions.TtlMode.SUBTRACT_ELAPSED;

		/**
		 * Number of records between two progress reports (log line and callback) of a
		 * restore. At least 1.
		 */
		private long progressEveryKeys = RestoreOptions.DEFAULT_PROGRESS_EVERY_KEYS;

		/**
		 * Longest time between two progress reports of a restore.
		 */
		private Duration progressInterval = RestoreOptions.DEFAULT_PROGRESS_INTERVAL;

		/**
		 * Number of failures a restore's summary lists (all are counted). At least 0.
		 */
		private int maxReportedFailures = RestoreOptions.DEFAULT_MAX_REPORTED_FAILURES;

		public RestoreOptions.ExistingKeys getExistingKeys() {
			return this.existingKeys;
		}

		public void setExistingKeys(RestoreOptions.ExistingKeys existingKeys) {
			this.existingKeys = existingKeys;
		}

		public RestoreOptions.TtlMode getTtl() {
			return this.ttl;
		}

		public void setTtl(RestoreOptions.TtlMode ttl) {
			this.ttl = ttl;
		}

		public long getProgressEveryKeys() {
			return this.progressEveryKeys;
		}

		public void setProgressEveryKeys(long progressEveryKeys) {
			this.progressEveryKeys = progressEveryKeys;
		}

		public Duration getProgressInterval() {
			return this.progressInterval;
		}

		public void setProgressInterval(Duration progressInterval) {
			this.progressInterval = progressInterval;
		}

		public int getMaxReportedFailures() {
			return this.maxReportedFailures;
		}

		public void setMaxReportedFailures(int maxReportedFailures) {
			this.maxReportedFailures = maxReportedFailures;
		}

	}

}
