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

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The {@code redis.maintenance.cleanup.removed} counter (tagged by category, a fixed set)
 * and the {@code redis.maintenance.cleanup.runs} timer (tagged by outcome and dry run).
 */
final class CleanupMetrics {

	static final String REMOVED = "redis.maintenance.cleanup.removed";

	static final String RUNS = "redis.maintenance.cleanup.runs";

	private final Map<CleanupCategory, Counter> removed = new EnumMap<>(CleanupCategory.class);

	private final MeterRegistry registry;

	CleanupMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (CleanupCategory category : CleanupCategory.values()) {
			this.removed.put(category,
					Counter.builder(REMOVED)
						.description("Entries removed by cleanups (dry runs excluded), by category")
						.tag("category", category.tag())
						.register(registry));
		}
	}

	void removed(CleanupCategory category, long count) {
		if (count > 0) {
			this.removed.get(category).increment(count);
		}
	}

	void run(boolean dryRun, boolean failed, long nanos) {
		Timer.builder(RUNS)
			.description("Cleanup runs, by outcome")
			.tag("outcome", failed ? "failed" : "completed")
			.tag("dry-run", Boolean.toString(dryRun))
			.register(this.registry)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

}
