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

import java.lang.reflect.Type;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Everything a listener declares, the programmatic twin of {@link PubSubListener}.
 *
 * @param channels channels to subscribe to, without the namespace
 * @param patterns patterns to subscribe to, without the namespace; must be empty when
 * reliable
 * @param payloadType the type payloads are decoded into, possibly generic
 * @param handler the handler
 * @param reliable whether to consume reliable streams instead of classic pub/sub
 * @param group the consumer group of a reliable listener, or {@code null} for the
 * application's
 * @param skipOwnMessages whether to skip messages this instance published
 * @author redis-utils authors
 */
public record ListenerDefinition(List<String> channels, List<String> patterns, Type payloadType,
		MessageHandler<Object> handler, boolean reliable, @Nullable String group, boolean skipOwnMessages) {

	/**
	 * Check and copy the definition.
	 * @param channels channels
	 * @param patterns patterns
	 * @param payloadType payload type
	 * @param handler handler
	 * @param reliable whether reliable
	 * @param group consumer group or {@code null}
	 * @param skipOwnMessages whether to skip own messages
	 */
	public ListenerDefinition {
		channels = List.copyOf(channels);
		patterns = List.copyOf(patterns);
		Assert.isTrue(!channels.isEmpty() || !patterns.isEmpty(), "A listener needs at least one channel or pattern");
		Assert.isTrue(!reliable || patterns.isEmpty(),
				"A reliable listener cannot use patterns: streams are consumed by name");
		Assert.notNull(payloadType, "'payloadType' must not be null");
		Assert.notNull(handler, "'handler' must not be null");
		Assert.isTrue(group == null || !group.isBlank(), "'group' must not be blank");
	}

}
