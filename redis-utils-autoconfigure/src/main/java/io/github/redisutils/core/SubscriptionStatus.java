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
package io.github.redisutils.core;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a {@link RedisSubscription}, for health and diagnostics.
 *
 * @param connected whether the connection is up and its subscriptions confirmed
 * @param channels channels wanted
 * @param patterns patterns wanted
 * @param refused channels and patterns the server refused to subscribe to (an ACL user
 * without the matching {@code &<channel>} rule); each needs the rule {@code &<name>}
 * @param resubscriptions how often the subscription was established again after a loss
 * @param lastMessage when the last message arrived, if any did
 * @author redis-utils authors
 */
public record SubscriptionStatus(boolean connected, List<String> channels, List<String> patterns, List<String> refused,
		long resubscriptions, @Nullable Instant lastMessage) {

	/**
	 * Copy the lists.
	 * @param connected connected
	 * @param channels channels
	 * @param patterns patterns
	 * @param refused refused names
	 * @param resubscriptions resubscription count
	 * @param lastMessage last message time
	 */
	public SubscriptionStatus {
		channels = List.copyOf(channels);
		patterns = List.copyOf(patterns);
		refused = List.copyOf(refused);
	}

	/**
	 * Return the status of a subscription that was never started.
	 * @return an empty, disconnected status
	 */
	public static SubscriptionStatus none() {
		return new SubscriptionStatus(false, List.of(), List.of(), List.of(), 0, null);
	}

}
