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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;

/**
 * Forms a three-master Redis Cluster without {@code redis-cli}, with commands that Redis
 * 6.2 (the embedded binary) understands as well as 7.
 */
final class ClusterBootstrap {

	static final int MASTERS = 3;

	static final int SLOTS = 16384;

	// ADDSLOTS takes any number of slots; batches keep each command small.
	private static final int SLOTS_PER_COMMAND = 1024;

	// Redis 7 waits 2 s after start-up before a master declares the cluster ok.
	private static final Duration FORMATION_TIMEOUT = Duration.ofSeconds(15);

	private ClusterBootstrap() {
	}

	/**
	 * Starts three nodes and waits until every one of them reports
	 * {@code cluster_state:ok} with all slots assigned.
	 * @param binary the executable
	 * @return the cluster, stopped when the JVM exits
	 */
	static ClusterRedis start(RedisBinary binary) {
		return start(binary, null);
	}

	/**
	 * Starts three nodes, with TLS only if {@code tls} is given (clients, the Cluster bus
	 * and replication alike), and waits until every one of them reports
	 * {@code cluster_state:ok} with all slots assigned.
	 * @param binary the executable
	 * @param tls the certificates, or {@code null} for plain TCP
	 * @return the cluster, stopped when the JVM exits
	 */
	static ClusterRedis start(RedisBinary binary, @Nullable TlsCertificates tls) {
		List<RedisProcess> processes = new ArrayList<>();
		AutoCloseable owned = startNodes(binary, processes, 0, "2000", tls);
		return new ClusterRedis(processes.stream().map(RedisProcess::address).toList(), owned, tls);
	}

	/**
	 * Starts three masters and a replica of each, with a node timeout of one second, and
	 * waits until every node reports {@code cluster_state:ok} and every replica is in
	 * sync.
	 * @param binary the executable
	 * @return the cluster, stopped when the JVM exits or when closed
	 */
	static ClusterFailoverRedis startWithReplicas(RedisBinary binary) {
		List<RedisProcess> processes = new ArrayList<>();
		AutoCloseable owned = startNodes(binary, processes, 1, "1000", null);
		return new ClusterFailoverRedis(processes, owned);
	}

	private static AutoCloseable startNodes(RedisBinary binary, List<RedisProcess> processes, int replicas,
			String nodeTimeout, @Nullable TlsCertificates tls) {
		Path directory = Cleanup.createTempDirectory("redis-utils-cluster-");
		AutoCloseable owned = () -> {
			processes.forEach(RedisProcess::close);
			Cleanup.deleteRecursively(directory);
		};
		Cleanup.register(owned);
		try {
			for (int i = 0; i < MASTERS * (1 + replicas); i++) {
				processes.add(RedisProcess.startOnFreePort(FreePorts::nextWithClusterBus,
						(port) -> node(binary, port, directory, nodeTimeout, tls)));
			}
			List<HostPort> nodes = processes.stream().map(RedisProcess::address).toList();
			form(nodes.subList(0, MASTERS), processes);
			if (replicas > 0) {
				addReplicas(nodes, processes);
			}
			return owned;
		}
		catch (RuntimeException ex) {
			Cleanup.unregister(owned);
			Cleanup.closeQuietly(owned);
			throw ex;
		}
	}

	private static RedisProcess node(RedisBinary binary, int port, Path directory, String nodeTimeout,
			@Nullable TlsCertificates tls) {
		String configFile = directory.resolve("nodes-" + port + ".conf").toString();
		String[] options = { "--cluster-enabled", "yes", "--cluster-config-file", configFile, "--cluster-node-timeout",
				nodeTimeout, "--cluster-announce-ip", HostPort.LOOPBACK, "--repl-diskless-sync", "yes",
				"--repl-diskless-sync-delay", "0" };
		if (tls != null) {
			options = StandaloneRedis.concat(options,
					new String[] { "--tls-cluster", "yes", "--tls-replication", "yes" });
		}
		return RedisProcess.server(binary, port, directory, tls, options);
	}

