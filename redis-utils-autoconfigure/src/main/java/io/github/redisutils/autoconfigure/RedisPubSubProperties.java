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
package io.github.redisutils.autoconfigure;

import java.time.Duration;
import java.util.UUID;

import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.pubsub.PubSubOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of typed pub/sub, under {@code redis.pubsub.*}. They validate
 * themselves when bound: a bad value fails start-up naming the property.
 *
 * @author redis-utils authors
 */
@ConfigurationProperties("redis.pubsub")
public class RedisPubSubProperties implements Validator {

	/**
	 * Whether typed pub/sub is enabled.
	 */
	private boolean enabled = true;

	/**
	 * Namespace channel names and reliable streams are qualified with
	 * ({@code <namespace>:pubsub:<channel>}). Defaults to the key prefix, so applications
	 * sharing a Redis do not hear each other; applications that exchange messages set the
	 * same value.
	 */
	private @Nullable String namespace;

	/**
	 * Distinct channel tag values on redis.pubsub.* meters before further channels are
	 * tagged "other" (channels may be per-entity).
	 */
	private int maxChannelTags = 100;

	private final Executor executor = new Executor();

	private final Listeners listeners = new Listeners();

	private final Reliable reliable = new Reliable();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getNamespace() {
		return this.namespace;
	}

	public void setNamespace(@Nullable String namespace) {
		this.namespace = namespace;
	}

	public int getMaxChannelTags() {
		return this.maxChannelTags;
	}

	public void setMaxChannelTags(int maxChannelTags) {
		this.maxChannelTags = maxChannelTags;
	}

	public Executor getExecutor() {
		return this.executor;
	}

	public Listeners getListeners() {
		return this.listeners;
	}

	public Reliable getReliable() {
		return this.reliable;
	}

	/**
	 * Return the options these properties describe, with the defaults of an application:
	 * the namespace is the key prefix, the reliable consumer group is the application's
	 * name (else the key prefix), so that instances of one application share the work,
	 * and the consumer is a name unique to this instance.
	 * @param keyPrefix the key prefix
	 * @param applicationName {@code spring.application.name}, or {@code null}
	 * @return the options
	 */
	public PubSubOptions toOptions(String keyPrefix, @Nullable String applicationName) {
		String group = (applicationName != null && !applicationName.isBlank()) ? applicationName : keyPrefix;
		return toOptions(keyPrefix, group, UUID.randomUUID().toString());
	}

	/**
	 * Return the options these properties describe, with the given defaults.
	 */
	PubSubOptions toOptions(String keyPrefix, String defaultGroup, String consumer) {
		String group = (this.reliable.group != null) ? this.reliable.group : defaultGroup;
		String consumerName = (this.reliable.consumer != null) ? this.reliable.consumer : consumer;
		return new PubSubOptions((this.namespace != null) ? this.namespace : keyPrefix, this.executor.threads,
				this.executor.queueCapacity, this.executor.shutdownTimeout, this.maxChannelTags,
				new PubSubOptions.Reliable(group, consumerName, this.reliable.maxLength, this.reliable.batchSize,
						this.reliable.block, this.reliable.claimIdle, this.reliable.maxDeliveries));
	}

	@Override
	public boolean supports(Class<?> type) {
		return RedisPubSubProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RedisPubSubProperties properties = (RedisPubSubProperties) target;
		if (properties.namespace != null) {
			String problem = RedisKeys.prefixProblem(properties.namespace);
			if (problem != null) {
				errors.rejectValue("namespace", "invalid", problem);
			}
		}
		PubSubOptions.problems((properties.namespace != null) ? properties.namespace : "-", properties.executor.threads,
				properties.executor.queueCapacity, properties.executor.shutdownTimeout, properties.maxChannelTags, null)
			.forEach((field, problem) -> {
				if (!field.equals("reliable")) {
					errors.rejectValue(field.equals("maxChannelTags") ? field : "executor." + field, "invalid",
							problem);
				}
			});
		Reliable reliable = properties.reliable;
		PubSubOptions.Reliable
			.problems((reliable.group != null) ? reliable.group : "-",
					(reliable.consumer != null) ? reliable.consumer : "-", reliable.maxLength, reliable.batchSize,
					reliable.block, reliable.claimIdle, reliable.maxDeliveries)
			.forEach((field, problem) -> errors.rejectValue("reliable." + field, "invalid", problem));
	}

	/**
	 * Executor that classic pub/sub handlers run on.
	 */
	public static class Executor {

		/**
		 * Handler threads. A handler blocks one thread while it runs; others keep
		 * receiving on the remaining ones.
		 */
		private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());

		/**
		 * Messages waiting for a handler thread; beyond it messages are dropped and
		 * counted (redis.pubsub.dropped).
		 */
		private int queueCapacity = 10_000;

		/**
		 * How long stopping waits for running handlers.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		public int getThreads() {
			return this.threads;
		}

		public void setThreads(int threads) {
			this.threads = threads;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

	}

	/**
	 * Annotated listeners.
	 */
	public static class Listeners {

		/**
		 * Whether @PubSubListener methods are found and subscribed at start-up.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Reliable mode on Redis Streams.
	 */
	public static class Reliable {

		/**
		 * Consumer group of this application; defaults to spring.application.name, else
		 * the key prefix. Every application consuming a channel gets each message once.
		 */
		private @Nullable String group;

		/**
		 * Consumer name of this instance in its group; defaults to a random id per start.
		 */
		private @Nullable String consumer;

		/**
		 * Approximate cap on each stream's length (XADD MAXLEN ~); older entries are
		 * trimmed, acknowledged or not.
		 */
		private long maxLength = 100_000;

		/**
		 * Entries read or claimed at once.
		 */
		private int batchSize = 100;

		/**
		 * How long one read waits for new entries.
		 */
		private Duration block = Duration.ofSeconds(1);

		/**
		 * How long an entry stays unacknowledged before another consumer claims it: the
		 * time a dead consumer's entries wait, and a failed entry's retry delay.
		 */
		private Duration claimIdle = Duration.ofSeconds(30);

		/**
		 * Deliveries after which an entry whose handler keeps failing is acknowledged,
		 * logged and dropped.
		 */
		private int maxDeliveries = 5;

		public @Nullable String getGroup() {
			return this.group;
		}

		public void setGroup(@Nullable String group) {
			this.group = group;
		}

		public @Nullable String getConsumer() {
			return this.consumer;
		}

		public void setConsumer(@Nullable String consumer) {
			this.consumer = consumer;
		}

		public long getMaxLength() {
			return this.maxLength;
		}

		public void setMaxLength(long maxLength) {
			this.maxLength = maxLength;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public Duration getBlock() {
			return this.block;
		}

		public void setBlock(Duration block) {
			this.block = block;
		}

		public Duration getClaimIdle() {
			return this.claimIdle;
		}

		public void setClaimIdle(Duration claimIdle) {
			this.claimIdle = claimIdle;
		}

		public int getMaxDeliveries() {
			return this.maxDeliveries;
		}

		public void setMaxDeliveries(int maxDeliveries) {
			this.maxDeliveries = maxDeliveries;
		}

	}

}
