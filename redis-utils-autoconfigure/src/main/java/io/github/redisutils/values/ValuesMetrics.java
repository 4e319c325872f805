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

package io.github.redisutils.values;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The {@code redis.values.operations} timers, tagged by operation and outcome (both from
 * small fixed sets), registered when first used.
 */
final class ValuesMetrics {

	static final String OPERATIONS = "redis.values.operations";

	private final MeterRegistry registry;

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	ValuesMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void record(String operation, Outcome outcome, long startNanos) {
		String id = operation + '/' + outcome.tag;
		this.timers
			.computeIfAbsent(id,
					(key) -> Timer.builder(OPERATIONS)
						.description("Atomic value operations by outcome")
						.tag("operation", operation)
						.tag("outcome", outcome.tag)
						.register(this.registry))
			.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * How an operation ended.
	 */
	enum Outcome {

		/**
		 * It found a value, or wrote one.
		 */
		SUCCESS("success"),

		/**
		 * There was no value to read, return or remove.
		 */
		ABSENT("absent"),

		/**
		 * A conditional write found another value (or, for compare-and-set, none).
		 */
		CONFLICT("conflict"),

		/**
		 * Redis failed or was skipped, or the stored value was malformed.
		 */
		ERROR("error");

		private final String tag;

		Outcome(String tag) {
			this.tag = tag;
		}

	}

}
