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
package io.github.redisutils.pubsub;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Meters of pub/sub: {@code redis.pubsub.published}, {@code .received},
 * {@code .handler.errors}, {@code .decode.errors}, {@code .dropped} counters and the
 * {@code redis.pubsub.handler} timer, tagged with the channel or pattern as declared
 * (never a concrete channel a pattern matched) and the mode ({@code pubsub} or
 * {@code reliable}). Channels are application-chosen and may be per-entity, so past
 * {@code maxChannelTags} distinct values further ones share the tag {@code other}.
 *
 * @author redis-utils authors
 */
final class PubSubMetrics {

	static final String OTHER = "other";

	private final MeterRegistry registry;

	private final int maxChannelTags;

	private final Map<String, Meters> pubSub = new ConcurrentHashMap<>();

	private final Map<String, Meters> reliable = new ConcurrentHashMap<>();

	PubSubMetrics(MeterRegistry registry, int maxChannelTags) {
		this.registry = registry;
		this.maxChannelTags = maxChannelTags;
	}

	Meters of(String declared, boolean reliable) {
		Map<String, Meters> meters = reliable ? this.reliable : this.pubSub;
		Meters existing = meters.get(declared);
		if (existing != null) {
			return existing;
		}
		// The cap is approximate under races; "other" itself does not count against it.
		String tag = (meters.size() >= this.maxChannelTags) ? OTHER : declared;
		return meters.computeIfAbsent(tag, (key) -> new Meters(this.registry, key, reliable));
	}

	static final class Meters {

		final Counter published;

		final Counter received;

		final Counter handlerErrors;

		final Counter decodeErrors;

		final Counter dropped;

		final Timer handler;

		Meters(MeterRegistry registry, String channel, boolean reliable) {
			String mode = reliable ? "reliable" : "pubsub";
			this.published = counter(registry, "redis.pubsub.published", "Messages published", channel, mode);
			this.received = counter(registry, "redis.pubsub.received", "Messages received by a handler's subscription",
					channel, mode);
			this.handlerErrors = counter(registry, "redis.pubsub.handler.errors", "Handler invocations that threw",
					channel, mode);
			this.decodeErrors = counter(registry, "redis.pubsub.decode.errors",
					"Messages that did not decode into the handler's type", channel, mode);
			this.dropped = counter(registry, "redis.pubsub.dropped",
					"Messages dropped because the handler queue was full or a reliable entry failed too often", channel,
					mode);
			this.handler = Timer.builder("redis.pubsub.handler")
				.description("Handler latency")
				.tags(tags(channel, mode))
				.register(registry);
		}

		private static Counter counter(MeterRegistry registry, String name, String description, String channel,
				String mode) {
			return Counter.builder(name).description(description).tags(tags(channel, mode)).register(registry);
		}

		private static Tags tags(String channel, String mode) {
			return Tags.of("channel", channel, "mode", mode);
		}

		void handled(long startNanos) {
			this.handler.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
		}

	}

}
