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

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A Redis Cluster of three masters without replicas, each serving a third of the 16384
 * slots, shared by the tests of a JVM, see {@link RedisServers#cluster()}.
 * <p>
 * It is always started from a {@code redis-server} binary (the one on the {@code PATH},
 * else the embedded one), never taken from {@code REDIS_URL}.
 */
public final class ClusterRedis {

	private final List<HostPort> nodes;

	private final AutoCloseable owned;

	private final @Nullable TlsCertificates tls;

	ClusterRedis(List<HostPort> nodes, AutoCloseable owned, @Nullable TlsCertificates tls) {
		this.nodes = List.copyOf(nodes);
		this.owned = owned;
		this.tls = tls;
	}

	/**
	 * Returns the addresses of the nodes, all of them masters.
	 * @return the nodes
	 */
	public List<HostPort> nodes() {
		return this.nodes;
	}

	/**
	 * Returns {@code spring.data.redis.cluster.nodes} listing every node, followed for a
	 * cluster started with TLS by the {@link TlsCertificates#springProperties() SSL
	 * properties}.
	 * @return the properties
	 */
	public String[] springProperties() {
		String[] properties = { "spring.data.redis.cluster.nodes="
				+ this.nodes.stream().map(HostPort::toString).collect(Collectors.joining(",")) };
		return (this.tls != null) ? StandaloneRedis.concat(properties, this.tls.springProperties()) : properties;
	}

	/**
	 * Hands the {@link #springProperties() Spring Boot properties} to a registry in the
	 * shape of Spring's {@code DynamicPropertyRegistry.add}, as
	 * {@link RedisEndpoint#springProperties(java.util.function.BiConsumer)} does.
	 * @param registry receives each property name and a supplier of its value
	 */
	public void springProperties(BiConsumer<String, Supplier<Object>> registry) {
		RedisEndpoint.register(springProperties(), registry);
	}

	/**
	 * Whether the nodes listen with TLS only and talk TLS on the Cluster bus.
	 * @return whether the cluster speaks TLS
	 */
	public boolean tls() {
		return this.tls != null;
	}

	/**
	 * Removes every key from every master ({@code FLUSHALL} on each).
	 */
	public void flushAll() {
		for (HostPort node : this.nodes) {
			SetupConnection.call(node, (commands) -> commands.flushall());
		}
	}

	@Override
	public String toString() {
		return "ClusterRedis" + this.nodes;
	}

	/**
	 * Stops the nodes. Only for clusters not shared through {@link RedisServers}, which
	 * stop when the JVM exits.
	 */
	void close() {
		Cleanup.unregister(this.owned);
		Cleanup.closeQuietly(this.owned);
	}

}
