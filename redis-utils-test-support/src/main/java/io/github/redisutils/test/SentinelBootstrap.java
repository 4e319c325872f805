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
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;
import org.jspecify.annotations.Nullable;

/**
 * Starts a primary, a replica of it and a Sentinel that monitors the primary with quorum
 * 1, and waits until the Sentinel knows both.
 */
final class SentinelBootstrap {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

	private SentinelBootstrap() {
	}

	/**
	 * Starts the three processes.
	 * @param binary the executable
	 * @return the topology, stopped when the JVM exits
	 */
	static SentinelRedis start(RedisBinary binary) {
		return start(binary, null);
	}

	/**
	 * Starts the three processes, every one with TLS only if {@code tls} is given; the
	 * replica then replicates over TLS and the Sentinel talks TLS to both servers.
	 * @param binary the executable
	 * @param tls the certificates, or {@code null} for plain TCP
	 * @return the topology, stopped when the JVM exits
	 */
	static SentinelRedis start(RedisBinary binary, @Nullable TlsCertificates tls) {
		String[] replication = (tls != null) ? new String[] { "--tls-replication", "yes" } : new String[0];
		Path directory = Cleanup.createTempDirectory("redis-utils-sentinel-");
		List<RedisProcess> processes = new ArrayList<>();
		AutoCloseable owned = () -> {
			// The Sentinel first, so that it never sees the primary go down and fails
			// over.
			for (int i = processes.size() - 1; i >= 0; i--) {
				processes.get(i).close();
			}
			Cleanup.deleteRecursively(directory);
		};
		Cleanup.register(owned);
		try {
			// Without a delay a primary waits 5 s for more replicas before a diskless
			// sync.
			RedisProcess primary = start(processes, (port) -> RedisProcess.server(binary, port, directory, tls,
					options(replication, "--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0")));
			RedisProcess replica = start(processes, (port) -> RedisProcess.server(binary, port, directory, tls,
					options(replication, "--replicaof", HostPort.LOOPBACK, String.valueOf(primary.port()))));
			awaitReplication(primary, replica);
			RedisProcess sentinel = start(processes,
					(port) -> RedisProcess.sentinel(binary, port, directory, tls, configuration(primary.address())));
			awaitSentinel(sentinel, primary, replica);
			return new SentinelRedis(sentinel.address(), primary.address(), replica.address(), owned, tls);
		}
		catch (RuntimeException ex) {
			Cleanup.unregister(owned);
			Cleanup.closeQuietly(owned);
			throw ex;
		}
	}

	private static String[] options(String[] first, String... more) {
		return StandaloneRedis.concat(first, more);
	}

	private static RedisProcess start(List<RedisProcess> processes, IntFunction<RedisProcess> factory) {
		RedisProcess process = RedisProcess.startOnFreePort(FreePorts::next, factory);
		processes.add(process);
		return process;
	}

	private static List<String> configuration(HostPort primary) {
		String name = SentinelRedis.MASTER_NAME;
		return List.of("sentinel monitor " + name + " " + primary.host() + " " + primary.port() + " 1",
				"sentinel down-after-milliseconds " + name + " 2000", "sentinel failover-timeout " + name + " 10000");
	}

	private static void awaitReplication(RedisProcess primary, RedisProcess replica) {
		Polling.await(READY_TIMEOUT, "replica " + replica.address() + " to sync with " + primary.address(),
				() -> SentinelRedis.info(primary.address(), "replication").contains("connected_slaves:1")
						&& SentinelRedis.info(replica.address(), "replication").contains("master_link_status:up"),
				() -> "Primary log:" + System.lineSeparator() + primary.logTail() + System.lineSeparator()
						+ "Replica log:" + System.lineSeparator() + replica.logTail());
	}

	private static void awaitSentinel(RedisProcess sentinel, RedisProcess primary, RedisProcess replica) {
		try (SetupConnection<RedisSentinelCommands<String, String>> connection = SetupConnection
			.openSentinel(sentinel.address())) {
			RedisSentinelCommands<String, String> commands = connection.commands();
			Polling.await(READY_TIMEOUT, "Sentinel " + sentinel.address() + " to know primary and replica",
					() -> isAddress(commands.getMasterAddrByName(SentinelRedis.MASTER_NAME), primary.address())
							&& knowsReplica(commands.replicas(SentinelRedis.MASTER_NAME), replica.address()),
					() -> "Sentinel log:" + System.lineSeparator() + sentinel.logTail());
		}
	}

	private static boolean isAddress(SocketAddress address, HostPort expected) {
		return address instanceof InetSocketAddress inet && inet.getPort() == expected.port()
				&& expected.host().equals(inet.getHostString());
	}

	private static boolean knowsReplica(List<Map<String, String>> replicas, HostPort replica) {
		return replicas.stream()
			.anyMatch((properties) -> String.valueOf(replica.port()).equals(properties.get("port"))
					&& !properties.getOrDefault("flags", "").contains("disconnected")
					&& !properties.getOrDefault("flags", "").contains("s_down"));
	}

}
