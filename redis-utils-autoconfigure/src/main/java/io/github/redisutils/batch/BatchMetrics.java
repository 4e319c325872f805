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

package io.github.redisutils.batch;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The {@code redis.batch.executions} timers, tagged by outcome (a small fixed set), and
 * the {@code redis.batch.size} summary of entries per executed batch.
 */
final class BatchMetrics {

	static final String EXECUTIONS = "redis.batch.executions";

	static final String SIZE = "redis.batch.size";

	private final Map<Outcome, Timer> timers = new EnumMap<>(Outcome.class);

	private final DistributionSummary sizes;

	BatchMetrics(MeterRegistry registry) {
		for (Outcome outcome : Outcome.values()) {
			this.timers.put(outcome,
					Timer.builder(EXECUTIONS)
						.description("Batch executions by outcome, one pipelined round trip per node each")
						.tag("outcome", outcome.tag)
						.register(registry));
		}
		this.sizes = DistributionSummary.builder(SIZE)
			.description("Entries per executed batch")
			.baseUnit("entries")
			.register(registry);
	}

	void record(int size, Outcome outcome, long startNanos) {
		this.timers.get(outcome).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
		this.sizes.record(size);
	}

	/**
	 * How a batch execution ended.
	 */
	enum Outcome {

		/**
		 * Every entry succeeded.
		 */
		SUCCESS("success"),

		/**
		 * Some entries failed on their own (a wrong type, an unreadable value).
		 */
		PARTIAL("partial"),

		/**
		 * The batch failed as a whole: Redis was unavailable or skipped.
		 */
		ERROR("error");

		private final String tag;

		Outcome(String tag) {
			this.tag = tag;
		}

	}

}
