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
package io.github.redisutils.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * One Lettuce pub/sub connection of one feature, made from the application's client (same
 * address, credentials and TLS, on standalone, Sentinel and Cluster), with the channels
 * and patterns the feature wants now.
 * <p>
 * Every Redis interaction runs on one worker thread of its own, in order, so no caller
 * ever holds a monitor while a command is under way and {@link #stop()} never waits for
 * one. When Lettuce reports the connection lost, the {@linkplain Listener#disconnected()
 * disconnected} callback runs at once (on the Lettuce thread that noticed), the
 * connection is dropped and a new one is made with exponential back-off (100 ms doubling
 * to 5 s), subscribing each wanted channel and pattern again; once every one is answered,
 * the {@linkplain Listener#connected() connected} callback runs. {@link #reconnect()}
 * does the same on demand (for example when Sentinel has switched the primary).
 * <p>
 * A subscription the server refuses ({@code NOPERM}: an ACL user lacking the
 * {@code &<channel>} rule; Redis 7 grants {@code PSUBSCRIBE} of a pattern only for that
 * exact pattern) is recorded in the {@linkplain #status() status}, counted in the
 * {@code redis.subscription.refused} counter (tag {@code feature}) and logged once with
 * the rule to add. It is tried again on every reconnection.
 * <p>
 * A stall that Lettuce does not notice (a server stopped with SIGSTOP, a silent network
 * partition) does not call the disconnected callback: features that rely on it bound what
 * such a stall may cost by other means (the blacklist's local cache by its maximum age).
 *
 * @author redis-utils authors
 */
public final class RedisSubscription implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(RedisSubscription.class);

	private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	private static final Duration COMMAND_WAIT = Duration.ofSeconds(5);

	private static final long FIRST_BACKOFF_MILLIS = 100;

	private static final long MAX_BACKOFF_MILLIS = 5000;

	/**
	 * What a feature hears from its subscription. Messages and the disconnected callback
	 * run on a Lettuce event-loop thread: hand work on, never block there.
	 */
	public interface Listener {

		/**
		 * A message arrived on a subscribed channel.
		 * @param channel the channel
		 * @param message the payload
		 */
		default void message(String channel, byte[] message) {
		}

		/**
		 * A message arrived on a channel matching a subscribed pattern.
		 * @param pattern the pattern
		 * @param channel the channel
		 * @param message the payload
		 */
		default void message(String pattern, String channel, byte[] message) {
		}

		/**
		 * The connection is up and every wanted channel and pattern was answered
		 * (subscribed or refused).
		 */
		default void connected() {
		}

		/**
		 * The connection was lost or dropped: messages may be missed from now until
		 * {@link #connected()}.
		 */
		default void disconnected() {
		}

	}

	private final LettuceConnectionFactory connectionFactory;

	private final String feature;

	private final Listener listener;

	private final RedisThreads threads;

	private final Counter refusedCounter;

	private final RateLimitedLog failures;

	private final Set<String> channels = ConcurrentHashMap.newKeySet();

	private final Set<String> patterns = ConcurrentHashMap.newKeySet();

	private final Set<String> refused = ConcurrentHashMap.newKeySet();

	private final Set<String> refusalsLogged = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean reconnectPending = new AtomicBoolean();

	private final Object lifecycleMonitor = new Object();

	private volatile @Nullable ScheduledExecutorService worker;

	private volatile @Nullable StatefulRedisPubSubConnection<String, byte[]> connection;

	private volatile boolean running;

	private volatile boolean connected;

	private volatile long resubscriptions;

	private volatile long lastMessageMillis;

	// Worker thread only.
	private boolean everConnected;

	private long backoffMillis = FIRST_BACKOFF_MILLIS;

	private @Nullable ScheduledFuture<?> pendingConnect;

	private final RedisConnectionStateListener stateListener = new RedisConnectionStateListener() {

		@Override
		public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
			StatefulRedisPubSubConnection<String, byte[]> current = RedisSubscription.this.connection;
			if (handler == current) {
				lost(current);
			}
		}

	};

	private final RedisPubSubAdapter<String, byte[]> messages = new RedisPubSubAdapter<>() {

		@Override
		public void message(String channel, byte[] message) {
			RedisSubscription.this.lastMessageMillis = System.currentTimeMillis();
			RedisSubscription.this.listener.message(channel, message);
		}

		@Override
		public void message(String pattern, String channel, byte[] message) {
			RedisSubscription.this.lastMessageMillis = System.currentTimeMillis();
			RedisSubscription.this.listener.message(pattern, channel, message);
		}

	};

	private RedisSubscription(LettuceConnectionFactory connectionFactory, String feature, Listener listener,
			RedisThreads threads, MeterRegistry meterRegistry) {
		this.connectionFactory = connectionFactory;
		this.feature = feature;
		this.listener = listener;
		this.threads = threads;
		this.refusedCounter = Counter.builder("redis.subscription.refused")
			.tag("feature", feature)
			.description("Subscriptions the server refused (missing ACL channel rule)")
			.register(meterRegistry);
		this.failures = new RateLimitedLog(LogFactory.getLog(RedisSubscription.class), Duration.ofSeconds(10));
	}

	/**
	 * Create a subscription; it connects when {@link #start() started}.
	 * @param connectionFactory the application's Lettuce connection factory
	 * @param feature the feature, for thread names, the meter tag and log lines (for
	 * example {@code pubsub})
	 * @param listener what to tell
	 * @param threads where the worker thread comes from
	 * @param meterRegistry where {@code redis.subscription.refused} goes
	 * @return the subscription
	 */
	public static RedisSubscription create(LettuceConnectionFactory connectionFactory, String feature,
			Listener listener, RedisThreads threads, MeterRegistry meterRegistry) {
		return new RedisSubscription(connectionFactory, feature, listener, threads, meterRegistry);
	}

	/**
	 * Connect and subscribe to what is wanted, in the background. Does nothing if
	 * running.
	 */
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.running) {
				return;
			}
			this.running = true;
			this.worker = Executors
				.newSingleThreadScheduledExecutor(this.threads.factory(this.feature + "-subscription"));
		}
		execute(this::connect);
	}

	/**
	 * Drop the connection and stop; waits for nothing (a command under way is abandoned).
	 * The disconnected callback runs if the connection was up. It may be started again.
	 */
	public void stop() {
		ScheduledExecutorService stopped;
		synchronized (this.lifecycleMonitor) {
			if (!this.running) {
				return;
			}
			this.running = false;
			stopped = this.worker;
			this.worker = null;
		}
		if (stopped != null) {
			stopped.shutdownNow();
		}
		StatefulRedisPubSubConnection<String, byte[]> current = this.connection;
		if (current != null) {
			drop(current);
		}
	}

	/**
	 * Same as {@link #stop()}.
	 */
	@Override
	public void close() {
		stop();
	}

	/**
	 * Return whether it is started.
	 * @return whether it is started
	 */
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Return whether the connection is up and its subscriptions were answered.
	 * @return whether connected
	 */
	public boolean isConnected() {
		return this.connected;
	}

	/**
	 * Drop the connection and subscribe again from scratch, in the background. Cheap and
	 * safe from any thread; calls made while one is pending are merged into it.
	 */
	public void reconnect() {
		if (!this.running || !this.reconnectPending.compareAndSet(false, true)) {
			return;
		}
		execute(() -> {
			this.reconnectPending.set(false);
			StatefulRedisPubSubConnection<String, byte[]> current = this.connection;
			if (current != null) {
				drop(current);
			}
			this.backoffMillis = FIRST_BACKOFF_MILLIS;
			connect();
		});
	}

	/**
	 * Subscribe to a channel (kept across reconnections until unsubscribed).
	 * @param channel the Redis channel
	 * @return completes with {@code true} once the server confirmed, {@code false} if it
	 * could not now (not connected, refused, failed); the subscription is made on the
	 * next connection then
	 */
	public CompletableFuture<Boolean> subscribe(String channel) {
		this.channels.add(channel);
		return sync(channel, false);
	}

	/**
	 * Unsubscribe from a channel.
	 * @param channel the Redis channel
	 * @return completes once the server was told (or nothing was to tell)
	 */
	public CompletableFuture<Boolean> unsubscribe(String channel) {
		this.channels.remove(channel);
		return sync(channel, false);
	}

	/**
	 * Subscribe to a pattern (kept across reconnections until unsubscribed).
	 * @param pattern the Redis pattern
	 * @return as {@link #subscribe(String)}
	 */
	public CompletableFuture<Boolean> psubscribe(String pattern) {
		this.patterns.add(pattern);
		return sync(pattern, true);
	}

	/**
	 * Unsubscribe from a pattern.
	 * @param pattern the Redis pattern
	 * @return completes once the server was told (or nothing was to tell)
	 */
	public CompletableFuture<Boolean> punsubscribe(String pattern) {
		this.patterns.remove(pattern);
		return sync(pattern, true);
	}

	/**
	 * Return a snapshot of the subscription.
	 * @return the status
	 */
	public SubscriptionStatus status() {
		long last = this.lastMessageMillis;
		return new SubscriptionStatus(this.connected, new ArrayList<>(new TreeSet<>(this.channels)),
				new ArrayList<>(new TreeSet<>(this.patterns)), new ArrayList<>(new TreeSet<>(this.refused)),
				this.resubscriptions, (last != 0) ? Instant.ofEpochMilli(last) : null);
	}

	// Worker

	private CompletableFuture<Boolean> sync(String name, boolean pattern) {
		CompletableFuture<Boolean> result = new CompletableFuture<>();
		if (!execute(() -> result.complete(apply(name, pattern)))) {
			result.complete(false);
		}
		return result;
	}

	private boolean execute(Runnable task) {
		ScheduledExecutorService current = this.worker;
		if (current == null) {
			return false;
		}
		try {
			current.execute(task);
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	/**
	 * Bring the server in line with whether a name is wanted now; concurrent changes
	 * converge because the worker reads the wanted state when it runs.
	 */
	private boolean apply(String name, boolean pattern) {
		StatefulRedisPubSubConnection<String, byte[]> current = this.connection;
		if (current == null) {
			return false;
		}
		boolean wanted = pattern ? this.patterns.contains(name) : this.channels.contains(name);
		if (!wanted) {
			this.refused.remove(name);
		}
		RedisFuture<Void> command = pattern
				? (wanted ? current.async().psubscribe(name) : current.async().punsubscribe(name))
				: (wanted ? current.async().subscribe(name) : current.async().unsubscribe(name));
		try {
			return answered(command, name, pattern) && wanted;
		}
		catch (TimeoutException | RuntimeException ex) {
			this.failures.warn(() -> prefix() + (wanted ? "subscribing to " : "unsubscribing from ") + name
					+ " not confirmed; done again on reconnection", ex);
			return false;
		}
	}

	/**
	 * Wait for a (un)subscription's answer.
	 * @return {@code true} if confirmed, {@code false} if refused
	 */
	private boolean answered(RedisFuture<Void> command, String name, boolean pattern) throws TimeoutException {
		try {
			command.get(COMMAND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
			this.refused.remove(name);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof RedisCommandExecutionException
					&& String.valueOf(cause.getMessage()).startsWith("NOPERM")) {
				refused(name, pattern, cause.getMessage());
				return false;
			}
			throw (cause instanceof RuntimeException runtime) ? runtime : new IllegalStateException(cause);
		}
	}

	private void refused(String name, boolean pattern, @Nullable String message) {
		this.refused.add(name);
		this.refusedCounter.increment();
		if (this.refusalsLogged.add(name)) {
			logger.warn(prefix() + "Redis refused " + (pattern ? "PSUBSCRIBE " : "SUBSCRIBE ") + name + " (" + message
					+ "). Grant the channel rule '&" + name + "' to the ACL user (ACL SETUSER <user> &" + name
					+ (pattern ? "; Redis 7 grants a pattern subscription only for that exact pattern" : "")
					+ "); until then its messages are not received");
		}
	}

	private void connect() {
		if (!this.running || this.connection != null) {
			return;
		}
		StatefulRedisPubSubConnection<String, byte[]> pubSub = null;
		try {
			AbstractRedisClient client = this.connectionFactory.getRequiredNativeClient();
			pubSub = (client instanceof RedisClusterClient cluster) ? cluster.connectPubSub(CODEC)
					: ((RedisClient) client).connectPubSub(CODEC);
			pubSub.addListener(this.messages);
			pubSub.addListener(this.stateListener);
			this.connection = pubSub;
			if (!this.running) {
				drop(pubSub);
				return;
			}
			List<RedisFuture<Void>> commands = new ArrayList<>();
			List<String> names = new ArrayList<>();
			for (String channel : this.channels) {
				commands.add(pubSub.async().subscribe(channel));
				names.add(channel);
			}
			int firstPattern = names.size();
			for (String pattern : this.patterns) {
				commands.add(pubSub.async().psubscribe(pattern));
				names.add(pattern);
			}
			for (int i = 0; i < commands.size(); i++) {
				answered(commands.get(i), names.get(i), i >= firstPattern);
			}
			if (this.connection != pubSub || !pubSub.isOpen()) {
				// Lost meanwhile: the disconnected callback has scheduled the next
				// attempt.
				return;
			}
			this.backoffMillis = FIRST_BACKOFF_MILLIS;
			if (this.everConnected) {
				this.resubscriptions++;
			}
			this.everConnected = true;
			this.connected = true;
			this.listener.connected();
		}
		catch (TimeoutException | RuntimeException ex) {
			this.failures.warn(() -> prefix() + "could not subscribe, trying again in " + this.backoffMillis + " ms",
					ex);
			if (pubSub != null) {
				drop(pubSub);
			}
			scheduleConnect();
		}
	}

	private void scheduleConnect() {
		ScheduledExecutorService current = this.worker;
		if (!this.running || current == null) {
			return;
		}
		ScheduledFuture<?> previous = this.pendingConnect;
		if (previous != null) {
			previous.cancel(false);
		}
		try {
			this.pendingConnect = current.schedule(this::connect, this.backoffMillis, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			return;
		}
		this.backoffMillis = Math.min(MAX_BACKOFF_MILLIS, this.backoffMillis * 2);
	}

	/**
	 * Lettuce reported the connection lost: tell the feature at once, then drop the
	 * connection and make a new one on the worker.
	 */
	private void lost(StatefulRedisPubSubConnection<String, byte[]> lostConnection) {
		boolean wasConnected = this.connected;
		this.connected = false;
		this.listener.disconnected();
		if (wasConnected) {
			logger.info(prefix() + "subscription connection lost, subscribing again");
		}
		execute(() -> {
			if (this.connection == lostConnection) {
				drop(lostConnection);
				scheduleConnect();
			}
		});
	}

	private void drop(StatefulRedisPubSubConnection<String, byte[]> dropped) {
		boolean wasCurrent = (this.connection == dropped);
		if (wasCurrent) {
			this.connection = null;
			this.connected = false;
		}
		dropped.removeListener(this.stateListener);
		dropped.removeListener(this.messages);
		try {
			dropped.closeAsync();
		}
		catch (RuntimeException ex) {
			logger.debug(prefix() + "closing the subscription connection failed", ex);
		}
		if (wasCurrent) {
			this.listener.disconnected();
		}
	}

	private String prefix() {
		return "Redis subscription (" + this.feature + "): ";
	}

}
