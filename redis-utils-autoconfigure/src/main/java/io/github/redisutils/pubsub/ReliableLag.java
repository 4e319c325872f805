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
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.PendingMessagesSummary;
import org.springframework.data.redis.connection.stream.StreamInfo.XInfoGroup;
import org.springframework.data.redis.connection.stream.StreamInfo.XInfoGroups;

/**
 * Reads a reliable consumer group's backlog for health: entries pending (delivered, not
 * acknowledged) and the lag (not yet delivered: reported by Redis 7+, counted from the
 * group's last delivered id on Redis 6.2, where XINFO GROUPS has no lag). Unknown values
 * are {@code -1}: health must never fail because Redis is down, that is the
 * {@code connection} child's to report.
 *
 * @author redis-utils authors
 */
final class ReliableLag {

	private static final Log logger = LogFactory.getLog(ReliableLag.class);

	private static final int COUNT_LIMIT = 1000;

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
						lag = (value instanceof Number number) ? number.longValue()
								: countAfter(connection, key, group.lastDeliveredId());
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

	/**
	 * Redis 6.2 reports no lag: count the entries after the group's last delivered id,
	 * reading at most {@link #COUNT_LIMIT} ids; a larger backlog is reported as the
	 * stream's length, an upper bound.
	 */
	private static long countAfter(RedisConnection connection, byte[] key, String lastDeliveredId) {
		String[] parts = lastDeliveredId.split("-");
		if (parts.length != 2) {
			return -1;
		}
		String next = parts[0] + "-" + (Long.parseUnsignedLong(parts[1]) + 1);
		List<ByteRecord> after = connection.streamCommands()
			.xRange(key, Range.rightUnbounded(Range.Bound.inclusive(next)), Limit.limit().count(COUNT_LIMIT));
		if (after == null) {
			return -1;
		}
		if (after.size() < COUNT_LIMIT) {
			return after.size();
		}
		Long length = connection.streamCommands().xLen(key);
		return (length != null) ? length : -1;
	}

}
