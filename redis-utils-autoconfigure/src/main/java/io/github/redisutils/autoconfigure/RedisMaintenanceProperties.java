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
import java.util.EnumSet;
import java.util.Set;

import io.github.redisutils.maintenance.BackupFormat;
import io.github.redisutils.maintenance.BackupOptions;
import io.github.redisutils.maintenance.CleanupCategory;
import io.github.redisutils.maintenance.CleanupOptions;
import io.github.redisutils.maintenance.RestoreOptions;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of maintenance (backup, restore and cleanup), under
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

	/**
	 * Cleanups.
	 */
	private final Cleanup cleanup = new Cleanup();

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

	public Cleanup getCleanup() {
		return this.cleanup;
	}

	/**
	 * Return the cleanup options these properties describe.
	 * @param blacklistMaxTokenLifetime the blacklist's longest token lifetime
	 * @param streamNamespace the namespace of reliable pub/sub streams, or {@code null}
	 * for the key prefix
	 * @return the options
	 */
	public CleanupOptions toCleanupOptions(Duration blacklistMaxTokenLifetime, @Nullable String streamNamespace) {
		Cleanup c = this.cleanup;
		return new CleanupOptions(c.dryRun, c.scanCount, c.pause, c.lockFenceRetention, c.consumerIdle,
				blacklistMaxTokenLifetime, c.oldPrefix, streamNamespace, c.categories);
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
		Cleanup cleanup = properties.cleanup;
		CleanupOptions
			.problems(cleanup.scanCount, cleanup.pause, cleanup.lockFenceRetention, cleanup.consumerIdle,
					CleanupOptions.DEFAULT_BLACKLIST_MAX_TOKEN_LIFETIME, cleanup.oldPrefix, cleanup.categories)
			.forEach((field, problem) -> errors.rejectValue("cleanup." + field, "invalid", problem));
		Cleanup.Schedule schedule = cleanup.schedule;
		if (schedule.cron != null) {
			if (schedule.interval != null) {
				errors.rejectValue("cleanup.schedule.cron", "invalid",
						"must not be set together with redis.maintenance.cleanup.schedule.interval");
			}
			else if (!CronExpression.isValidExpression(schedule.cron)) {
				errors.rejectValue("cleanup.schedule.cron", "invalid",
						"is no cron expression (six fields: second minute hour day month weekday)");
			}
		}
		if (schedule.interval != null && (schedule.interval.isNegative() || schedule.interval.isZero())) {
			errors.rejectValue("cleanup.schedule.interval", "invalid",
					"must be positive (was " + schedule.interval + ")");
		}
		if (schedule.lockLease == null || schedule.lockLease.isNegative() || schedule.lockLease.isZero()) {
			errors.rejectValue("cleanup.schedule.lockLease", "invalid",
					"must be positive (was " + schedule.lockLease + ")");
		}
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

	/**
	 * Settings of cleanups.
	 */
	public static class Cleanup {

		/**
		 * Whether the RedisCleanup bean (removal of stale keys that cannot expire) is
		 * created.
		 */
		private boolean enabled = true;

		/**
		 * Whether cleanups called without saying (and scheduled cleanups) are dry runs:
		 * they count what they would remove and remove nothing.
		 */
		private boolean dryRun = false;

		/**
		 * COUNT hint of each SCAN a cleanup runs, and the number of keys examined between
		 * two pauses. At least 1.
		 */
		private int scanCount = CleanupOptions.DEFAULT_SCAN_COUNT;

		/**
		 * How long a cleanup sleeps after each batch of examined keys, so it never keeps
		 * the server busy. Zero for none.
		 */
		private Duration pause = CleanupOptions.DEFAULT_PAUSE;

		/**
		 * How long a lock name goes unused (not held, no acquisition) before its fencing
		 * counter is removed.
		 */
		private Duration lockFenceRetention = CleanupOptions.DEFAULT_LOCK_FENCE_RETENTION;

		/**
		 * How long a consumer of a reliable pub/sub stream group, without pending
		 * entries, goes idle before it is removed. Longer than the reliable block and
		 * claim-idle times.
		 */
		private Duration consumerIdle = CleanupOptions.DEFAULT_CONSUMER_IDLE;

		/**
		 * Old key prefix whose keys (every key under it, never one under the current
		 * prefix) cleanups remove. Unset for none.
		 */
		private @Nullable String oldPrefix;

		/**
		 * Categories cleanups run: lock-fences, queue-retention, stream-consumers,
		 * sessions, blacklist, old-prefix.
		 */
		private Set<CleanupCategory> categories = EnumSet.allOf(CleanupCategory.class);

		/**
		 * Scheduled cleanups.
		 */
		private final Schedule schedule = new Schedule();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isDryRun() {
			return this.dryRun;
		}

		public void setDryRun(boolean dryRun) {
			this.dryRun = dryRun;
		}

		public int getScanCount() {
			return this.scanCount;
		}

		public void setScanCount(int scanCount) {
			this.scanCount = scanCount;
		}

		public Duration getPause() {
			return this.pause;
		}

		public void setPause(Duration pause) {
			this.pause = pause;
		}

		public Duration getLockFenceRetention() {
			return this.lockFenceRetention;
		}

		public void setLockFenceRetention(Duration lockFenceRetention) {
			this.lockFenceRetention = lockFenceRetention;
		}

		public Duration getConsumerIdle() {
			return this.consumerIdle;
		}

		public void setConsumerIdle(Duration consumerIdle) {
			this.consumerIdle = consumerIdle;
		}

		public @Nullable String getOldPrefix() {
			return this.oldPrefix;
		}

		public void setOldPrefix(@Nullable String oldPrefix) {
			this.oldPrefix = oldPrefix;
		}

		public Set<CleanupCategory> getCategories() {
			return this.categories;
		}

		public void setCategories(Set<CleanupCategory> categories) {
			this.categories = categories;
		}

		public Schedule getSchedule() {
			return this.schedule;
		}

		/**
		 * Settings of scheduled cleanups.
		 */
		public static class Schedule {

			/**
			 * Whether cleanups run on a schedule, on one application instance at a time
			 * (a distributed lock; needs the locks feature).
			 */
			private boolean enabled = false;

			/**
			 * Time between scheduled cleanups; the default when no cron is set is 1h.
			 */
			private @Nullable Duration interval;

			/**
			 * Cron expression of scheduled cleanups (six fields, UTC), instead of an
			 * interval.
			 */
			private @Nullable String cron;

			/**
			 * Lease of the lock a scheduled cleanup holds, extended after each batch.
			 */
			private Duration lockLease = Duration.ofMinutes(5);

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public @Nullable Duration getInterval() {
				return this.interval;
			}

			public void setInterval(@Nullable Duration interval) {
				this.interval = interval;
			}

			public @Nullable String getCron() {
				return this.cron;
			}

			public void setCron(@Nullable String cron) {
				this.cron = cron;
			}

			public Duration getLockLease() {
				return this.lockLease;
			}

			public void setLockLease(Duration lockLease) {
				this.lockLease = lockLease;
			}

			/**
			 * Return the interval to schedule with: the configured one, else 1h when no
			 * cron is set, else {@code null}.
			 * @return the interval or {@code null}
			 */
			public @Nullable Duration effectiveInterval() {
				return (this.interval != null) ? this.interval : ((this.cron != null) ? null : Duration.ofHours(1));
			}

		}

	}

}
