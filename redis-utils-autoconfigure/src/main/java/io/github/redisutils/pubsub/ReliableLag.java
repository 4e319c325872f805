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

import java.nio.charset.StandardCharsets;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.stream.PendingMessagesSummary;
import org.springframework.data.redis.connection.stream.StreamInfo.XInfoGroup;
import org.springframework.data.redis.connection.stream.StreamInfo.XInfoGroups;

/**
 * Reads a reliable consumer group's backlog for health: entries pending (delivered, not
 * acknowledged) and the lag (not yet delivered, reported by Redis 7+). Unknown values are
 * {@code -1}: health must never fail because Redis is down, that is the
 * {@code connection} child's to report.
 *
 * @author redis-utils authors
 */
final class ReliableLag {

	private static final Log logger = LogFactory.getLog(ReliableLag.class);

	private ReliableLag() {
	}

	static PubSubStatus.ReliableStatus of(RedisConnectionFactory connectionFactory, StreamConsumer consumer) {
		long pending = -1;
		long lag = -1;
		byte[] key = consumer.stream().getBytes(StandardCharsets.UTF_8);
		try (RedisConnection connection = connectionFactory.getConnection()) {
			PendingMessagesSummary summary = connection.streamCommands().xPending(key, consumer.group());
			pending = (summary != null) ? summary.getTotalPendingMessages() : 0;
			XInfoGroups groups = connection.streamCommands().xInfoGroups(key);
			if (groups != null) {
				for (XInfoGroup group : groups) {
					if (consumer.group().equals(group.groupName())) {
						Object value = group.getRaw().get("lag");
						lag = (value instanceof Number number) ? number.longValue() : -1;
					}
				}
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Pub/sub: could not read the backlog of " + consumer.stream(), ex);
		}
		return new PubSubStatus.ReliableStatus(consumer.channel(), consumer.group(), consumer.isConsuming(), pending,
				lag);
	}

}
