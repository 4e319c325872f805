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

import io.github.redisutils.core.RedisKeys;

import org.springframework.util.Assert;

/**
 * Naming of pub/sub: maps a declared channel, pattern or reliable channel to its Redis
 * name under the namespace, and a received Redis channel back to the declared one. Kept
 * apart so that publisher, registry and dispatcher agree on one rule.
 *
 * @author redis-utils authors
 */
final class PubSubNames {

	private final RedisKeys.FeatureKeys names;

	private final String namespacePrefix;

	PubSubNames(String namespace) {
		this.names = RedisKeys.withPrefix(namespace).feature("pubsub");
		this.namespacePrefix = this.names.key("x").substring(0, this.names.key("x").length() - 1);
	}

	String redisChannel(String channel) {
		return this.names.key(channel);
	}

	String redisPattern(String pattern) {
		String escapedBase = this.names.pattern();
		return escapedBase.substring(0, escapedBase.length() - 1) + checked(pattern);
	}

	private static String checked(String pattern) {
		Assert.hasText(pattern, "A pattern must not be empty");
		return pattern;
	}

	String streamKey(String channel) {
		return this.names.key("stream", channel);
	}

	String channelName(String redisChannel) {
		return redisChannel.startsWith(this.namespacePrefix) ? redisChannel.substring(this.namespacePrefix.length())
				: redisChannel;
	}

}
