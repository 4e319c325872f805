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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import io.github.redisutils.core.PrimarySwitch;
import io.github.redisutils.core.PrimarySwitchListener;
import io.github.redisutils.core.RedisSubscription;
import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.core.SubscriptionStatus;
import io.github.redisutils.core.codec.ValueCodec;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Default {@link RedisPubSub}: a facade that keeps the public API, the status and the
 * lifecycle, and hands each job to a package-private class of its own, so that each can
 * be read and changed alone: {@link PubSubPublisher} publishes, {@link ListenerRegistry}
 * keeps registrations and (un)subscribes on one {@link RedisSubscription} (one
 * {@link StreamConsumer} per reliable channel), {@link PubSubDispatcher} hands received
 * messages to its bounded handler pool and calls the listeners, and {@link PubSubNames}
 * names channels and streams.
 *
 * @author redis-utils authors
 */
final class DefaultRedisPubSub implements RedisPubSub, SmartLifecycle, PrimarySwitchListener {

	private final LettuceConnectionFactory connectionFactory;

	private final PubSubOptions options;

	private final String instanceId = UUID.randomUUID().toString();

	private final RedisSubscription connection;

	private final PubSubPublisher publisher;

	private final PubSubDispatcher dispatcher;

	private final ListenerRegistry registry;

	private final Object lifecycleMonitor = new Object();

	private volatile boolean running;

	DefaultRedisPubSub(LettuceConnectionFactory connectionFactory, ValueCodec codec, PubSubOptions options,
			MeterRegistry meterRegistry, RedisThreads threads, OutageBackoff outage) {
		this.connectionFactory = connectionFactory;
		this.options = options;
		PubSubNames names = new PubSubNames(options.namespace());
		PubSubMetrics metrics = new PubSubMetrics(meterRegistry, options.maxChannelTags());
		this.publisher = new PubSubPublisher(connectionFactory, codec, options, names, this.instanceId, metrics,
				outage);
		this.dispatcher = new PubSubDispatcher(codec, options, names, this.instanceId, threads);
		this.connection = RedisSubscription.create(connectionFactory, "pubsub", new Receiver(), threads, meterRegistry);
		this.registry = new ListenerRegistry(connectionFactory, options, names, metrics, threads, this.connection,
				this.dispatcher, this.lifecycleMonitor, () -> this.running);
	}

	// Publishing

	@Override
	public long publish(String channel, Object message) {
		return this.publisher.publish(channel, message);
	}

	@Override
	public String publishReliably(String channel, Object message) {
		return this.publisher.publishReliably(channel, message);
	}

	// Subscribing

	@Override
	public <T> Subscription subscribe(String channel, Class<T> type, Consumer<? super T> handler) {
		return register(new ListenerDefinition(List.of(channel), List.of(), type,
				(message) -> handler.accept(type.cast(message.payload())), false, null, false));
	}

	@Override
	public <T> Subscription psubscribe(String pattern, Class<T> type, Consumer<? super T> handler) {
		return register(new ListenerDefinition(List.of(), List.of(pattern), type,
				(message) -> handler.accept(type.cast(message.payload())), false, null, false));
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public <T> Subscription subscribeReliably(String channel, Class<T> type, MessageHandler<T> handler) {
		return register(
				new ListenerDefinition(List.of(channel), List.of(), type, (MessageHandler) handler, true, null, false));
	}

	@Override
	public Subscription register(ListenerDefinition definition) {
		return this.registry.register(definition);
	}

	/**
	 * Routes what the subscription connection receives to the registry's listeners; an
	 * inner class because the connection is created before the registry that uses it.
	 */
	private final class Receiver implements RedisSubscription.Listener {

		@Override
		public void message(String channel, byte[] message) {
			DefaultRedisPubSub.this.dispatcher.dispatch(DefaultRedisPubSub.this.registry.channelRoutes(channel),
					channel, message);
		}

		@Override
		public void message(String pattern, String channel, byte[] message) {
			DefaultRedisPubSub.this.dispatcher.dispatch(DefaultRedisPubSub.this.registry.patternRoutes(pattern),
					channel, message);
		}

	}

	// Status and lifecycle

	@Override
	public String instanceId() {
		return this.instanceId;
	}

	@Override
	public PubSubStatus status() {
		List<PubSubStatus.ReliableStatus> reliable = new ArrayList<>();
		for (StreamConsumer consumer : this.registry.consumers()) {
			reliable.add(ReliableLag.of(this.connectionFactory, consumer));
		}
		SubscriptionStatus subscription = this.connection.status();
		return new PubSubStatus(this.connection.isConnected(), this.registry.subscriptionCount(),
				this.registry.channelCount(), this.registry.patternCount(), reliable, subscription.refused(),
				subscription.resubscriptions(), subscription.lastMessage());
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.running) {
				return;
			}
			this.running = true;
			this.dispatcher.start();
			this.connection.start();
			this.registry.consumers().forEach(StreamConsumer::start);
		}
	}

	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			if (!this.running) {
				return;
			}
			this.running = false;
			this.connection.stop();
		}
		long deadline = System.nanoTime() + this.options.shutdownTimeout().toNanos();
		for (StreamConsumer consumer : this.registry.consumers()) {
			consumer.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
		}
		this.dispatcher.stop(deadline);
	}

	/**
	 * Drop the subscription connection and subscribe again from scratch.
	 */
	void reconnect() {
		this.connection.reconnect();
		this.registry.consumers().forEach(StreamConsumer::reconnect);
	}

	@Override
	public void primarySwitched(PrimarySwitch primarySwitch) {
		reconnect();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Start before the web server, so that listeners hear the first requests' messages,
	 * and stop after it.
	 * @return the phase
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 4096;
	}

}
