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

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Settings of {@link RedisPubSub}.
 *
 * @param namespace what channel names and reliable streams are qualified with
 * ({@code <namespace>:pubsub:<channel>}); applications that exchange messages use the
 * same one
 * @param threads handler threads of classic pub/sub
 * @param queueCapacity messages waiting for a handler thread before further ones are
 * dropped (and counted)
 * @param shutdownTimeout how long stopping waits for running handlers
 * @param maxChannelTags distinct channel tag values on meters before further channels are
 * tagged {@code other}
 * @param reliable settings of the reliable mode
 * @author redis-utils authors
 */
public record PubSubOptions(String namespace, int threads, int queueCapacity, Duration shutdownTimeout,
		int maxChannelTags, Reliable reliable) {

	/**
	 * Check the options.
	 * @param namespace namespace
	 * @param threads threads
	 * @param queueCapacity queue capacity
	 * @param shutdownTimeout shutdown timeout
	 * @param maxChannelTags most channel tag values
	 * @param reliable reliable mode settings
	 */
	public PubSubOptions {
		Assert.hasText(namespace, "'namespace' must not be empty");
		Assert.isTrue(threads > 0, "'threads' must be positive");
		Assert.isTrue(queueCapacity > 0, "'queueCapacity' must be positive");
		Assert.isTrue(!shutdownTimeout.isNegative(), "'shutdownTimeout' must not be negative");
		Assert.isTrue(maxChannelTags > 0, "'maxChannelTags' must be positive");
		Assert.notNull(reliable, "'reliable' must not be null");
	}

	/**
	 * Settings of the reliable mode on Redis Streams.
	 *
	 * @param group consumer group of this application
	 * @param consumer consumer name of this instance within the group
	 * @param maxLength approximate cap on each stream's length ({@code MAXLEN ~})
	 * @param batchSize entries read or claimed at once
	 * @param block how long one {@code XREADGROUP} waits for entries
	 * @param claimIdle how long an entry stays pending before another consumer claims it
	 * (the time a dead or failed consumer holds it)
	 * @param maxDeliveries deliveries after which a failing entry is acknowledged and
	 * dropped (logged and counted)
	 */
	public record Reliable(String group, String consumer, long maxLength, int batchSize, Duration block,
			Duration claimIdle, int maxDeliveries) {

		/**
		 * Check the settings.
		 * @param group group
		 * @param consumer consumer
		 * @param maxLength stream length cap
		 * @param batchSize batch size
		 * @param block block time
		 * @param claimIdle idle time before claiming
		 * @param maxDeliveries most deliveries
		 */
		public Reliable {
			Assert.hasText(group, "'group' must not be empty");
			Assert.hasText(consumer, "'consumer' must not be empty");
			Assert.isTrue(maxLength > 0, "'maxLength' must be positive");
			Assert.isTrue(batchSize > 0, "'batchSize' must be positive");
			Assert.isTrue(block.toMillis() > 0, "'block' must be at least 1ms");
			Assert.isTrue(claimIdle.toMillis() > 0, "'claimIdle' must be at least 1ms");
			Assert.isTrue(maxDeliveries > 0, "'maxDeliveries' must be positive");
		}

	}

}
