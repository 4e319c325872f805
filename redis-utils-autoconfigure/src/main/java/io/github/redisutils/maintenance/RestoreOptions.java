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

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.SettingProblems;
import org.jspecify.annotations.Nullable;

/**
 * Options of one restore.
 *
 * @param existingKeys what to do with a key that exists already
 * @param ttl how the time to live of restored keys is computed
 * @param targetPrefix the key prefix to restore into instead of the backup's (the
 * backup's prefix at the start of each key is replaced by it), or {@code null} to restore
 * the keys as they were
 * @param progress called with the progress every {@code progressEveryKeys} records or
 * {@code progressInterval}, whichever comes first, and once at the end; {@code null} for
 * none (a log line is written at the same moments either way)
 * @param progressEveryKeys how many records between two progress reports; at least 1
 * @param progressInterval longest time between two progress reports; positive
 * @param maxReportedFailures how many failures the summary lists (all are counted); at
 * least 0
 * @author redis-utils authors
 */
public record RestoreOptions(ExistingKeys existingKeys, TtlMode ttl, @Nullable String targetPrefix,
		@Nullable Consumer<RestoreProgress> progress, long progressEveryKeys, Duration progressInterval,
		int maxReportedFailures) {

	/**
	 * Default number of records between two progress reports.
	 */
	public static final long DEFAULT_PROGRESS_EVERY_KEYS = 10_000;

	/**
	 * Default longest time between two progress reports.
	 */
	public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(5);

	/**
	 * Default number of failures a summary lists.
	 */
	public static final int DEFAULT_MAX_REPORTED_FAILURES = 100;

	/**
	 * Validate the options.
	 * @param existingKeys what to do with existing keys
	 * @param ttl how TTLs are computed
	 * @param targetPrefix the prefix to restore into, or {@code null}
	 * @param progress the progress callback, or {@code null}
	 * @param progressEveryKeys records between two reports
	 * @param progressInterval longest time between two reports
	 * @param maxReportedFailures failures listed in the summary
	 * @throws IllegalArgumentException naming the invalid option
	 */
	public RestoreOptions {
		SettingProblems.throwIfAny("restore options",
				problems(existingKeys, ttl, targetPrefix, progressEveryKeys, progressInterval, maxReportedFailures));
	}

	/**
	 * Describe what is wrong with candidate options, for configuration validation.
	 * @param existingKeys what to do with existing keys
	 * @param ttl how TTLs are computed
	 * @param targetPrefix the prefix to restore into, or {@code null}
	 * @param progressEveryKeys records between two reports
	 * @param progressInterval longest time between two reports
	 * @param maxReportedFailures failures listed in the summary
	 * @return the problems by field, empty when the options are valid
	 */
	public static Map<String, String> problems(@Nullable ExistingKeys existingKeys, @Nullable TtlMode ttl,
			@Nullable String targetPrefix, long progressEveryKeys, @Nullable Duration progressInterval,
			int maxReportedFailures) {
		SettingProblems problems = new SettingProblems();
		if (existingKeys == null) {
			problems.add("existingKeys", "must not be null");
		}
		if (ttl == null) {
			problems.add("ttl", "must not be null");
		}
		if (targetPrefix != null) {
			String problem = RedisKeys.prefixProblem(targetPrefix);
			if (problem != null) {
				problems.add("targetPrefix", problem);
			}
		}
		return problems.atLeast("progressEveryKeys", progressEveryKeys, 1)
			.positive("progressInterval", progressInterval)
			.atLeast("maxReportedFailures", maxReportedFailures, 0)
			.toMap();
	}

	/**
	 * Return the default options: existing keys skipped, TTLs relative to the backup
	 * time, the backup's own prefix, progress every 10,000 records or 5 seconds, 100
	 * failures listed.
	 * @return the default options
	 */
	public static RestoreOptions defaults() {
		return new RestoreOptions(ExistingKeys.SKIP, TtlMode.SUBTRACT_ELAPSED, null, null, DEFAULT_PROGRESS_EVERY_KEYS,
				DEFAULT_PROGRESS_INTERVAL, DEFAULT_MAX_REPORTED_FAILURES);
	}

	/**
	 * Return these options with another policy for existing keys.
	 * @param existingKeys what to do with existing keys
	 * @return the options
	 */
	public RestoreOptions withExistingKeys(ExistingKeys existingKeys) {
		return new RestoreOptions(existingKeys, this.ttl, this.targetPrefix, this.progress, this.progressEveryKeys,
				this.progressInterval, this.maxReportedFailures);
	}

	/**
	 * Return these options with another TTL mode.
	 * @param ttl how TTLs are computed
	 * @return the options
	 */
	public RestoreOptions withTtl(TtlMode ttl) {
		return new RestoreOptions(this.existingKeys, ttl, this.targetPrefix, this.progress, this.progressEveryKeys,
				this.progressInterval, this.maxReportedFailures);
	}

	/**
	 * Return these options restoring into another key prefix.
	 * @param targetPrefix the prefix, or {@code null} for the backup's own
	 * @return the options
	 */
	public RestoreOptions withTargetPrefix(@Nullable String targetPrefix) {
		return new RestoreOptions(this.existingKeys, this.ttl, targetPrefix, this.progress, this.progressEveryKeys,
				this.progressInterval, this.maxReportedFailures);
	}

	/**
	 * Return these options with a progress callback.
	 * @param progress the callback, or {@code null} for none
	 * @return the options
	 */
	public RestoreOptions withProgress(@Nullable Consumer<RestoreProgress> progress) {
		return new RestoreOptions(this.existingKeys, this.ttl, this.targetPrefix, progress, this.progressEveryKeys,
				this.progressInterval, this.maxReportedFailures);
	}

	/**
	 * Return these options with other progress intervals.
	 * @param everyKeys records between two reports
	 * @param interval longest time between two reports
	 * @return the options
	 */
	public RestoreOptions withProgressEvery(long everyKeys, Duration interval) {
		return new RestoreOptions(this.existingKeys, this.ttl, this.targetPrefix, this.progress, everyKeys, interval,
				this.maxReportedFailures);
	}

	/**
	 * Return these options listing another number of failures.
	 * @param maxReportedFailures failures listed in the summary
	 * @return the options
	 */
	public RestoreOptions withMaxReportedFailures(int maxReportedFailures) {
		return new RestoreOptions(this.existingKeys, this.ttl, this.targetPrefix, this.progress, this.progressEveryKeys,
				this.progressInterval, maxReportedFailures);
	}

	/**
	 * What a restore does with a key that exists already.
	 */
	public enum ExistingKeys {

		/**
		 * Leave it as it is and count it as skipped.
		 */
		SKIP,

		/**
		 * Replace it with the backed-up key, atomically.
		 */
		REPLACE,

		/**
		 * Leave it as it is and count the record as failed (reason "key exists"); the
		 * restore goes on with the next record.
		 */
		FAIL

	}

	/**
	 * How the time to live of a restored key is computed from the remaining time to live
	 * the backup recorded.
	 */
	public enum TtlMode {

		/**
		 * As if time had passed for the key since the backup: the recorded TTL minus the
		 * time elapsed since the backup's time (the Redis server's time of the target,
		 * compared with the backup header's); keys whose TTL has passed are not written
		 * and are counted as expired.
		 */
		SUBTRACT_ELAPSED,

		/**
		 * The recorded TTL as it was at backup time, whenever the restore runs.
		 */
		REMAINING_AT_BACKUP

	}

}
