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

package io.github.redisutils.usage;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Usage meters. The {@code metric} tag names only metrics the options declare (with a
 * scale or a quota); every other metric is counted as {@code other}, so the number of
 * tags stays bounded whatever names the application records.
 */
final class UsageMetrics {

	static final String RECORDED = "redis.usage.recorded";

	static final String QUOTA_DECISIONS = "redis.usage.quota.decisions";

	static final String OTHER = "other";

	private final MeterRegistry registry;

	private final Set<String> declared;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	UsageMetrics(MeterRegistry registry, UsageOptions options) {
		this.registry = registry;
		Set<String> names = new HashSet<>(options.scales().keySet());
		options.quotas().values().forEach((quota) -> names.add(quota.metric()));
		this.declared = Set.copyOf(names);
	}

	void recorded(String metric, double amount) {
		String tag = this.declared.contains(metric) ? metric : OTHER;
		this.counters
			.computeIfAbsent("recorded/" + tag,
					(key) -> Counter.builder(RECORDED)
						.description("Usage recorded, in the metric's amounts")
						.tag("metric", tag)
						.register(this.registry))
			.increment(amount);
	}

	void decided(String quota, String outcome) {
		this.counters
			.computeIfAbsent("quota/" + quota + "/" + outcome,
					(key) -> Counter.builder(QUOTA_DECISIONS)
						.description("Quota decisions by outcome")
						.tag("quota", quota)
						.tag("outcome", outcome)
						.register(this.registry))
			.increment();
	}

}