	/**
	 * Lets node {@code MASTERS + i} meet the cluster and replicate master {@code i}.
	 */
	private static void addReplicas(List<HostPort> nodes, List<RedisProcess> processes) {
		for (int i = 0; i < MASTERS; i++) {
			HostPort master = nodes.get(i);
			HostPort replica = nodes.get(MASTERS + i);
			String masterId = SetupConnection.call(master, RedisCommands::clusterMyId);
			SetupConnection.call(replica, (commands) -> commands.clusterMeet(master.host(), master.port()));
			Polling.await(FORMATION_TIMEOUT, replica + " to learn of master " + master,
					() -> SetupConnection.call(replica, RedisCommands::clusterNodes).contains(masterId),
					() -> diagnostics(nodes, processes));
			SetupConnection.call(replica, (commands) -> commands.clusterReplicate(masterId));
		}
		for (int i = 0; i < MASTERS; i++) {
			HostPort replica = nodes.get(MASTERS + i);
			Polling.await(FORMATION_TIMEOUT, "replica " + replica + " to sync and see cluster_state:ok",
					() -> SetupConnection.call(replica, (commands) -> commands.info("replication"))
						.contains("master_link_status:up")
							&& SetupConnection.call(replica, RedisCommands::clusterInfo).contains("cluster_state:ok"),
					() -> diagnostics(nodes, processes));
		}
	}

	private static void form(List<HostPort> nodes, List<RedisProcess> processes) {
		List<SetupConnection<RedisCommands<String, String>>> connections = new ArrayList<>();
		try {
			for (HostPort node : nodes) {
				connections.add(SetupConnection.open(node));
			}
			for (int i = 0; i < MASTERS; i++) {
				RedisCommands<String, String> commands = connections.get(i).commands();
				// Distinct epochs up front, so that no node has to resolve a collision
				// first.
				commands.clusterSetConfigEpoch(i + 1);
				addSlots(commands, firstSlot(i), firstSlot(i + 1));
			}
			// Every pair meets directly rather than through gossip: a node that hears of
			// a
			// master before it can reach it counts itself in a minority and delays "ok".
			for (int i = 0; i < MASTERS; i++) {
				for (HostPort node : nodes.subList(i + 1, MASTERS)) {
					connections.get(i).commands().clusterMeet(node.host(), node.port());
				}
			}
			Polling.await(FORMATION_TIMEOUT, "cluster_state:ok on " + nodes,
					() -> connections.stream().allMatch((connection) -> isFormed(connection.commands().clusterInfo())),
					() -> diagnostics(nodes, processes));
		}
		finally {
			connections.forEach(SetupConnection::close);
		}
	}

	static int firstSlot(int master) {
		return master * SLOTS / MASTERS;
	}

	private static void addSlots(RedisCommands<String, String> commands, int from, int toExclusive) {
		for (int start = from; start < toExclusive; start += SLOTS_PER_COMMAND) {
			int end = Math.min(start + SLOTS_PER_COMMAND, toExclusive);
			int[] slots = new int[end - start];
			for (int i = 0; i < slots.length; i++) {
				slots[i] = start + i;
			}
			commands.clusterAddSlots(slots);
		}
	}

	private static boolean isFormed(String clusterInfo) {
		return clusterInfo.contains("cluster_state:ok") && clusterInfo.contains("cluster_slots_assigned:" + SLOTS)
				&& clusterInfo.contains("cluster_known_nodes:" + MASTERS)
				&& clusterInfo.contains("cluster_size:" + MASTERS);
	}

	private static String diagnostics(List<HostPort> nodes, List<RedisProcess> processes) {
		StringBuilder report = new StringBuilder();
		for (int i = 0; i < nodes.size(); i++) {
			HostPort node = nodes.get(i);
			report.append("CLUSTER INFO of ").append(node).append(":").append(System.lineSeparator());
			try {
				report.append(SetupConnection.call(node, RedisCommands::clusterInfo)
					.lines()
					.filter((line) -> line.startsWith("cluster_state") || line.startsWith("cluster_slots")
							|| line.startsWith("cluster_known_nodes") || line.startsWith("cluster_size"))
					.collect(Collectors.joining(System.lineSeparator())));
			}
			catch (RuntimeException ex) {
				report.append("(unavailable: ").append(ex.getMessage()).append(")");
			}
			report.append(System.lineSeparator())
				.append("Log:")
				.append(System.lineSeparator())
				.append(processes.get(i).logTail())
				.append(System.lineSeparator());
		}
		return report.toString();
	}

}
