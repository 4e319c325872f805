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
package io.github.redisutils.queue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one queue's workers: {@code redis.queue.jobs} by outcome and
 * {@code redis.queue.processing}. The depth gauges are registered by {@link QueueGauges}.
 * Tags come from the configured queue name only.
 *
 * @author redis-utils authors
 */
final class QueueMetrics {

	private final Counter completed;

	private final Counter failed;

	private final Counter retried;

	private final Counter dead;

	private final Timer processing;

	QueueMetrics(MeterRegistry registry, String queue) {
		this.completed = counter(registry, queue, "completed");
		this.failed = counter(registry, queue, "failed");
		this.retried = counter(registry, queue, "retried");
		this.dead = counter(registry, queue, "dead");
		this.processing = Timer.builder("redis.queue.processing")
			.description("Time handlers take to process one delivery")
			.tag("queue", queue)
			.register(registry);
	}

	private static Counter counter(MeterRegistry registry, String queue, String outcome) {
		return Counter.builder("redis.queue.jobs")
			.description("Job deliveries by outcome: completed, failed (every failed attempt), "
					+ "retried (failed and scheduled again), dead (moved to the dead letters)")
			.tag("queue", queue)
			.tag("outcome", outcome)
			.register(registry);
	}

	void processed(long nanos) {
		this.processing.record(nanos, TimeUnit.NANOSECONDS);
	}

	void completed() {
		this.completed.increment();
	}

	void failed(boolean retried) {
		this.failed.increment();
		if (retried) {
			this.retried.increment();
		}
	}

	void dead(long count) {
		this.dead.increment(count);
	}

	static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

}
