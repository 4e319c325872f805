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

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of {@link RedisPubSub}'s state, for health and diagnostics.
 *
 * @param connected whether the subscription connection is up
 * @param listeners registered handlers (a handler with two channels counts once)
 * @param channels Redis channels subscribed to
 * @param patterns Redis patterns subscribed to
 * @param reliable state of every reliable consumer
 * @param refused channels and patterns the server refused to subscribe to (an ACL user
 * lacking {@code &<name>}): their messages are not received
 * @param resubscriptions how often the subscription was made again after a loss
 * @param lastMessage when the last classic message arrived, if any did
 * @author redis-utils authors
 */
public record PubSubStatus(boolean connected, int listeners, int channels, int patterns, List<ReliableStatus> reliable,
		List<String> refused, long resubscriptions, @Nullable Instant lastMessage) {

	/**
	 * Check and copy.
	 * @param connected connected
	 * @param listeners listener count
	 * @param channels channel count
	 * @param patterns pattern count
	 * @param reliable reliable consumers
	 * @param refused refused names
	 * @param resubscriptions resubscription count
	 * @param lastMessage last message time
	 */
	public PubSubStatus {
		reliable = List.copyOf(reliable);
		refused = List.copyOf(refused);
	}

	/**
	 * State of one reliable consumer.
	 *
	 * @param channel the channel as declared
	 * @param group its consumer group
	 * @param consuming whether it has joined its group and reads
	 * @param pending entries of the group delivered but not acknowledged, {@code -1} if
	 * unknown
	 * @param lag entries of the stream not yet delivered to the group, {@code -1} if
	 * unknown (read from the server on Redis 7, computed from the stream's length and the
	 * group's last delivered id on Redis 6.2)
	 */
	public record ReliableStatus(String channel, String group, boolean consuming, long pending, long lag) {

	}

}
