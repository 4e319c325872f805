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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import io.github.redisutils.core.RedisSubscription;
import io.github.redisutils.core.RedisThreads;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Listener registrations of {@link DefaultRedisPubSub}: the routes from a Redis channel
 * or pattern to its listeners, the (un)subscriptions on the shared
 * {@link RedisSubscription}, and one {@link StreamConsumer} per reliable channel. Apart
 * from dispatch so that the bookkeeping under the lifecycle monitor lives in one place.
 *
 * @author redis-utils authors
 */
final class ListenerRegistry {

	private static final Duration SUBSCRIBE_WAIT = Duration.ofSeconds(5);

	private final LettuceConnectionFactory connectionFactory;

	private final PubSubOptions options;

	private final PubSubNames names;

	private final PubSubMetrics metrics;

	private final RedisThreads threads;

	private final RedisSubscription connection;

	private final PubSubDispatcher dispatcher;

	private final Object lifecycleMonitor;

	private final BooleanSupplier running;

	private final Map<String, List<Registration>> channels = new ConcurrentHashMap<>();

	private final Map<String, List<Registration>> patterns = new ConcurrentHashMap<>();

	private final List<StreamConsumer> consumers = new CopyOnWriteArrayList<>();

	private final Set<DefaultSubscription> subscriptions = ConcurrentHashMap.newKeySet();

	ListenerRegistry(LettuceConnectionFactory connectionFactory, PubSubOptions options, PubSubNames names,
			PubSubMetrics metrics, RedisThreads threads, RedisSubscription connection, PubSubDispatcher dispatcher,
			Object lifecycleMonitor, BooleanSupplier running) {
		this.connectionFactory = connectionFactory;
		this.options = options;
		this.names = names;
		this.metrics = metrics;
		this.threads = threads;
		this.connection = connection;
		this.dispatcher = dispatcher;
		this.lifecycleMonitor = lifecycleMonitor;
		this.running = running;
	}

	Subscription register(ListenerDefinition definition) {
		Type envelopeType = Envelope.typeFor(definition.payloadType());
		List<Registration> registrations = new ArrayList<>();
		List<StreamConsumer> started = new ArrayList<>();
		for (String channel : definition.channels()) {
			registrations.add(new Registration(channel, null, envelopeType, definition,
					this.names.redisChannel(channel), this.metrics));
		}
		for (String pattern : definition.patterns()) {
			registrations.add(new Registration(pattern, pattern, envelopeType, definition,
					this.names.redisPattern(pattern), this.metrics));
		}
		DefaultSubscription subscription = new DefaultSubscription(registrations, started);
		List<CompletableFuture<Boolean>> confirmations = new ArrayList<>();
		synchronized (this.lifecycleMonitor) {
			this.subscriptions.add(subscription);
			for (Registration registration : registrations) {
				if (definition.reliable()) {
					String group = (definition.group() != null) ? definition.group() : this.options.reliable().group();
					StreamConsumer consumer = new StreamConsumer(this.connectionFactory,
							this.names.streamKey(registration.declared), registration.declared, group,
							this.options.reliable(), this.dispatcher.reliableHandler(registration), this.threads);
					started.add(consumer);
					this.consumers.add(consumer);
					if (this.running.getAsBoolean()) {
						consumer.start();
					}
				}
				else {
					Map<String, List<Registration>> routes = (registration.pattern != null) ? this.patterns
							: this.channels;
					routes.computeIfAbsent(registration.redisName, (k) -> new CopyOnWriteArrayList<>())
						.add(registration);
					confirmations
						.add((registration.pattern != null) ? this.connection.psubscribe(registration.redisName)
								: this.connection.subscribe(registration.redisName));
				}
			}
		}
		awaitConfirmations(confirmations);
		return subscription;
	}

	private void unregister(DefaultSubscription subscription) {
		List<StreamConsumer> stopped = new ArrayList<>();
		List<CompletableFuture<Boolean>> confirmations = new ArrayList<>();
		synchronized (this.lifecycleMonitor) {
			if (!this.subscriptions.remove(subscription)) {
				return;
			}
			for (Registration registration : subscription.registrations) {
				registration.active = false;
				if (registration.definition.reliable()) {
					continue;
				}
				Map<String, List<Registration>> routes = (registration.pattern != null) ? this.patterns : this.channels;
				List<Registration> remaining = routes.computeIfPresent(registration.redisName, (k, list) -> {
					list.remove(registration);
					return list.isEmpty() ? null : list;
				});
				if (remaining == null) {
					confirmations
						.add((registration.pattern != null) ? this.connection.punsubscribe(registration.redisName)
								: this.connection.unsubscribe(registration.redisName));
				}
			}
			this.consumers.removeAll(subscription.consumers);
			stopped.addAll(subscription.consumers);
		}
		awaitConfirmations(confirmations);
		for (StreamConsumer consumer : stopped) {
			consumer.stop(this.options.shutdownTimeout());
		}
	}

	/**
	 * Wait, outside any monitor and bounded, for the server to confirm (un)subscriptions:
	 * a message published once {@code register} returned is then received, and none once
	 * {@code close} returned. While Redis is down the subscription is made on
	 * reconnection.
	 */
	private static void awaitConfirmations(List<CompletableFuture<Boolean>> confirmations) {
		long deadline = System.nanoTime() + SUBSCRIBE_WAIT.toNanos();
		for (CompletableFuture<Boolean> confirmation : confirmations) {
			try {
				confirmation.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (ExecutionException | TimeoutException ex) {
				return;
			}
		}
	}

	@Nullable List<Registration> channelRoutes(String redisChannel) {
		return this.channels.get(redisChannel);
	}

	@Nullable List<Registration> patternRoutes(String redisPattern) {
		return this.patterns.get(redisPattern);
	}

	List<StreamConsumer> consumers() {
		return this.consumers;
	}

	int subscriptionCount() {
		return this.subscriptions.size();
	}

	int channelCount() {
		return this.channels.size();
	}

	int patternCount() {
		return this.patterns.size();
	}

	/**
	 * One channel or pattern of one listener.
	 */
	static final class Registration {

		final String declared;

		final @Nullable String pattern;

		final Type envelopeType;

		final ListenerDefinition definition;

		final String redisName;

		final PubSubMetrics.Meters meters;

		volatile boolean active = true;

		Registration(String declared, @Nullable String pattern, Type envelopeType, ListenerDefinition definition,
				String redisName, PubSubMetrics metrics) {
			this.declared = declared;
			this.pattern = pattern;
			this.envelopeType = envelopeType;
			this.definition = definition;
			this.redisName = redisName;
			this.meters = metrics.of(declared, definition.reliable());
		}

	}

	private final class DefaultSubscription implements Subscription {

		final List<Registration> registrations;

		final List<StreamConsumer> consumers;

		DefaultSubscription(List<Registration> registrations, List<StreamConsumer> consumers) {
			this.registrations = registrations;
			this.consumers = consumers;
		}

		@Override
		public boolean isActive() {
			return ListenerRegistry.this.subscriptions.contains(this);
		}

		@Override
		public void close() {
			unregister(this);
		}

	}

}
