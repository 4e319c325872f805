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
package io.github.redisutils.ratelimit;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Meters of one policy: {@code redis.rate.limit.decisions} counted by outcome and the
 * {@code redis.rate.limit.latency} of each decision. Tagged with the policy name only,
 * never with keys.
 *
 * @author redis-utils authors
 */
final class RateLimitMetrics {

	static final String DECISIONS = "redis.rate.limit.decisions";

	static final String LATENCY = "redis.rate.limit.latency";

	private final MeterRegistry registry;

	private final Map<RateLimitOutcome, Counter> decisions = new EnumMap<>(RateLimitOutcome.class);

	private final Timer latency;

	RateLimitMetrics(MeterRegistry registry, String policy) {
		this.registry = registry;
		for (RateLimitOutcome outcome : RateLimitOutcome.values()) {
			this.decisions.put(outcome,
					Counter.builder(DECISIONS)
						.description("Rate-limit decisions")
						.tag("policy", policy)
						.tag("outcome", outcome.tagValue())
						.register(registry));
		}
		this.latency = Timer.builder(LATENCY)
			.description("Time taken by one rate-limit decision, including the round trip to Redis")
			.tag("policy", policy)
			.register(registry);
	}

	Timer.Sample start() {
		return Timer.start(this.registry);
	}

	void record(Timer.Sample sample, RateLimitOutcome outcome) {
		sample.stop(this.latency);
		this.decisions.get(outcome).increment();
	}

}
