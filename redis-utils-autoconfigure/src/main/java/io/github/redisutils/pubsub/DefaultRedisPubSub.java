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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.github.redisutils.core.PrimarySwitch;
import io.github.redisutils.core.PrimarySwitchListener;
import io.github.redisutils.core.RateLimitedLog;
import io.github.redisutils.core.RedisCalls;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisSubscription;
import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.core.RedisUtilsException;
import io.github.redisutils.core.SubscriptionStatus;
import io.github.redisutils.core.codec.ValueCodec;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.util.Assert;

/**
 * Default {@link RedisPubSub}: publishes through the application's connection factory,
 * receives classic messages on one {@link RedisSubscription} and hands each to a bounded
 * thread pool (a full queue drops the message and counts it: pub/sub is at most once
 * anyway, and a stalled handler must not grow memory without bound), and consumes each
 * reliable channel with a {@link StreamConsumer}.
 *
 * @author redis-utils authors
 */
final class DefaultRedisPubSub implements RedisPubSub, SmartLifecycle, PrimarySwitchListener {

	private static final Log logger = LogFactory.getLog(DefaultRedisPubSub.class);

	private static final Duration SUBSCRIBE_WAIT = Duration.ofSeconds(5);

	private final LettuceConnectionFactory connectionFactory;

	private final ValueCodec codec;

	private final PubSubOptions options;

	private final RedisKeys.FeatureKeys names;

	private final String namespacePrefix;

	private final String instanceId = UUID.randomUUID().toString();

	private final PubSubMetrics metrics;

	private volatile @Nullable ThreadPoolExecutor executor;

	private final RedisThreads threads;

	private final RedisSubscription connection;

	private final Map<String, List<Registration>> channels = new ConcurrentHashMap<>();

	private final Map<String, List<Registration>> patterns = new ConcurrentHashMap<>();

	private final List<StreamConsumer> consumers = new CopyOnWriteArrayList<>();

	private final Set<DefaultSubscription> subscriptions = ConcurrentHashMap.newKeySet();

	private final RateLimitedLog log = new RateLimitedLog(logger, Duration.ofSeconds(10));

	private final Object lifecycleMonitor = new Object();

	private volatile boolean running;

	DefaultRedisPubSub(LettuceConnectionFactory connectionFactory, ValueCodec codec, PubSubOptions options,
			MeterRegistry meterRegistry, RedisThreads threads) {
		this.connectionFactory = connectionFactory;
		this.threads = threads;
		this.codec = codec;
		this.options = options;
		this.names = RedisKeys.withPrefix(options.namespace()).feature("pubsub");
		this.namespacePrefix = this.names.key("x").substring(0, this.names.key("x").length() - 1);
		this.metrics = new PubSubMetrics(meterRegistry, options.maxChannelTags());
		this.connection = RedisSubscription.create(connectionFactory, "pubsub", new Receiver(), threads, meterRegistry);
	}

	// Publishing

	@Override
	public long publish(String channel, Object message) {
		byte[] name = redisChannel(channel).getBytes(StandardCharsets.UTF_8);
		byte[] bytes = Envelope.encode(this.codec, this.instanceId, message);
		Long receivers = execute("publish a message", new String(name, StandardCharsets.UTF_8),
				(connection) -> connection.publish(name, bytes));
		this.metrics.of(channel, false).published.increment();
		return (receivers != null) ? receivers : 0;
	}

	@Override
	public String publishReliably(String channel, Object message) {
		byte[] stream = streamKey(channel).getBytes(StandardCharsets.UTF_8);
		byte[] bytes = Envelope.encode(this.codec, this.instanceId, message);
		MapRecord<byte[], byte[], byte[]> record = MapRecord.create(stream,
				Map.of(StreamConsumer.FIELD.getBytes(StandardCharsets.UTF_8), bytes));
		RecordId id = execute("publish a message reliably", new String(stream, StandardCharsets.UTF_8),
				(connection) -> connection.streamCommands()
					.xAdd(record, XAddOptions.maxlen(this.options.reliable().maxLength()).approximateTrimming(true)));
		this.metrics.of(channel, true).published.increment();
		return String.valueOf(id);
	}

