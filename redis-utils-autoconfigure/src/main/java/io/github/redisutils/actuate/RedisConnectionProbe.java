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
 * tell.
 * <p>
 * Commands go through {@link RedisConnection#execute(String, byte[]...)} so that
 * standalone, Sentinel and Cluster connections take the same path (on Cluster, an
 * arbitrary node answers). Only PING must succeed: an ACL user may be denied {@code INFO}
 * or {@code CLUSTER INFO}, and the connection is still healthy. Replies are read by
 * {@link RedisServerInfo}'s parser.
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
			Map<String, String> server = infoFields(connection, "INFO", "server");
			String version = server.getOrDefault("redis_version", UNKNOWN);
			Map<String, String> memory = infoFields(connection, "INFO", "memory");
			Map<String, String> cluster = (mode == RedisMode.CLUSTER) ? infoFields(connection, "CLUSTER", "INFO")
					: Map.of();
			return new Report(pingNanos, version, mode, cluster.get("cluster_state"),
					RedisServerInfo.parseInteger(cluster.get("cluster_known_nodes")),
					RedisServerInfo.parseInteger(cluster.get("cluster_size")),
					RedisServerInfo.parseLong(memory.get("used_memory")),
					RedisServerInfo.parseLong(memory.get("maxmemory")), memory.get("maxmemory_policy"));
		}
	}

	private static Map<String, String> infoFields(RedisConnection connection, String command, String argument) {
		Object reply;
		try {
			reply = connection.execute(command, argument.getBytes(StandardCharsets.UTF_8));
		}
		catch (DataAccessException ex) {
			// Typically NOPERM for an ACL user without INFO rights: report what we know.
			return Map.of();
		}
		String text = (reply instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8)
				: String.valueOf(reply);
		return RedisServerInfo.fields(text);
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
