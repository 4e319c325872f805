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
package io.github.redisutils.blacklist;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.core.RedisKeys;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Keeps a {@link LocalRevocationCache} in sync: subscribes to the blacklist's channel on
 * a Lettuce pub/sub connection of its own (from the application's client, so it shares
 * its address, credentials and TLS, on standalone, Sentinel and Cluster alike) and
 * applies every message to the cache.
 * <p>
 * The cache answers only while the subscription is up. Lettuce reports a lost connection
 * at once: the cache is emptied and bypassed. Lettuce reconnects by itself and subscribes
 * again; the server's confirmation empties the cache once more and lets it answer, so a
 * revocation published while the connection was down is read from Redis, never missed. If
 * the first connection cannot be made, it is tried again every second.
 *
 * @author redis-utils authors
 */
public final class RevocationSubscriber implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RevocationSubscriber.class);

	private static final Duration RETRY = Duration.ofSeconds(1);

	private final LettuceConnectionFactory connectionFactory;

	private final String channel;

	private final LocalRevocationCache cache;

	private final Object monitor = new Object();

	private @Nullable ScheduledExecutorService scheduler;

	private @Nullable AbstractRedisClient client;

	private volatile @Nullable StatefulRedisPubSubConnection<String, String> connection;

	private final RedisConnectionStateListener stateListener = new RedisConnectionStateListener() {

		@Override
		public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
			if (handler == RevocationSubscriber.this.connection) {
				RevocationSubscriber.this.cache.unsubscribed();
			}
		}

	};

	private final RedisPubSubAdapter<String, String> listener = new RedisPubSubAdapter<>() {

		@Override
		public void message(String channel, String message) {
			RevocationSubscriber.this.cache.messageReceived();
			SyncMessage.apply(message, RevocationSubscriber.this.cache);
		}

		@Override
		public void subscribed(String channel, long count) {
			RevocationSubscriber.this.cache.subscribed();
		}

		@Override
		public void unsubscribed(String channel, long count) {
			RevocationSubscriber.this.cache.unsubscribed();
		}

	};

	private volatile boolean running;

	/**
	 * Create a subscriber; it connects when started.
	 * @param connectionFactory the application's Lettuce connection factory
	 * @param redisKeys the key builder, which names the channel revocations are published
	 * on
	 * @param cache the cache to keep in sync
	 */
	public RevocationSubscriber(LettuceConnectionFactory connectionFactory, RedisKeys redisKeys,
			LocalRevocationCache cache) {
		this.connectionFactory = connectionFactory;
		this.channel = BlacklistRedis.channel(redisKeys);
		this.cache = cache;
	}

	@Override
	public void start() {
		synchronized (this.monitor) {
			if (this.running) {
				return;
			}
			this.running = true;
			this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "redis-blacklist-sync");
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
				StatefulRedisPubSubConnection<String, String> pubSub = (redisClient instanceof RedisClusterClient cluster)
						? cluster.connectPubSub() : ((RedisClient) redisClient).connectPubSub();
				pubSub.addListener(this.listener);
				this.connection = pubSub;
				pubSub.sync().subscribe(this.channel);
			}
			catch (RuntimeException ex) {
				logger.warn("Token blacklist: could not subscribe to revocations (" + ex.getMessage()
						+ "); the local cache is bypassed, trying again in " + RETRY.toSeconds() + " s");
				closeConnection();
				ScheduledExecutorService retries = this.scheduler;
				if (retries != null) {
					retries.schedule(this::connect, RETRY.toMillis(), TimeUnit.MILLISECONDS);
				}
			}
		}
	}

	@Override
	public void stop() {
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
		StatefulRedisPubSubConnection<String, String> current = this.connection;
		this.connection = null;
		this.cache.unsubscribed();
		if (current != null) {
			current.removeListener(this.listener);
			try {
				current.close();
			}
			catch (RuntimeException ex) {
				logger.debug("Token blacklist: closing the sync connection failed", ex);
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Start before the web server (so the cache is warm when requests arrive) and stop
	 * after it.
	 * @return the phase
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 4096;
	}

}
