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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * What one Redis node said about itself in {@code INFO}: the fields of the sections
 * server, clients, memory, stats, replication and keyspace that the server meters and the
 * health details use, and the slow-log length.
 * <p>
 * This type holds the library's one parser of {@code INFO} replies ({@code key:value}
 * lines under {@code # Section} headers, the format of {@code CLUSTER INFO} too). A value
 * that is missing or not a number is absent ({@code null}), never an exception: servers
 * and their forks add, drop and rename fields.
 *
 * @param node the node, {@code host:port}
 * @param version {@code redis_version}
 * @param role {@code master} or {@code slave}
 * @param uptimeSeconds {@code uptime_in_seconds}
 * @param connectedClients {@code connected_clients}
 * @param blockedClients {@code blocked_clients}
 * @param usedMemory {@code used_memory}, in bytes
 * @param maxMemory {@code maxmemory}, in bytes; {@code 0} when there is no limit
 * @param fragmentationRatio {@code mem_fragmentation_ratio}
 * @param maxMemoryPolicy {@code maxmemory_policy}, for example {@code noeviction}
 * @param commandsProcessed {@code total_commands_processed}
 * @param keyspaceHits {@code keyspace_hits}
 * @param keyspaceMisses {@code keyspace_misses}
 * @param expiredKeys {@code expired_keys}
 * @param evictedKeys {@code evicted_keys}
 * @param keysPerDatabase keys per database index, from the keyspace section
 * @param replicaLag on a master, how many bytes of the replication stream each replica
 * ({@code host:port}) has not yet acknowledged: {@code master_repl_offset} minus the
 * replica's {@code offset} in its {@code slaveN} line
 * @param slowlogLength {@code SLOWLOG LEN}, absent when not read
 * @author redis-utils authors
 */
public record RedisServerInfo(String node, @Nullable String version, @Nullable String role,
		@Nullable Long uptimeSeconds, @Nullable Long connectedClients, @Nullable Long blockedClients,
		@Nullable Long usedMemory, @Nullable Long maxMemory, @Nullable Double fragmentationRatio,
		@Nullable String maxMemoryPolicy, @Nullable Long commandsProcessed, @Nullable Long keyspaceHits,
		@Nullable Long keyspaceMisses, @Nullable Long expiredKeys, @Nullable Long evictedKeys,
		Map<Integer, Long> keysPerDatabase, Map<String, Long> replicaLag, @Nullable Long slowlogLength) {

	/**
	 * Create an instance; the maps are copied.
	 */
	public RedisServerInfo {
		keysPerDatabase = Collections.unmodifiableMap(new TreeMap<>(keysPerDatabase));
		replicaLag = Collections.unmodifiableMap(new TreeMap<>(replicaLag));
	}

	/**
	 * Read the reply of {@code INFO} (all default sections, or any of them).
	 * @param node the node that answered, {@code host:port}
	 * @param info the reply
	 * @return what the reply says; fields it lacks are absent
	 */
	public static RedisServerInfo parse(String node, String info) {
		Map<String, String> fields = fields(info);
		Map<Integer, Long> keys = new TreeMap<>();
		Map<String, Long> lag = new TreeMap<>();
		Long masterOffset = parseLong(fields.get("master_repl_offset"));
		fields.forEach((name, value) -> {
			if (name.startsWith("db")) {
				Integer database = parseInteger(name.substring(2));
				Long count = parseLong(attributes(value).get("keys"));
				if (database != null && count != null) {
					keys.put(database, count);
				}
			}
			else if (name.startsWith("slave") && parseInteger(name.substring(5)) != null) {
				Map<String, String> replica = attributes(value);
				Long offset = parseLong(replica.get("offset"));
				String ip = replica.get("ip");
				String port = replica.get("port");
				if (ip != null && port != null && offset != null && masterOffset != null) {
					lag.put(ip + ":" + port, Math.max(0, masterOffset - offset));
				}
			}
		});
		return new RedisServerInfo(node, fields.get("redis_version"), fields.get("role"),
				parseLong(fields.get("uptime_in_seconds")), parseLong(fields.get("connected_clients")),
				parseLong(fields.get("blocked_clients")), parseLong(fields.get("used_memory")),
				parseLong(fields.get("maxmemory")), parseDouble(fields.get("mem_fragmentation_ratio")),
				fields.get("maxmemory_policy"), parseLong(fields.get("total_commands_processed")),
				parseLong(fields.get("keyspace_hits")), parseLong(fields.get("keyspace_misses")),
				parseLong(fields.get("expired_keys")), parseLong(fields.get("evicted_keys")), keys, lag, null);
	}

	/**
	 * Return a copy with the slow-log length.
	 * @param length {@code SLOWLOG LEN}, or {@code null} when it could not be read
	 * @return the copy
	 */
	public RedisServerInfo withSlowlogLength(@Nullable Long length) {
		return new RedisServerInfo(this.node, this.version, this.role, this.uptimeSeconds, this.connectedClients,
				this.blockedClients, this.usedMemory, this.maxMemory, this.fragmentationRatio, this.maxMemoryPolicy,
				this.commandsProcessed, this.keyspaceHits, this.keyspaceMisses, this.expiredKeys, this.evictedKeys,
				this.keysPerDatabase, this.replicaLag, length);
	}

	/**
	 * Return whether the node is a replica.
	 * @return {@code true} when its role is {@code slave}
	 */
	public boolean isReplica() {
		return "slave".equals(this.role);
	}

	/**
	 * Return the share of {@code maxmemory} in use.
	 * @return from 0 to 100 (more when over the limit), or {@code null} without a limit
	 */
	public @Nullable Double usedMemoryPercent() {
		return usedMemoryPercent(this.usedMemory, this.maxMemory);
	}

	static @Nullable Double usedMemoryPercent(@Nullable Long used, @Nullable Long max) {
		if (used == null || max == null || max <= 0) {
			return null;
		}
		return Math.round(used * 10_000.0 / max) / 100.0;
	}

	/**
	 * Split a reply in the {@code INFO} format into its fields, in order; section headers
	 * and blank lines are skipped.
	 * @param text the reply
	 * @return the fields by name
	 */
	static Map<String, String> fields(String text) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String line : text.split("\r?\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && !line.startsWith("#")) {
				fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
			}
		}
		return fields;
	}

	/**
	 * Split a value made of {@code name=value} pairs separated by commas, as in the
	 * keyspace and {@code slaveN} lines.
	 */
	private static Map<String, String> attributes(String value) {
		Map<String, String> attributes = new LinkedHashMap<>();
		for (String part : value.split(",")) {
			int equals = part.indexOf('=');
			if (equals > 0) {
				attributes.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
			}
		}
		return attributes;
	}

	static @Nullable Integer parseInteger(@Nullable String value) {
		Long parsed = parseLong(value);
		return (parsed != null && parsed >= Integer.MIN_VALUE && parsed <= Integer.MAX_VALUE) ? parsed.intValue()
				: null;
	}

	static @Nullable Long parseLong(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return Long.valueOf(value);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	static @Nullable Double parseDouble(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			double parsed = Double.parseDouble(value);
			return Double.isFinite(parsed) ? parsed : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
