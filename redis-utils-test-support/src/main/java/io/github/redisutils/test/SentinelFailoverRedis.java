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

package io.github.redisutils.test;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;

/**
 * A primary, a replica and three Sentinels (quorum 2) that a test owns and may fail over:
 * gracefully ({@link #failover()}) or by killing the primary ({@link #killPrimary()}).
 * Sentinels declare a server down after one second and retry a failover after five, so a
 * promotion takes one to three seconds on loopback.
 * <p>
 * Start one with {@link RedisServers#sentinelFailover(String...)}, and {@link #close()
 * close} it when done (else it stops when the JVM exits). It is always started from a
 * {@code redis-server} binary.
 */
public final class SentinelFailoverRedis implements AutoCloseable {

	static final int SENTINELS = 3;

	private static final int QUORUM = 2;

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

	private static final Duration PROMOTION_TIMEOUT = Duration.ofSeconds(20);

	private final List<RedisProcess> servers;

	private final List<RedisProcess> sentinels;

	private final Path directory;

	private SentinelFailoverRedis(List<RedisProcess> servers, List<RedisProcess> sentinels, Path directory) {
		this.servers = servers;
		this.sentinels = sentinels;
		this.directory = directory;
	}

	static SentinelFailoverRedis start(RedisBinary binary, String... serverOptions) {
		Path directory = Cleanup.createTempDirectory("redis-utils-failover-");
		List<RedisProcess> servers = new ArrayList<>();
		List<RedisProcess> sentinels = new ArrayList<>();
		SentinelFailoverRedis topology = new SentinelFailoverRedis(servers, sentinels, directory);
		Cleanup.register(topology);
		try {
			RedisProcess primary = RedisProcess.startOnFreePort(FreePorts::next,
					(port) -> RedisProcess.server(binary, port, directory, options(serverOptions)));
			servers.add(primary);
			RedisProcess replica = RedisProcess.startOnFreePort(FreePorts::next,
					(port) -> RedisProcess.server(binary, port, directory,
							options(serverOptions, "--replicaof", HostPort.LOOPBACK, String.valueOf(primary.port()))));
			servers.add(replica);
			Polling.await(READY_TIMEOUT, "replica " + replica.address() + " to sync",
					() -> topology.role(replica.address()).contains("master_link_status:up"), topology::logs);
			for (int i = 0; i < SENTINELS; i++) {
				sentinels.add(RedisProcess.startOnFreePort(FreePorts::next,
						(port) -> RedisProcess.sentinel(binary, port, directory, configuration(primary.address()))));
			}
			for (RedisProcess sentinel : sentinels) {
				Polling.await(READY_TIMEOUT, "Sentinel " + sentinel.address() + " to know every server and Sentinel",
						() -> knowsTopology(sentinel.address(), primary.address(), replica.address()), topology::logs);
			}
			return topology;
		}
		catch (RuntimeException ex) {
			topology.close();
			throw ex;
		}
	}

	private static String[] options(String[] serverOptions, String... more) {
		List<String> all = new ArrayList<>(List.of("--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0"));
		all.addAll(Arrays.asList(serverOptions));
		all.addAll(Arrays.asList(more));
		return all.toArray(String[]::new);
	}

	private static List<String> configuration(HostPort primary) {
		String name = SentinelRedis.MASTER_NAME;
		return List.of("sentinel monitor " + name + " " + primary.host() + " " + primary.port() + " " + QUORUM,
				"sentinel down-after-milliseconds " + name + " 1000", "sentinel failover-timeout " + name + " 5000");
	}

	private static boolean knowsTopology(HostPort sentinel, HostPort primary, HostPort replica) {
		try (SetupConnection<RedisSentinelCommands<String, String>> connection = SetupConnection
			.openSentinel(sentinel)) {
			RedisSentinelCommands<String, String> commands = connection.commands();
			Map<String, String> master = commands.master(SentinelRedis.MASTER_NAME);
			return isAddress(commands.getMasterAddrByName(SentinelRedis.MASTER_NAME), primary)
					&& commands.replicas(SentinelRedis.MASTER_NAME)
						.stream()
						.anyMatch((properties) -> String.valueOf(replica.port()).equals(properties.get("port"))
								&& !properties.getOrDefault("flags", "").contains("disconnected"))
					&& Integer.parseInt(master.getOrDefault("num-other-sentinels", "0")) == SENTINELS - 1;
		}
	}

	private static boolean isAddress(SocketAddress address, HostPort expected) {
		return address instanceof InetSocketAddress inet && inet.getPort() == expected.port();
	}

	/**
	 * Returns the name under which the Sentinels monitor the primary.
	 * @return {@code mymaster}
	 */
	public String masterName() {
		return SentinelRedis.MASTER_NAME;
	}

