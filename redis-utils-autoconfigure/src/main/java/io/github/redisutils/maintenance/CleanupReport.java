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
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one cleanup did.
 *
 * @param dryRun whether it was a dry run: the counts say what would have been removed,
 * nothing was
 * @param categories the report of each category that ran, in category order
 * @param batches the number of batches of examined keys, each followed by the pause
 * @param took how long the cleanup ran
 * @author redis-utils authors
 */
public record CleanupReport(boolean dryRun, Map<CleanupCategory, Category> categories, long batches, Duration took) {

	/**
	 * Create a report.
	 * @param dryRun whether it was a dry run
	 * @param categories the report of each category
	 * @param batches the number of batches
	 * @param took how long the cleanup ran
	 */
	public CleanupReport {
		EnumMap<CleanupCategory, Category> copy = new EnumMap<>(CleanupCategory.class);
		copy.putAll(categories);
		categories = Collections.unmodifiableMap(copy);
	}

	/**
	 * Return the report of one category.
	 * @param category the category
	 * @return its report, all zero if it did not run
	 */
	public Category category(CleanupCategory category) {
		return this.categories.getOrDefault(category, new Category(0, 0, 0));
	}

	/**
	 * Return how many entries were removed (or, in a dry run, would have been) across the
	 * categories.
	 * @return the total
	 */
	public long removed() {
		return this.categories.values().stream().mapToLong(Category::removed).sum();
	}

	/**
	 * What a cleanup did in one category.
	 *
	 * @param examined the entries looked at (keys, or set members and stream consumers
	 * where those are what is removed)
	 * @param removed the entries removed (in a dry run: that would have been)
	 * @param expiring the entries without a time to live that were given one because they
	 * could not be judged stale (in a dry run: that would have been)
	 */
	public record Category(long examined, long removed, long expiring) {

	}

}
