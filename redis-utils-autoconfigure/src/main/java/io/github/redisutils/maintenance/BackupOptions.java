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

import java.util.Map;

import io.github.redisutils.core.SettingProblems;

/**
 * Options of one backup.
 *
 * @param scanCount the COUNT hint of each SCAN call: how many keys Redis examines per
 * call (and about how many keys are held in memory at a time); at least 1
 * @param includeTtl whether records carry the keys' remaining time to live (else every
 * record says -1 and restored keys never expire)
 * @param format how values are written
 * @author redis-utils authors
 */
public record BackupOptions(int scanCount, boolean includeTtl, BackupFormat format) {

	/**
	 * Default COUNT hint of SCAN.
	 */
	public static final int DEFAULT_SCAN_COUNT = 1000;

	/**
	 * Validate the options.
	 * @param scanCount the COUNT hint
	 * @param includeTtl whether TTLs are included
	 * @param format the format
	 * @throws IllegalArgumentException naming the invalid option
	 */
	public BackupOptions {
		SettingProblems.throwIfAny("backup options", problems(scanCount, format));
	}

	/**
	 * Describe what is wrong with candidate options, for configuration validation.
	 * @param scanCount the COUNT hint
	 * @param format the format, or {@code null}
	 * @return the problems by field, empty when the options are valid
	 */
	public static Map<String, String> problems(int scanCount, BackupFormat format) {
		SettingProblems problems = new SettingProblems().atLeast("scanCount", scanCount, 1);
		if (format == null) {
			problems.add("format", "must not be null");
		}
		return problems.toMap();
	}

	/**
	 * Return the default options: SCAN COUNT 1000, TTLs included, values format.
	 * @return the default options
	 */
	public static BackupOptions defaults() {
		return new BackupOptions(DEFAULT_SCAN_COUNT, true, BackupFormat.VALUES);
	}

	/**
	 * Return these options with another format.
	 * @param format the format
	 * @return the options
	 */
	public BackupOptions withFormat(BackupFormat format) {
		return new BackupOptions(this.scanCount, this.includeTtl, format);
	}

	/**
	 * Return these options with another SCAN COUNT hint.
	 * @param scanCount the COUNT hint
	 * @return the options
	 */
	public BackupOptions withScanCount(int scanCount) {
		return new BackupOptions(scanCount, this.includeTtl, this.format);
	}

	/**
	 * Return these options with or without TTLs.
	 * @param includeTtl whether records carry the keys' TTL
	 * @return the options
	 */
	public BackupOptions withIncludeTtl(boolean includeTtl) {
		return new BackupOptions(this.scanCount, includeTtl, this.format);
	}

}