	/**
	 * Returns the addresses of the three Sentinels.
	 * @return the Sentinels
	 */
	public List<HostPort> sentinels() {
		return this.sentinels.stream().map(RedisProcess::address).toList();
	}

	/**
	 * Returns the address of the primary as the first Sentinel that answers reports it.
	 * @return the current primary
	 */
	public HostPort primary() {
		for (HostPort sentinel : sentinels()) {
			try (SetupConnection<RedisSentinelCommands<String, String>> connection = SetupConnection
				.openSentinel(sentinel)) {
				InetSocketAddress address = (InetSocketAddress) connection.commands()
					.getMasterAddrByName(SentinelRedis.MASTER_NAME);
				return new HostPort(address.getHostString(), address.getPort());
			}
			catch (RuntimeException ex) {
				// try the next Sentinel
			}
		}
		throw new IllegalStateException("No Sentinel of " + this + " answered");
	}

	/**
	 * Returns {@code spring.data.redis.sentinel.master} and
	 * {@code spring.data.redis.sentinel.nodes} listing the three Sentinels.
	 * @return the properties
	 */
	public String[] springProperties() {
		return new String[] { "spring.data.redis.sentinel.master=" + SentinelRedis.MASTER_NAME,
				"spring.data.redis.sentinel.nodes="
						+ sentinels().stream().map(HostPort::toString).collect(Collectors.joining(",")) };
	}

	/**
	 * Asks a Sentinel for a graceful failover ({@code SENTINEL FAILOVER}) and waits until
	 * the first Sentinel reports the replica as the primary and the replica answers as a
	 * master. The old primary stays up; Sentinel demotes it later.
	 * @return the promotion, with the old and the new primary
	 */
	public Promotion failover() {
		HostPort old = primary();
		long started = System.nanoTime();
		try (SetupConnection<RedisSentinelCommands<String, String>> connection = SetupConnection
			.openSentinel(sentinels().get(0))) {
			connection.commands().failover(SentinelRedis.MASTER_NAME);
		}
		return awaitPromotion(old, started);
	}

	/**
	 * Kills the primary with {@code SIGKILL}, as a crash would, and waits until a
	 * Sentinel promoted the replica.
	 * @return the promotion, with the old and the new primary
	 */
	public Promotion killPrimary() {
		HostPort old = primary();
		long started = System.nanoTime();
		process(old).stop();
		return awaitPromotion(old, started);
	}

	/**
	 * Starts a server stopped by {@link #killPrimary()} again, on the same port and
	 * without data. Sentinel turns it into a replica of the current primary.
	 * @param server the address of the stopped server
	 */
	public void restart(HostPort server) {
		process(server).start();
	}

	private Promotion awaitPromotion(HostPort old, long started) {
		Polling.await(PROMOTION_TIMEOUT, "a Sentinel to promote the replica of " + old, () -> {
			HostPort current = primary();
			return !current.equals(old) && role(current).contains("role:master");
		}, this::logs);
		HostPort promoted = primary();
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		return new Promotion(old, promoted, took);
	}

	private String role(HostPort server) {
		return SetupConnection.call(server, (commands) -> commands.info("replication"));
	}

	private RedisProcess process(HostPort server) {
		return this.servers.stream()
			.filter((process) -> process.port() == server.port())
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(server + " is not a server of " + this));
	}

	private String logs() {
		StringBuilder logs = new StringBuilder();
		for (RedisProcess process : this.servers) {
			logs.append("Log of ").append(process.address()).append(':').append(System.lineSeparator());
			logs.append(process.logTail()).append(System.lineSeparator());
		}
		for (RedisProcess process : this.sentinels) {
			logs.append("Log of Sentinel ").append(process.address()).append(':').append(System.lineSeparator());
			logs.append(process.logTail()).append(System.lineSeparator());
		}
		return logs.toString();
	}

	/**
	 * Stops the Sentinels first (so that none fails over meanwhile), then the servers.
	 */
	@Override
	public void close() {
		Cleanup.unregister(this);
		this.sentinels.forEach(RedisProcess::close);
		this.servers.forEach(RedisProcess::close);
		Cleanup.deleteRecursively(this.directory);
	}

	@Override
	public String toString() {
		return "SentinelFailoverRedis[servers=" + this.servers.stream().map(RedisProcess::address).toList()
				+ ", sentinels=" + sentinels() + "]";
	}

	/**
	 * A completed promotion.
	 *
	 * @param oldPrimary the server that was the primary
	 * @param newPrimary the promoted replica
	 * @param took from the failover's trigger until every condition held
	 */
	public record Promotion(HostPort oldPrimary, HostPort newPrimary, Duration took) {

	}

}
