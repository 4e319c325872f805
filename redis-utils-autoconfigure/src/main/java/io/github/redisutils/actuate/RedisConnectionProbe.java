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
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * One look at a Redis connection: PING round trip, then what the server is willing to
 * tell in one {@code INFO} (its default sections, parsed once by {@link RedisServerInfo})
 * and, on Cluster, {@code CLUSTER INFO}.
 * <p>
 * Commands go through {@link RedisConnection#execute(String, byte[]...)} so that
 * standalone, Sentinel and Cluster connections take the same path (on Cluster, an
 * arbitrary node answers). Only PING must succeed: an ACL user may be denied {@code INFO}
 * or {@code CLUSTER INFO}, and the connection is still healthy. {@code INFO} is sent
 * without a section argument because several section arguments in one {@code INFO} exist
 * only from Redis 7.0 on.
 *
 * @author redis-utils authors
 */
final class RedisConnectionProbe {

	static final String UNKNOWN = "unknown";

	private final RedisConnectionFactory connectionFactory;

	RedisConnectionProbe(RedisConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
	}

	Report probe() {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			long start = System.nanoTime();
			connection.execute("PING");
			long pingNanos = System.nanoTime() - start;
			RedisMode mode = RedisMode.of(this.connectionFactory);
			// One round trip: INFO without an argument sends the default sections (server
			// and memory among them) on every version, where INFO server memory needs
			// 7.0.
			String info = reply(connection, "INFO");
			RedisServerInfo server = (info != null) ? RedisServerInfo.parse(mode.displayName(), info) : null;
			String clusterInfo = (mode == RedisMode.CLUSTER) ? reply(connection, "CLUSTER", "INFO") : null;
			Map<String, String> cluster = (clusterInfo != null) ? RedisServerInfo.fields(clusterInfo) : Map.of();
			String version = (server != null && server.version() != null) ? server.version() : UNKNOWN;
			return new Report(pingNanos, version, mode, cluster.get("cluster_state"),
					RedisServerInfo.parseInteger(cluster.get("cluster_known_nodes")),
					RedisServerInfo.parseInteger(cluster.get("cluster_size")),
					(server != null) ? server.usedMemory() : null, (server != null) ? server.maxMemory() : null,
					(server != null) ? server.maxMemoryPolicy() : null);
		}
	}

	/**
	 * Send a command whose reply is text in the {@code INFO} format.
	 * @return the reply, or {@code null} when the server refused the command
	 */
	private static @Nullable String reply(RedisConnection connection, String command, String... arguments) {
		byte[][] args = new byte[arguments.length][];
		for (int i = 0; i < arguments.length; i++) {
			args[i] = arguments[i].getBytes(StandardCharsets.UTF_8);
		}
		Object reply;
		try {
			reply = connection.execute(command, args);
		}
		catch (DataAccessException ex) {
			// Typically NOPERM for an ACL user without INFO rights: report what we know.
			return null;
		}
		return (reply instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
	}

	/**
	 * What one probe found.
	 *
	 * @param pingNanos PING round trip
	 * @param version server version, or {@value #UNKNOWN}
	 * @param mode how the application reaches Redis
	 * @param clusterState {@code ok} or {@code fail} on Cluster when readable
	 * @param clusterKnownNodes nodes the answering Cluster node knows of
	 * @param clusterSize masters serving at least one slot
	 * @param usedMemory {@code used_memory} of the answering node, in bytes, when
	 * readable
	 * @param maxMemory its {@code maxmemory}, {@code 0} without a limit, when readable
	 * @param maxMemoryPolicy its {@code maxmemory_policy}, when readable
	 */
	record Report(long pingNanos, String version, RedisMode mode, @Nullable String clusterState,
			@Nullable Integer clusterKnownNodes, @Nullable Integer clusterSize, @Nullable Long usedMemory,
			@Nullable Long maxMemory, @Nullable String maxMemoryPolicy) {

	}

}