	private <R> @Nullable R execute(String what, String key, java.util.function.Function<RedisConnection, R> action) {
		return RedisCalls.call(() -> {
			try (RedisConnection connection = this.connectionFactory.getConnection()) {
				return action.apply(connection);
			}
		}, what, key);
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
		Type envelopeType = Envelope.typeFor(definition.payloadType());
		List<Registration> registrations = new ArrayList<>();
		List<StreamConsumer> started = new ArrayList<>();
		for (String channel : definition.channels()) {
			registrations.add(new Registration(channel, null, envelopeType, definition, redisChannel(channel)));
		}
		for (String pattern : definition.patterns()) {
			registrations.add(new Registration(pattern, pattern, envelopeType, definition, redisPattern(pattern)));
		}
		DefaultSubscription subscription = new DefaultSubscription(registrations, started);
		List<CompletableFuture<Boolean>> confirmations = new ArrayList<>();
		synchronized (this.lifecycleMonitor) {
			this.subscriptions.add(subscription);
			for (Registration registration : registrations) {
				if (definition.reliable()) {
					String group = (definition.group() != null) ? definition.group() : this.options.reliable().group();
					StreamConsumer consumer = new StreamConsumer(this.connectionFactory,
							streamKey(registration.declared), registration.declared, group, this.options.reliable(),
							new ReliableHandler(registration), this.threads);
					started.add(consumer);
					this.consumers.add(consumer);
					if (this.running) {
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

	// Receiving

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

	private final class Receiver implements RedisSubscription.Listener {

		@Override
		public void message(String channel, byte[] message) {
			dispatch(DefaultRedisPubSub.this.channels.get(channel), channel, message);
		}

		@Override
		public void message(String pattern, String channel, byte[] message) {
			dispatch(DefaultRedisPubSub.this.patterns.get(pattern), channel, message);
		}

	}

	/**
	 * Runs on a Lettuce event-loop thread: only hands the message on.
	 */
	private void dispatch(@Nullable List<Registration> registrations, String redisChannel, byte[] message) {
		if (registrations == null) {
			return;
		}
		ThreadPoolExecutor handlers = this.executor;
		if (handlers == null) {
			return;
		}
		for (Registration registration : registrations) {
			try {
				handlers.execute(() -> deliver(registration, redisChannel, message));
			}
			catch (RejectedExecutionException ex) {
				registration.meters.dropped.increment();
				warn("Pub/sub: handler queue full (" + this.options.queueCapacity()
						+ " messages), dropping messages of '" + registration.declared + "'", null);
			}
		}
	}

	/**
	 * Decode and handle one message for one registration.
	 * @return {@code true} if the message is done with (handled, skipped or undecodable),
	 * {@code false} if the handler failed
	 */
	private boolean deliver(Registration registration, String redisChannel, byte[] message) {
		if (!registration.active) {
			return true;
		}
		registration.meters.received.increment();
		Envelope<Object> envelope;
		try {
			envelope = Envelope.decode(this.codec, message, registration.envelopeType);
		}
		catch (RuntimeException ex) {
			registration.meters.decodeErrors.increment();
			warn("Pub/sub: a message on '" + registration.declared + "' does not decode into "
					+ registration.definition.payloadType().getTypeName() + ": " + ex.getMessage(), null);
			return true;
		}
		if (registration.definition.skipOwnMessages() && this.instanceId.equals(envelope.origin())) {
			return true;
		}
		ReceivedMessage<Object> received = new ReceivedMessage<>(envelope.id(), envelope.type(), envelope.timestamp(),
				envelope.origin(), channelName(redisChannel), registration.pattern, envelope.payload());
		long start = System.nanoTime();
		try {
			registration.definition.handler().onMessage(received);
			return true;
		}
		catch (Throwable ex) {
			registration.meters.handlerErrors.increment();
			warn("Pub/sub: handler of '" + registration.declared + "' failed on message " + envelope.id(), ex);
			if (ex instanceof Error error && !(ex instanceof AssertionError)) {
				throw error;
			}
			return false;
		}
		finally {
			registration.meters.handled(start);
		}
	}

	private final class ReliableHandler implements StreamConsumer.EntryHandler {

		private final Registration registration;

		ReliableHandler(Registration registration) {
			this.registration = registration;
		}

		@Override
		public boolean handle(byte[] message) {
			return deliver(this.registration, redisChannel(this.registration.declared), message);
		}

		@Override
		public void dropped(String entryId, long deliveries) {
			this.registration.meters.dropped.increment();
			logger.error("Pub/sub: reliable entry " + entryId + " of '" + this.registration.declared + "' failed "
					+ deliveries + " deliveries, acknowledging and dropping it");
		}

	}

	private void warn(String message, @Nullable Throwable ex) {
		// Rate-limited: a poison stream or a broken handler must not flood the log.
		this.log.warn(() -> message, ex);
	}

	// Names

	private String redisChannel(String channel) {
		return this.names.key(channel);
	}

	private String redisPattern(String pattern) {
		String escapedBase = this.names.pattern();
		return escapedBase.substring(0, escapedBase.length() - 1) + checked(pattern);
	}

	private static String checked(String pattern) {
		Assert.hasText(pattern, "A pattern must not be empty");
		return pattern;
	}

	private String streamKey(String channel) {
		return this.names.key("stream", channel);
	}

	private String channelName(String redisChannel) {
		return redisChannel.startsWith(this.namespacePrefix) ? redisChannel.substring(this.namespacePrefix.length())
				: redisChannel;
	}

	// Status and lifecycle

	@Override
	public String instanceId() {
		return this.instanceId;
	}

	@Override
	public PubSubStatus status() {
		List<PubSubStatus.ReliableStatus> reliable = new ArrayList<>();
		for (StreamConsumer consumer : this.consumers) {
			reliable.add(ReliableLag.of(this.connectionFactory, consumer));
		}
		SubscriptionStatus subscription = this.connection.status();
		return new PubSubStatus(this.connection.isConnected(), this.subscriptions.size(), this.channels.size(),
				this.patterns.size(), reliable, subscription.refused(), subscription.resubscriptions(),
				subscription.lastMessage());
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.running) {
				return;
			}
			this.running = true;
			// Created per start: a stopped context may be started again.
			this.executor = newExecutor(this.options.threads(), this.options.queueCapacity(), this.threads);
			this.connection.start();
			this.consumers.forEach(StreamConsumer::start);
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
		for (StreamConsumer consumer : this.consumers) {
			consumer.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
		}
		ThreadPoolExecutor handlers = this.executor;
		if (handlers == null) {
			return;
		}
		handlers.shutdown();
		try {
			if (!handlers.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				handlers.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			handlers.shutdownNow();
		}
	}

	private static ThreadPoolExecutor newExecutor(int threads, int queueCapacity, RedisThreads source) {
		return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity),
				source.factory("pubsub"), new ThreadPoolExecutor.AbortPolicy());
	}

	/**
	 * Drop the subscription connection and subscribe again from scratch.
	 */
	void reconnect() {
		this.connection.reconnect();
		this.consumers.forEach(StreamConsumer::reconnect);
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

	private final class Registration {

		final String declared;

		final @Nullable String pattern;

		final Type envelopeType;

		final ListenerDefinition definition;

		final String redisName;

		final PubSubMetrics.Meters meters;

		volatile boolean active = true;

		Registration(String declared, @Nullable String pattern, Type envelopeType, ListenerDefinition definition,
				String redisName) {
			this.declared = declared;
			this.pattern = pattern;
			this.envelopeType = envelopeType;
			this.definition = definition;
			this.redisName = redisName;
			this.meters = DefaultRedisPubSub.this.metrics.of(declared, definition.reliable());
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
			return DefaultRedisPubSub.this.subscriptions.contains(this);
		}

		@Override
		public void close() {
			unregister(this);
		}

	}

}
