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

import org.jspecify.annotations.Nullable;

/**
 * A received message: its envelope and the payload, decoded into the declared type.
 *
 * @param <T> the payload type
 * @param id the message id, unique per publication (a UUID)
 * @param type the publisher's payload class name, informational only: the payload is
 * always read as the type the receiver declares
 * @param timestamp when the message was published, by the publisher's clock
 * @param origin the publishing instance's id, compare with
 * {@link RedisPubSub#instanceId()} to recognise one's own messages
 * @param channel the channel it was published on, without the namespace
 * @param pattern the pattern it matched as declared, or {@code null} for a channel
 * subscription
 * @param payload the payload, {@code null} if {@code null} was published
 * @author redis-utils authors
 */
public record ReceivedMessage<T>(String id, String type, Instant timestamp, String origin, String channel,
		@Nullable String pattern, @Nullable T payload) {

}
