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
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a restore did.
 *
 * @param restored the keys written
 * @param skipped the keys left alone because they existed (policy
 * {@link RestoreOptions.ExistingKeys#SKIP})
 * @param expired the keys not written because their time to live had passed
 * @param failed the records that failed: corrupt or truncated lines, keys outside the
 * backup's prefix, existing keys under {@link RestoreOptions.ExistingKeys#FAIL}, commands
 * Redis refused
 * @param failures the first failures, at most
 * {@link RestoreOptions#maxReportedFailures()} of them, in line order
 * @param backupTime the backup's time, from its header
 * @param complete whether the backup's end line was read: {@code false} when the input
 * ends early (a truncated file loses its end line, whether or not a record was cut)
 * @param took how long the restore took
 * @author redis-utils authors
 */
public record RestoreSummary(long restored, long skipped, long expired, long failed, List<Failure> failures,
		Instant backupTime, boolean complete, Duration took) {

	/**
	 * Create a summary.
	 * @param restored the keys written
	 * @param skipped the keys left alone
	 * @param expired the keys whose TTL had passed
	 * @param failed the records that failed
	 * @param failures the first failures
	 * @param backupTime the backup's time
	 * @param complete whether the end line was read
	 * @param took how long it took
	 */
	public RestoreSummary {
		failures = List.copyOf(failures);
	}

	/**
	 * Whether some failures were not listed because there were more than the bound.
	 * @return whether {@link #failures()} is incomplete
	 */
	public boolean failuresTruncated() {
		return this.failed > this.failures.size();
	}

	/**
	 * One record that could not be restored.
	 *
	 * @param line the record's line number in the backup, starting at 1 with the header
	 * @param key the record's key (as restored, after a prefix change) when it could be
	 * read, else {@code null}
	 * @param reason why it failed
	 */
	public record Failure(long line, @Nullable String key, String reason) {

	}

}
