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
package io.github.redisutils.actuate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.redisutils.core.ErrorText;
import io.github.redisutils.core.RedisCalls;
import io.github.redisutils.core.RedisPermissionException;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.api.async.RedisServerAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.ClusterCommandExecutor;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisSentinelConnection;
import org.springframework.data.redis.connection.RedisServer;
import org.springframework.data.redis.connection.lettuce.LettuceClusterConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Reads {@code INFO} and {@code SLOWLOG LEN} of every node the application talks to: the
 * one server when standalone, the current primary with Sentinel (named by the primary
 * watcher, else by asking a Sentinel), every master on Cluster and, when Lettuce reads
 * from replicas ({@code ReadFrom} other than the upstream), every replica too. Cluster
 * nodes are read through Lettuce's per-node connections.
 * <p>
 * An ACL refusal ({@code NOPERM}) is a {@link Outcome#DENIED denied} reading, every other
 * failure an {@link Outcome#ERROR error}; a refused {@code SLOWLOG LEN} leaves the
 * slow-log length absent and the reading a success.
 *
 * @author redis-utils authors
 */
final class RedisServerReader {

	private final RedisConnectionFactory connectionFactory;

	private final Supplier<@Nullable String> sentinelPrimary;

	private final Duration commandTimeout;

	private volatile boolean slowlogDenied;

	/**
	 * Create a reader.
	 * @param connectionFactory the application's connection factory
	 * @param sentinelPrimary the primary as a watcher knows it, {@code host:port}, or
	 * {@code null} when unknown
	 */
	RedisServerReader(RedisConnectionFactory connectionFactory, Supplier<@Nullable String> sentinelPrimary) {
		this.connectionFactory = connectionFactory;
		this.sentinelPrimary = sentinelPrimary;
		this.commandTimeout = RedisCalls.commandTimeout(connectionFactory);
	}

	/**
	 * Read every node, telling the sink the topology first and then each reading as it
	 * arrives.
	 * @param sink receives the topology and the readings
	 * @throws RuntimeException when no connection or no topology could be had
	 */
	void read(Sink sink) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			if (connection instanceof RedisClusterConnection cluster) {
				readCluster(cluster, sink);
				return;
			}
			String node = standaloneNode();
			sink.topology(List.of(node));
			sink.reading(read(node, () -> text(connection.execute("INFO")), () -> slowlogLength(connection)));
		}
	}

	/**
	 * Return whether the last {@code SLOWLOG LEN} was refused by an ACL rule.
	 * @return whether it was refused
	 */
	boolean isSlowlogDenied() {
		return this.slowlogDenied;
	}

	private void readCluster(RedisClusterConnection cluster, Sink sink) {
		if (!(cluster instanceof LettuceClusterConnection lettuce)) {
			throw new IllegalStateException(
					"Cluster nodes are read with Lettuce only, not with " + cluster.getClass().getName());
		}
		boolean replicas = readsFromReplicas();
		List<RedisClusterNode> nodes = new ArrayList<>();
		for (RedisClusterNode node : RedisCalls.call(cluster::clusterGetNodes, "list the Cluster nodes")) {
			boolean failed = node.getFlags().contains(RedisClusterNode.Flag.FAIL)
					|| node.getFlags().contains(RedisClusterNode.Flag.PFAIL);
			if (!failed && (node.isMaster() || (replicas && node.isReplica()))) {
				nodes.add(node);
			}
		}
		sink.topology(nodes.stream().map(RedisServerReader::name).toList());
		ClusterCommandExecutor executor = lettuce.getClusterCommandExecutor();
		for (RedisClusterNode node : nodes) {
			sink.reading(read(name(node), () -> onNode(executor, node, RedisClusterCommands::info),
					() -> onNode(executor, node, RedisClusterCommands::slowlogLen)));
		}
	}

	private @Nullable Long slowlogLength(RedisConnection connection) {
		if (connection.getNativeConnection() instanceof RedisServerAsyncCommands<?, ?> commands) {
			return LettuceFutures.awaitOrCancel(commands.slowlogLen(), this.commandTimeout.toNanos(),
					TimeUnit.NANOSECONDS);
		}
		return null;
	}

	private static <T> T onNode(ClusterCommandExecutor executor, RedisClusterNode node,
			ClusterCommandExecutor.ClusterCommandCallback<RedisClusterCommands<byte[], byte[]>, T> command) {
		return executor.executeCommandOnSingleNode(command, node).getValue();
	}

	private Reading read(String node, Supplier<String> info, Supplier<@Nullable Long> slowlog) {
		RedisServerInfo parsed;
		try {
			parsed = RedisServerInfo.parse(node, RedisCalls.call(info, "read INFO of " + node));
		}
		catch (RedisPermissionException ex) {
			return new Reading(node, Outcome.DENIED, null, ErrorText.firstLine(String.valueOf(ex.getMessage())));
		}
		catch (RuntimeException ex) {
			return new Reading(node, Outcome.ERROR, null, ErrorText.firstLine(String.valueOf(ex.getMessage())));
		}
		Long length = null;
		try {
			length = RedisCalls.call(slowlog, "read SLOWLOG LEN of " + node);
			this.slowlogDenied = false;
		}
		catch (RedisPermissionException ex) {
			this.slowlogDenied = true;
		}
		catch (RuntimeException ex) {
			// The INFO reading stands; the length stays absent.
		}
		return new Reading(node, Outcome.SUCCESS, parsed.withSlowlogLength(length), null);
	}

	private boolean readsFromReplicas() {
		if (this.connectionFactory instanceof LettuceConnectionFactory lettuce) {
			ReadFrom readFrom = lettuce.getClientConfiguration().getReadFrom().orElse(null);
			return readFrom != null && readFrom != ReadFrom.UPSTREAM;
		}
		return false;
	}

	private String standaloneNode() {
		if (!(this.connectionFactory instanceof LettuceConnectionFactory lettuce)) {
			return "redis";
		}
		if (lettuce.isRedisSentinelAware()) {
			String primary = this.sentinelPrimary.get();
			return (primary != null) ? primary : askSentinel(lettuce);
		}
		return lettuce.getHostName() + ":" + lettuce.getPort();
	}

	private static String askSentinel(LettuceConnectionFactory lettuce) {
		String master = lettuce.getSentinelConfiguration().getMaster().getName();
		try (RedisSentinelConnection sentinel = lettuce.getSentinelConnection()) {
			for (RedisServer server : sentinel.masters()) {
				if (master.equals(server.getName())) {
					return server.getHost() + ":" + server.getPort();
				}
			}
		}
		catch (Exception ex) {
			// Named as the master set below.
		}
		return master;
	}

	private static String name(RedisClusterNode node) {
		return node.getHost() + ":" + node.getPort();
	}

	private static String text(@Nullable Object reply) {
		return (reply instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
	}

	/**
	 * How reading a node ended.
	 */
	enum Outcome {

		/** The node answered {@code INFO}. */
		SUCCESS,

		/** An ACL rule refused {@code INFO}. */
		DENIED,

		/** Anything else: no answer in time, connection lost, an error. */
		ERROR;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * What reading one node gave.
	 *
	 * @param node the node, {@code host:port}
	 * @param outcome how it ended
	 * @param info what the node said, on success
	 * @param error the error's first line, otherwise
	 */
	record Reading(String node, Outcome outcome, @Nullable RedisServerInfo info, @Nullable String error) {

	}

	/**
	 * Receives what a read finds.
	 */
	interface Sink {

		/**
		 * The nodes about to be read.
		 * @param nodes the nodes, {@code host:port}
		 */
		void topology(List<String> nodes);

		/**
		 * One node's reading.
		 * @param reading the reading
		 */
		void reading(Reading reading);

	}

}
