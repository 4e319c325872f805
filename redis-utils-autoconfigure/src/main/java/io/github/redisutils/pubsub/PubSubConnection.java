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

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The one Lettuce pub/sub connection of an instance, made from the application's client
 * (same address, credentials and TLS, on standalone, Sentinel and Cluster). Lettuce
 * reconnects it by itself and subscribes again to what it was subscribed to; if the first
 * connection cannot be made, it is tried again every second, subscribing to every channel
 * and pattern registered meanwhile. Messages arrive on a Lettuce event-loop thread and
 * are only handed on from there.
 *
 * @author redis-utils authors
 */
final class PubSubConnection {

	private static final Log logger = LogFactory.getLog(PubSubConnection.class);

	private static final Duration RETRY = Duration.ofSeconds(1);

	private static final Duration COMMAND_WAIT = Duration.ofSeconds(5);

	private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	interface Receiver {

		void message(String channel, byte[] message);

		void patternMessage(String pattern, String channel, byte[] message);

	}

	private final LettuceConnectionFactory connectionFactory;

	private final Receiver receiver;

	private final Supplier<Set<String>> channels;

	private final Supplier<Set<String>> patterns;

	private final Object monitor = new Object();

	private @Nullable ScheduledExecutorService scheduler;

	private @Nullable AbstractRedisClient client;

	private volatile @Nullable StatefulRedisPubSubConnection<String, byte[]> connection;

	private volatile boolean connected;

	private volatile boolean running;

	private final RedisConnectionStateListener stateListener = new RedisConnectionStateListener() {

		@Override
		public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
			if (handler == PubSubConnection.this.connection) {
				PubSubConnection.this.connected = true;
			}
		}

		@Override
		public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
			if (handler == PubSubConnection.this.connection) {
				PubSubConnection.this.connected = false;
			}
		}

	};

	private final RedisPubSubAdapter<String, byte[]> listener = new RedisPubSubAdapter<>() {

		@Override
		public void message(String channel, byte[] message) {
			PubSubConnection.this.receiver.message(channel, message);
		}

		@Override
		public void message(String pattern, String channel, byte[] message) {
			PubSubConnection.this.receiver.patternMessage(pattern, channel, message);
		}

		@Override
		public void subscribed(String channel, long count) {
			PubSubConnection.this.connected = true;
		}

		@Override
		public void psubscribed(String pattern, long count) {
			PubSubConnection.this.connected = true;
		}

	};

	PubSubConnection(LettuceConnectionFactory connectionFactory, Receiver receiver, Supplier<Set<String>> channels,
			Supplier<Set<String>> patterns) {
		this.connectionFactory = connectionFactory;
		this.receiver = receiver;
		this.channels = channels;
		this.patterns = patterns;
	}

	void start() {
		synchronized (this.monitor) {
			if (this.running) {
				return;
			}
			this.running = true;
			this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "redis-pubsub-connect");
				thread.setDaemon(true);
				return thread;
			});
			this.scheduler.execute(this::connect);
		}
	}

	private void connect() {
		synchronized (this.monitor) {
			if (!this.running || this.connection != null) {
				return;
			}
			try {
				AbstractRedisClient redisClient = this.connectionFactory.getRequiredNativeClient();
				if (this.client != redisClient) {
					redisClient.addListener(this.stateListener);
					this.client = redisClient;
				}
				StatefulRedisPubSubConnection<String, byte[]> pubSub = (redisClient instanceof RedisClusterClient cluster)
						? cluster.connectPubSub(CODEC) : ((RedisClient) redisClient).connectPubSub(CODEC);
				pubSub.addListener(this.listener);
				this.connection = pubSub;
				this.connected = true;
				Set<String> channels = this.channels.get();
				Set<String> patterns = this.patterns.get();
				if (!channels.isEmpty()) {
					pubSub.sync().subscribe(channels.toArray(String[]::new));
				}
				if (!patterns.isEmpty()) {
					pubSub.sync().psubscribe(patterns.toArray(String[]::new));
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Pub/sub: could not subscribe (" + ex.getMessage() + "), trying again in "
						+ RETRY.toSeconds() + " s");
				closeConnection();
				ScheduledExecutorService retries = this.scheduler;
				if (retries != null) {
					retries.schedule(this::connect, RETRY.toMillis(), TimeUnit.MILLISECONDS);
				}
			}
		}
	}

	/**
	 * Bring the server's subscription of one channel or pattern in line with whether
	 * anything listens to it now. Called after every registration change; checking the
	 * current state under the monitor makes concurrent changes converge.
	 */
	void sync(String name, boolean pattern, boolean wanted) {
		synchronized (this.monitor) {
			StatefulRedisPubSubConnection<String, byte[]> current = this.connection;
			if (current == null) {
				// Subscribed on connect.
				return;
			}
			RedisFuture<Void> command;
			if (pattern) {
				command = wanted ? current.async().psubscribe(name) : current.async().punsubscribe(name);
			}
			else {
				command = wanted ? current.async().subscribe(name) : current.async().unsubscribe(name);
			}
			try {
				// Bounded wait: subscribe() returning means the server confirmed, so a
				// message published next is received; while Redis is down Lettuce queues
				// the command and replays it after reconnecting.
				command.get(COMMAND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (ExecutionException | TimeoutException ex) {
				logger.warn("Pub/sub: " + (wanted ? "subscribing to " : "unsubscribing from ") + name
						+ " not confirmed (" + ex.getMessage() + "); Lettuce sends it after reconnecting");
			}
		}
	}

	boolean isConnected() {
		return this.connection != null && this.connected;
	}

	void stop() {
		synchronized (this.monitor) {
			this.running = false;
			if (this.scheduler != null) {
				this.scheduler.shutdownNow();
				this.scheduler = null;
			}
			closeConnection();
			if (this.client != null) {
				this.client.removeListener(this.stateListener);
				this.client = null;
			}
		}
	}

	private void closeConnection() {
		StatefulRedisPubSubConnection<String, byte[]> current = this.connection;
		this.connection = null;
		this.connected = false;
		if (current != null) {
			current.removeListener(this.listener);
			try {
				current.close();
			}
			catch (RuntimeException ex) {
				logger.debug("Pub/sub: closing the subscription connection failed", ex);
			}
		}
	}

}
