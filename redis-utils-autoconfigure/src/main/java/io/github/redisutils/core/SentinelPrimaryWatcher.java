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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Moves every connection to the new primary as soon as Sentinel switched it. Lettuce
 * resolves the primary through Sentinel only when it connects: after a graceful
 * {@code SENTINEL FAILOVER} the old primary stays up and writable until Sentinel demotes
 * it (about ten seconds later), and whatever the application wrote there meanwhile is
 * discarded when it resyncs as a replica.
 * <p>
 * The watcher subscribes to {@code +switch-master} on every Sentinel and, as a backstop
 * for missed messages, asks the Sentinels every {@code checkInterval} which primary the
 * newest configuration epoch names. On a switch it resets the connection factory's shared
 * connection ({@link LettuceConnectionFactory#resetConnection()}), checks that the new
 * shared connection reaches the new primary (a Sentinel that has not heard of the switch
 * yet may still name the old one) and then tells every {@link PrimarySwitchListener} to
 * drop its dedicated connections.
 * <p>
 * Pooled connections other than the shared one (Spring Boot pools when commons-pool2 is
 * on the class path; pooled connections serve blocking commands and transactions) are not
 * reached: Spring Data Redis offers no way to evict them. They follow when Sentinel
 * demotes the old primary, which closes its client connections.
 *
 * @author redis-utils authors
 */
public final class SentinelPrimaryWatcher implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(SentinelPrimaryWatcher.class);

	private static final String SWITCH_CHANNEL = "+switch-master";

	// Sentinels that did not run the failover learn of it from the leader's hello
	// messages, sent every 2 s: until then Lettuce may ask one of them and reconnect to
	// the old primary.
	private static final int VERIFY_ATTEMPTS = 100;

	private static final long VERIFY_PAUSE_MILLIS = 50;

	private final LettuceConnectionFactory connectionFactory;

	private final Duration checkInterval;

	private final CopyOnWriteArrayList<PrimarySwitchListener> listeners = new CopyOnWriteArrayList<>();

	private final List<StatefulRedisPubSubConnection<String, String>> subscriptions = new ArrayList<>();

	// One connection per Sentinel, kept across checks: a check every second must not
	// open and close a connection to each Sentinel every time. Touched only on the
	// watcher's own thread.
	private final Map<RedisURI, StatefulRedisSentinelConnection<String, String>> sentinelConnections = new HashMap<>();

	private final AtomicLong switches = new AtomicLong();

	private @Nullable RedisClient client;

	private @Nullable ScheduledExecutorService executor;

	private List<RedisURI> sentinels = List.of();

	private String masterName = "";

	private volatile @Nullable String primary;

	private volatile boolean running;

	/**
	 * Create a watcher; it does nothing until {@link #start() started}, and nothing at
	 * all when the connection factory is not configured for Sentinel.
	 * @param connectionFactory the connection factory whose connections follow the
	 * primary
	 * @param checkInterval how often the Sentinels are asked for the primary, in case a
	 * {@code +switch-master} message was missed
	 * @param listeners the owners of dedicated connections
	 */
	public SentinelPrimaryWatcher(LettuceConnectionFactory connectionFactory, Duration checkInterval,
			List<? extends PrimarySwitchListener> listeners) {
		this.connectionFactory = connectionFactory;
		this.checkInterval = checkInterval;
		this.listeners.addAll(listeners);
	}

	/**
	 * Add the owner of a dedicated connection.
	 * @param listener told of every later switch
	 */
	public void addListener(PrimarySwitchListener listener) {
		this.listeners.addIfAbsent(listener);
	}

	/**
	 * Return the primary as last known.
	 * @return {@code host:port}, or {@code null} before the first answer of a Sentinel
	 */
	public @Nullable String primary() {
		return this.primary;
	}

	/**
	 * Return how many switches this watcher followed.
	 * @return the number of switches since start
	 */
	public long switches() {
		return this.switches.get();
	}

	@Override
	public synchronized void start() {
		RedisSentinelConfiguration configuration = this.connectionFactory.getSentinelConfiguration();
		if (this.running || configuration == null || configuration.getMaster() == null) {
			return;
		}
		this.masterName = configuration.getMaster().getName();
		Duration timeout = Duration.ofMillis(this.connectionFactory.getTimeout());
		LettuceClientConfiguration clientConfiguration = this.connectionFactory.getClientConfiguration();
		this.sentinels = sentinelUris(configuration, clientConfiguration, timeout);
		ClientResources resources = clientConfiguration.getClientResources().orElse(null);
		RedisClient created = (resources != null) ? RedisClient.create(resources) : RedisClient.create();
		ClientOptions.Builder options = ClientOptions.builder()
			.autoReconnect(true)
			.socketOptions(SocketOptions.builder().connectTimeout(timeout).build());
		// The application's TLS settings (an SSL bundle's trust material) reach the
		// Sentinels too, as Spring Data Redis applies them to its own Sentinel URIs.
		clientConfiguration.getClientOptions()
			.ifPresent((application) -> options.sslOptions(application.getSslOptions()));
		created.setOptions(options.build());
		this.client = created;
		ScheduledExecutorService scheduler = Executors
			.newSingleThreadScheduledExecutor(RedisThreads.platform().factory("sentinel-watcher"));
		this.executor = scheduler;
		this.running = true;
		for (RedisURI sentinel : this.sentinels) {
			subscribe(created, sentinel, scheduler);
		}
		long period = Math.max(50, this.checkInterval.toMillis());
		scheduler.scheduleWithFixedDelay(this::check, 0, period, TimeUnit.MILLISECONDS);
	}

	private void subscribe(RedisClient client, RedisURI sentinel, ScheduledExecutorService scheduler) {
		try {
			StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub(sentinel);
			connection.addListener(new RedisPubSubAdapter<>() {

				@Override
				public void message(String channel, String message) {
					// "<master name> <old ip> <old port> <new ip> <new port>"
					if (message.startsWith(SentinelPrimaryWatcher.this.masterName + " ")) {
						scheduler.execute(SentinelPrimaryWatcher.this::check);
					}
				}

			});
			connection.sync().subscribe(SWITCH_CHANNEL);
			this.subscriptions.add(connection);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not subscribe to " + SWITCH_CHANNEL + " on Sentinel " + sentinel.getHost() + ":"
					+ sentinel.getPort() + " (the primary is checked every " + this.checkInterval.toMillis()
					+ " ms instead): " + ex.getMessage());
		}
	}

	/**
	 * Ask every Sentinel and follow the primary of the newest configuration epoch.
	 */
	private void check() {
		if (!this.running) {
			return;
		}
		try {
			Candidate newest = newestPrimary();
			if (newest == null) {
				return;
			}
			String known = this.primary;
			if (known == null) {
				this.primary = newest.address;
			}
			else if (!known.equals(newest.address)) {
				follow(new PrimarySwitch(this.masterName, known, newest.address), newest.runId);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not check the primary of '" + this.masterName + "'", ex);
		}
	}

	private @Nullable Candidate newestPrimary() {
		RedisClient client = this.client;
		if (client == null) {
			return null;
		}
		Candidate newest = null;
		for (RedisURI sentinel : this.sentinels) {
			try {
				StatefulRedisSentinelConnection<String, String> connection = this.sentinelConnections
					.computeIfAbsent(sentinel, client::connectSentinel);
				Map<String, String> master = connection.sync().master(this.masterName);
				Candidate candidate = new Candidate(master.get("ip") + ":" + master.get("port"),
						Long.parseLong(master.getOrDefault("config-epoch", "0")), master.get("runid"));
				if (newest == null || candidate.epoch > newest.epoch) {
					newest = candidate;
				}
			}
			catch (RuntimeException ex) {
				// Connect again on the next check.
				StatefulRedisSentinelConnection<String, String> failed = this.sentinelConnections.remove(sentinel);
				if (failed != null) {
					failed.closeAsync();
				}
				logger.debug("Sentinel " + sentinel.getHost() + ":" + sentinel.getPort() + " did not answer", ex);
			}
		}
		return newest;
	}

	private void follow(PrimarySwitch primarySwitch, @Nullable String runId) {
		this.primary = primarySwitch.newPrimary();
		long started = System.nanoTime();
		reconnectShared();
		int attempt = 1;
		while (!reaches(primarySwitch.newPrimary(), runId) && attempt < VERIFY_ATTEMPTS && this.running) {
			// Not reconnected yet, or the Sentinel that Lettuce asked first had not heard
			// of the switch yet.
			pause();
			if (attempt % 4 == 0) {
				reconnectShared();
			}
			attempt++;
		}
		for (PrimarySwitchListener listener : this.listeners) {
			try {
				listener.primarySwitched(primarySwitch);
			}
			catch (RuntimeException ex) {
				logger.warn("A listener failed on the switch of '" + primarySwitch.masterName() + "' to "
						+ primarySwitch.newPrimary() + ": " + ex.getMessage(), ex);
			}
		}
		this.switches.incrementAndGet();
		logger.info("Sentinel switched the primary of '" + primarySwitch.masterName() + "' from "
				+ primarySwitch.oldPrimary() + " to " + primarySwitch.newPrimary() + ": connections moved in "
				+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
	}

	/**
	 * Make the shared connection reconnect: {@code QUIT} has the server close it, and
	 * Lettuce reconnects at once to the primary that Sentinel names now. Resetting the
	 * connection factory alone is not enough when Spring Boot pools connections
	 * (commons-pool2 on the class path): the reset returns the shared connection to the
	 * pool, and the next borrow takes it again, still connected to the old primary.
	 */
	private void reconnectShared() {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			if (connection.getNativeConnection() instanceof BaseRedisAsyncCommands<?, ?> commands) {
				quit(commands);
			}
			else {
				this.connectionFactory.resetConnection();
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not make the shared connection reconnect", ex);
			this.connectionFactory.resetConnection();
		}
	}

	@SuppressWarnings("unchecked")
	private static void quit(BaseRedisAsyncCommands<?, ?> commands) {
		((BaseRedisAsyncCommands<byte[], byte[]>) commands).dispatch(CommandType.QUIT,
				new StatusOutput<>(ByteArrayCodec.INSTANCE));
	}

	/**
	 * Whether the shared connection now talks to the new primary, told by its run id when
	 * Sentinel knows it, else by its port.
	 */
	private boolean reaches(String address, @Nullable String runId) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			Properties server = connection.serverCommands().info("server");
			if (server == null) {
				return false;
			}
			if (runId != null && !runId.isEmpty()) {
				return runId.equals(server.getProperty("run_id"));
			}
			return address.endsWith(":" + server.getProperty("tcp_port"));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static void pause() {
		try {
			Thread.sleep(VERIFY_PAUSE_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static List<RedisURI> sentinelUris(RedisSentinelConfiguration configuration,
			LettuceClientConfiguration clientConfiguration, Duration timeout) {
		List<RedisURI> uris = new ArrayList<>();
		for (RedisNode node : configuration.getSentinels()) {
			RedisURI.Builder builder = RedisURI.builder()
				.withHost(node.getHost())
				.withPort(node.getPort())
				.withTimeout(timeout)
				.withSsl(clientConfiguration.isUseSsl())
				.withVerifyPeer(clientConfiguration.getVerifyMode())
				.withStartTls(clientConfiguration.isStartTls());
			if (configuration.getSentinelPassword().isPresent()) {
				char[] password = configuration.getSentinelPassword().get();
				String username = configuration.getSentinelUsername();
				if (username != null) {
					builder.withAuthentication(username, password);
				}
				else {
					builder.withPassword(password);
				}
			}
			uris.add(builder.build());
		}
		return uris;
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		ScheduledExecutorService scheduler = this.executor;
		if (scheduler != null) {
			scheduler.shutdownNow();
			awaitTermination(scheduler);
			this.executor = null;
		}
		this.sentinelConnections.values().forEach(StatefulRedisSentinelConnection::closeAsync);
		this.sentinelConnections.clear();
		this.subscriptions.forEach(StatefulRedisPubSubConnection::closeAsync);
		this.subscriptions.clear();
		RedisClient created = this.client;
		if (created != null) {
			created.shutdownAsync(0, 2, TimeUnit.SECONDS);
			this.client = null;
		}
	}

	// The check owns the Sentinel connections: let a check under way end before they
	// are closed.
	private static void awaitTermination(ScheduledExecutorService scheduler) {
		try {
			scheduler.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private record Candidate(String address, long epoch, @Nullable String runId) {

	}

}
