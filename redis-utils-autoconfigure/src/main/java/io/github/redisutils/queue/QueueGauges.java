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

import java.util.List;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Depth gauges of configured queues: {@code redis.queue.depth} (tags queue and state) and
 * {@code redis.queue.oldest.waiting.age} in seconds. One stats script per queue serves
 * every gauge of the queue, cached for a second so a scrape costs one round trip.
 *
 * @author redis-utils authors
 */
public final class QueueGauges implements MeterBinder {

	private static final Log logger = LogFactory.getLog(QueueGauges.class);

	private static final long CACHE_NANOS = 1_000_000_000L;

	private final JobQueues queues;

	private final List<String> names;

	/**
	 * Create the gauges of queues.
	 * @param queues the queues
	 * @param names the configured queue names
	 */
	public QueueGauges(JobQueues queues, List<String> names) {
		this.queues = queues;
		this.names = List.copyOf(names);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String name : this.names) {
			Snapshot snapshot = new Snapshot(this.queues.queue(name));
			gauge(registry, name, "waiting", snapshot, (s) -> s.read().waiting());
			gauge(registry, name, "delayed", snapshot, (s) -> s.read().delayed());
			gauge(registry, name, "active", snapshot, (s) -> s.read().active());
			gauge(registry, name, "dead", snapshot, (s) -> s.read().dead());
			gauge(registry, name, "completed", snapshot, (s) -> s.read().completed());
			Gauge.builder("redis.queue.oldest.waiting.age", snapshot, (s) -> {
				QueueSizes sizes = s.read();
				return (sizes.oldestWaitingAge() != null) ? QueueMetrics.seconds(sizes.oldestWaitingAge()) : 0;
			})
				.strongReference(true)
				.description("How long the oldest waiting job has been ready")
				.baseUnit("seconds")
				.tag("queue", name)
				.register(registry);
		}
	}

	private static void gauge(MeterRegistry registry, String queue, String state, Snapshot snapshot,
			ToDoubleFunction<Snapshot> value) {
		Gauge.builder("redis.queue.depth", snapshot, value)
			.strongReference(true)
			.description("Jobs of a queue by state")
			.tag("queue", queue)
			.tag("state", state)
			.register(registry);
	}

	private static final class Snapshot {

		private static final QueueSizes UNKNOWN = new QueueSizes(0, 0, 0, 0, 0, null);

		private final JobQueue queue;

		private @Nullable QueueSizes sizes;

		private long readAt;

		Snapshot(JobQueue queue) {
			this.queue = queue;
		}

		synchronized QueueSizes read() {
			long now = System.nanoTime();
			if (this.sizes == null || now - this.readAt > CACHE_NANOS) {
				try {
					this.sizes = this.queue.sizes();
				}
				catch (RuntimeException ex) {
					logger.debug("Could not read the sizes of job queue '" + this.queue.name() + "'", ex);
					this.sizes = (this.sizes != null) ? this.sizes : UNKNOWN;
				}
				this.readAt = now;
			}
			return this.sizes;
		}

	}

}
