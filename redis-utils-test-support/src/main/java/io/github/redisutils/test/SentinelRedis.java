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

import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;

/**
 * A primary, one replica and one Sentinel (quorum 1) that monitors the primary under the
 * name {@code mymaster}, shared by the tests of a JVM, see
 * {@link RedisServers#sentinel()}.
 * <p>
 * It is always started from a {@code redis-server} binary (the one on the {@code PATH},
 * else the embedded one), never taken from {@code REDIS_URL}. Tests must not stop the
 * primary: it is shared, and the Sentinel would fail over after two seconds.
 */
public final class SentinelRedis {

	static final String MASTER_NAME = "mymaster";

	private final HostPort sentinel;

	private final HostPort primary;

	private final HostPort replica;

	private final AutoCloseable owned;

	private final @Nullable TlsCertificates tls;

	SentinelRedis(HostPort sentinel, HostPort primary, HostPort replica, AutoCloseable owned,
			@Nullable TlsCertificates tls) {
		this.sentinel = sentinel;
		this.primary = primary;
		this.replica = replica;
		this.owned = owned;
		this.tls = tls;
	}

	/**
	 * Returns the name under which the Sentinel monitors the primary.
	 * @return {@code mymaster}
	 */
	public String masterName() {
		return MASTER_NAME;
	}

	/**
	 * Returns the address of the Sentinel.
	 * @return the Sentinel
	 */
	public HostPort sentinel() {
		return this.sentinel;
	}

	/**
	 * Returns the address of the primary.
	 * @return the primary
	 */
	public HostPort primary() {
		return this.primary;
	}

	/**
	 * Returns the address of the replica of the primary.
	 * @return the replica
	 */
	public HostPort replica() {
		return this.replica;
	}

	/**
	 * Returns {@code spring.data.redis.sentinel.master} and
	 * {@code spring.data.redis.sentinel.nodes}, followed for a topology started with TLS
	 * by the {@link TlsCertificates#springProperties() SSL properties}: Lettuce then
	 * talks TLS to the Sentinel and to the servers alike.
	 * @return the properties
	 */
	public String[] springProperties() {
		String[] properties = { "spring.data.redis.sentinel.master=" + MASTER_NAME,
				"spring.data.redis.sentinel.nodes=" + this.sentinel };
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
	 * Whether every server and the Sentinel listen with TLS only.
	 * @return whether the topology speaks TLS
	 */
	public boolean tls() {
		return this.tls != null;
	}

	/**
	 * Removes every key ({@code FLUSHALL} on the primary) and waits up to a second until
	 * the replica has applied it too.
	 */
	public void flushAll() {
		SetupConnection.call(this.primary, (commands) -> {
			commands.flushall();
			return commands.waitForReplication(1, 1000);
		});
	}

	@Override
	public String toString() {
		return "SentinelRedis[sentinel=" + this.sentinel + ", primary=" + this.primary + ", replica=" + this.replica
				+ "]";
	}

	/**
	 * Stops the servers. Only for instances not shared through {@link RedisServers},
	 * which stop when the JVM exits.
	 */
	void close() {
		Cleanup.unregister(this.owned);
		Cleanup.closeQuietly(this.owned);
	}

	static String info(HostPort address, String section) {
		return SetupConnection.call(address, (RedisCommands<String, String> commands) -> commands.info(section));
	}

}
