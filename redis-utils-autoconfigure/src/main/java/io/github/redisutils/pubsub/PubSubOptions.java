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
import java.util.Map;

import io.github.redisutils.core.SettingProblems;
import org.jspecify.annotations.Nullable;

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
		SettingProblems.throwIfAny("pub/sub options",
				problems(namespace, threads, queueCapacity, shutdownTimeout, maxChannelTags, reliable));
	}

	/**
	 * Return the problems of pub/sub options, the rules used by the constructor and by
	 * start-up validation of {@code redis.pubsub.*}.
	 * @param namespace the namespace of channels and streams
	 * @param threads the handler threads
	 * @param queueCapacity the handler queue capacity
	 * @param shutdownTimeout the longest wait for handlers at shutdown
	 * @param maxChannelTags the most distinct channel tags of meters
	 * @param reliable the reliable-delivery settings
	 * @return a problem per field name, empty when the values are acceptable
	 */
	public static Map<String, String> problems(@Nullable String namespace, int threads, int queueCapacity,
			@Nullable Duration shutdownTimeout, int maxChannelTags, @Nullable Reliable reliable) {
		SettingProblems problems = new SettingProblems().hasText("namespace", namespace);
		positive(problems, "threads", threads);
		positive(problems, "queueCapacity", queueCapacity);
		problems.notNegative("shutdownTimeout", shutdownTimeout);
		positive(problems, "maxChannelTags", maxChannelTags);
		if (reliable == null) {
			problems.add("reliable", "must not be null");
		}
		return problems.toMap();
	}

	private static void positive(SettingProblems problems, String field, long value) {
		if (value < 1) {
			problems.add(field, "must be positive (was " + value + ")");
		}
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
		 * Largest batch size accepted.
		 */
		public static final int MAX_BATCH_SIZE = 10_000;

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
			SettingProblems.throwIfAny("reliable pub/sub options",
					problems(group, consumer, maxLength, batchSize, block, claimIdle, maxDeliveries));
		}

		/**
		 * Return the problems of reliable-delivery settings, the rules used by the
		 * constructor and by start-up validation of {@code redis.pubsub.reliable.*}.
		 * @param group group
		 * @param consumer consumer
		 * @param maxLength stream length cap
		 * @param batchSize batch size, at most {@value #MAX_BATCH_SIZE}
		 * @param block block time
		 * @param claimIdle idle time before claiming
		 * @param maxDeliveries most deliveries
		 * @return a problem per field name, empty when the values are acceptable
		 */
		public static Map<String, String> problems(@Nullable String group, @Nullable String consumer, long maxLength,
				int batchSize, @Nullable Duration block, @Nullable Duration claimIdle, int maxDeliveries) {
			SettingProblems problems = new SettingProblems().hasText("group", group).hasText("consumer", consumer);
			positive(problems, "maxLength", maxLength);
			if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
				problems.add("batchSize", "must be between 1 and " + MAX_BATCH_SIZE + " (was " + batchSize + ")");
			}
			problems.atLeast("block", block, Duration.ofMillis(1), "0 would block forever");
			problems.atLeast("claimIdle", claimIdle, Duration.ofMillis(1), null);
			positive(problems, "maxDeliveries", maxDeliveries);
			return problems.toMap();
		}

	}

}
