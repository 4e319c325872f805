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
package io.github.redisutils.lock;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.redisutils.lock.LockLostEvent.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The {@code redis.lock.*} meters of one registry. Tagged with the registry's configured
 * name, never with lock names, so that their number stays bounded.
 *
 * @author redis-utils authors
 */
final class LockMetrics {

	static final String ACQUIRE = "redis.lock.acquire";

	static final String HELD = "redis.lock.held";

	static final String LOST = "redis.lock.lost";

	static final String ACTIVE = "redis.lock.active";

	private final Timer acquired;

	private final Timer timedOut;

	private final Timer interrupted;

	private final Timer failed;

	private final Timer held;

	private final Map<Reason, Counter> lost = new EnumMap<>(Reason.class);

	LockMetrics(MeterRegistry registry, String registryName, Supplier<Number> active) {
		Tags tags = Tags.of("registry", registryName);
		this.acquired = acquireTimer(registry, tags, "acquired");
		this.timedOut = acquireTimer(registry, tags, "timeout");
		this.interrupted = acquireTimer(registry, tags, "interrupted");
		this.failed = acquireTimer(registry, tags, "error");
		this.held = Timer.builder(HELD)
			.description("How long locks were held, from acquisition to release")
			.tags(tags)
			.register(registry);
		for (Reason reason : Reason.values()) {
			this.lost.put(reason,
					Counter.builder(LOST)
						.description("Locks renewed by the watchdog that were lost while held")
						.tags(tags.and("reason", reason.name().toLowerCase()))
						.register(registry));
		}
		Gauge.builder(ACTIVE, active)
			.description("Locks held by this instance now")
			.tags(tags)
			.strongReference(true)
			.register(registry);
	}

	private static Timer acquireTimer(MeterRegistry registry, Tags tags, String outcome) {
		return Timer.builder(ACQUIRE)
			.description("Lock acquisitions, including the time spent waiting")
			.tags(tags.and("outcome", outcome))
			.register(registry);
	}

	void acquired(long nanos) {
		this.acquired.record(nanos, TimeUnit.NANOSECONDS);
	}

	void timedOut(long nanos) {
		this.timedOut.record(nanos, TimeUnit.NANOSECONDS);
	}

	void interrupted(long nanos) {
		this.interrupted.record(nanos, TimeUnit.NANOSECONDS);
	}

	void failed(long nanos) {
		this.failed.record(nanos, TimeUnit.NANOSECONDS);
	}

	void held(long nanos) {
		this.held.record(nanos, TimeUnit.NANOSECONDS);
	}

	void lost(Reason reason) {
		this.lost.get(reason).increment();
	}

}
