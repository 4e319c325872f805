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
import org.jspecify.annotations.Nullable;

/**
 * The {@code redis.lock.*} meters of one registry. Tagged with the registry's configured
 * name, never with lock names, so that their number stays bounded.
 * <p>
 * Each kind of acquisition has the same four meters under its own prefix:
 * {@code redis.lock.*} for locks (registered with the registry),
 * {@code redis.lock.semaphore.*} for semaphore permits and {@code redis.lock.readwrite.*}
 * (tagged {@code mode} {@code read} or {@code write}) for read-write locks, both
 * registered when the first semaphore or read-write lock is used: {@code .acquire} timer
 * ({@code outcome}), {@code .held} timer, {@code .lost} counter ({@code reason}) and
 * {@code .active} gauge (for semaphores, the permits held).
 *
 * @author redis-utils authors
 */
final class LockMetrics {

	static final String ACQUIRE = "redis.lock.acquire";

	static final String HELD = "redis.lock.held";

	static final String LOST = "redis.lock.lost";

	static final String ACTIVE = "redis.lock.active";

	static final String SEMAPHORE = "redis.lock.semaphore";

	static final String READ_WRITE = "redis.lock.readwrite";

	private final MeterRegistry registry;

	private final Tags tags;

	private final Map<LockKind, Supplier<Number>> active;

	private final Family locks;

	private final Map<LockKind, Family> others = new EnumMap<>(LockKind.class);

	/**
	 * Create the meters of a registry.
	 * @param registry where the meters go
	 * @param registryName the {@code registry} tag
	 * @param active reads how many locks (for {@link LockKind#SEMAPHORE}, permits) of a
	 * kind this registry holds now
	 */
	LockMetrics(MeterRegistry registry, String registryName, Map<LockKind, Supplier<Number>> active) {
		this.registry = registry;
		this.tags = Tags.of("registry", registryName);
		this.active = new EnumMap<>(active);
		this.locks = new Family(registry, "redis.lock", this.tags, "Lock", "Locks", "Locks held by this instance now",
				active.get(LockKind.LOCK));
	}

	/**
	 * Return the meters of one kind, registering them on first use (those of both
	 * read-write lock modes together).
	 */
	Family of(LockKind kind) {
		if (kind == LockKind.LOCK) {
			return this.locks;
		}
		synchronized (this.others) {
			if (kind != LockKind.SEMAPHORE) {
				// Both modes at once, so that the write meters exist before the first
				// writer.
				this.others.computeIfAbsent(LockKind.READ, this::register);
				this.others.computeIfAbsent(LockKind.WRITE, this::register);
			}
			return this.others.computeIfAbsent(kind, this::register);
		}
	}

	private Family register(LockKind kind) {
		Supplier<Number> active = this.active.get(kind);
		if (kind == LockKind.SEMAPHORE) {
			return new Family(this.registry, SEMAPHORE, this.tags, "Semaphore", "Semaphore permits",
					"Semaphore permits held by this instance now", active);
		}
		String mode = (kind == LockKind.READ) ? "read" : "write";
		return new Family(this.registry, READ_WRITE, this.tags.and("mode", mode), "Read-write lock", "Read-write locks",
				"Read-write locks held by this instance now", active);
	}

	/**
	 * The meters of one kind of acquisition.
	 */
	static final class Family {

		private final Timer acquired;

		private final Timer timedOut;

		private final Timer interrupted;

		private final Timer failed;

		private final Timer held;

		private final Map<Reason, Counter> lost = new EnumMap<>(Reason.class);

		Family(MeterRegistry registry, String prefix, Tags tags, String noun, String plural, String activeDescription,
				@Nullable Supplier<Number> active) {
			this.acquired = acquireTimer(registry, prefix, tags, noun, "acquired");
			this.timedOut = acquireTimer(registry, prefix, tags, noun, "timeout");
			this.interrupted = acquireTimer(registry, prefix, tags, noun, "interrupted");
			this.failed = acquireTimer(registry, prefix, tags, noun, "error");
			this.held = Timer.builder(prefix + ".held")
				.description("How long " + plural.toLowerCase() + " were held, from acquisition to release")
				.tags(tags)
				.register(registry);
			for (Reason reason : Reason.values()) {
				this.lost.put(reason,
						Counter.builder(prefix + ".lost")
							.description(plural + " renewed by the watchdog that were lost while held")
							.tags(tags.and("reason", reason.name().toLowerCase()))
							.register(registry));
			}
			if (active != null) {
				Gauge.builder(prefix + ".active", active)
					.description(activeDescription)
					.tags(tags)
					.strongReference(true)
					.register(registry);
			}
		}

		private static Timer acquireTimer(MeterRegistry registry, String prefix, Tags tags, String noun,
				String outcome) {
			return Timer.builder(prefix + ".acquire")
				.description(noun + " acquisitions, including the time spent waiting")
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

}
