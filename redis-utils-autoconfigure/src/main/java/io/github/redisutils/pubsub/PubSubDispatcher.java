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
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.core.RateLimitedLog;
import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.core.codec.ValueCodec;
import io.github.redisutils.pubsub.ListenerRegistry.Registration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Receiving side of {@link DefaultRedisPubSub}: hands each classic message to its own
 * bounded handler pool (a full queue drops the message and counts it: pub/sub is at most
 * once anyway, and a stalled handler must not grow memory without bound), decodes it and
 * calls the listener, for classic and reliable messages alike. Apart from the registry so
 * that the handler pool and its failure policy live in one place.
 *
 * @author redis-utils authors
 */
final class PubSubDispatcher {

	private static final Log logger = LogFactory.getLog(DefaultRedisPubSub.class);

	private final ValueCodec codec;

	private final PubSubOptions options;

	private final PubSubNames names;

	private final String instanceId;

	private final RedisThreads threads;

	private final RateLimitedLog log = new RateLimitedLog(logger, Duration.ofSeconds(10));

	private volatile @Nullable ThreadPoolExecutor executor;

	PubSubDispatcher(ValueCodec codec, PubSubOptions options, PubSubNames names, String instanceId,
			RedisThreads threads) {
		this.codec = codec;
		this.options = options;
		this.names = names;
		this.instanceId = instanceId;
		this.threads = threads;
	}

	/**
	 * Create the handler pool; created per start: a stopped context may be started again.
	 */
	void start() {
		this.executor = newExecutor(this.options.threads(), this.options.queueCapacity(), this.threads);
	}

	/**
	 * Shut the handler pool down, waiting for running handlers until the deadline.
	 * @param deadline the {@link System#nanoTime()} to wait until
	 */
	void stop(long deadline) {
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
	 * Runs on a Lettuce event-loop thread: only hands the message on.
	 */
	void dispatch(@Nullable List<Registration> registrations, String redisChannel, byte[] message) {
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
				envelope.origin(), this.names.channelName(redisChannel), registration.pattern, envelope.payload());
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

	/**
	 * The handler a reliable registration's {@link StreamConsumer} calls.
	 * @param registration the reliable registration
	 * @return the handler
	 */
	StreamConsumer.EntryHandler reliableHandler(Registration registration) {
		return new ReliableHandler(registration);
	}

	private final class ReliableHandler implements StreamConsumer.EntryHandler {

		private final Registration registration;

		ReliableHandler(Registration registration) {
			this.registration = registration;
		}

		@Override
		public boolean handle(byte[] message) {
			return deliver(this.registration, PubSubDispatcher.this.names.redisChannel(this.registration.declared),
					message);
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

}
