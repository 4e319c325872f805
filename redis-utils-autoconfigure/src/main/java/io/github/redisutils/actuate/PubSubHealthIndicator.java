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
package io.github.redisutils.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.redisutils.pubsub.PubSubStatus;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code pubsub} child of the {@code redis} health contributor: whether the
 * subscription connection is up, how many listeners, channels and patterns are
 * registered, and each reliable consumer's pending entries and lag. It stays UP while the
 * subscription is down (it resubscribes by itself; Redis being unreachable is the
 * {@code connection} child's to report) and adds a {@code warning} detail.
 *
 * @author redis-utils authors
 */
public class PubSubHealthIndicator implements HealthIndicator {

	private final Supplier<PubSubStatus> status;

	/**
	 * Create an indicator.
	 * @param status reads the pub/sub's state, for example {@code redisPubSub::status}
	 */
	public PubSubHealthIndicator(Supplier<PubSubStatus> status) {
		this.status = status;
	}

	@Override
	public Health health() {
		PubSubStatus status = this.status.get();
		Health.Builder health = Health.up()
			.withDetail("subscribed", status.connected())
			.withDetail("listeners", status.listeners())
			.withDetail("channels", status.channels())
			.withDetail("patterns", status.patterns());
		if (!status.reliable().isEmpty()) {
			List<Map<String, Object>> reliable = new ArrayList<>();
			for (PubSubStatus.ReliableStatus consumer : status.reliable()) {
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("channel", consumer.channel());
				details.put("group", consumer.group());
				details.put("consuming", consumer.consuming());
				details.put("pending", consumer.pending());
				details.put("lag", consumer.lag());
				reliable.add(details);
			}
			health.withDetail("reliable", reliable);
		}
		if (!status.refused().isEmpty()) {
			health.withDetail("refused", status.refused());
			health.withDetail("warning", "Redis refused to subscribe to " + status.refused()
					+ ": grant the ACL user the channel rule '&<name>' for each");
		}
		else if (!status.connected() && (status.channels() > 0 || status.patterns() > 0)) {
			health.withDetail("warning",
					"Not subscribed: messages published now are lost for this instance (use the reliable mode where that matters)");
		}
		return health.build();
	}

}
