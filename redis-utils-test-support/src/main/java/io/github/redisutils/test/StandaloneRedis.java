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

import java.util.Arrays;

import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;

/**
 * A standalone Redis server shared by the tests of a JVM, see
 * {@link RedisServers#standalone()}. Tests that share it should use their own keys or
 * call {@link #flushAll()} before they run.
 */
public final class StandaloneRedis implements RedisEndpoint {

	private final HostPort address;

	private final String url;

	private final String[] springProperties;

	private final String source;

	private final @Nullable AutoCloseable owned;

	private StandaloneRedis(HostPort address, String url, String[] springProperties, String source,
			@Nullable AutoCloseable owned) {
		this.address = address;
		this.url = url;
		this.springProperties = springProperties;
		this.source = source;
		this.owned = owned;
	}

	/**
	 * Describes a server that this module does not own, given by a Redis URI such as
	 * {@code redis://user:secret@host:6379/0}.
	 */
	static StandaloneRedis fromUrl(String url, String source) {
		RedisURI uri = RedisURI.create(url);
		if (uri.getHost() == null) {
			throw new IllegalStateException(source + " must name a host and port, but was " + url);
		}
		// The URI carries credentials, database and TLS, which host and port properties
		// would lose.
		return new StandaloneRedis(new HostPort(uri.getHost(), uri.getPort()), url,
				new String[] { "spring.data.redis.url=" + url }, source, null);
	}

	/**
	 * Describes a server that this module started and stops with {@code owned}.
	 */
	static StandaloneRedis started(HostPort address, String source, AutoCloseable owned) {
		return started(address, source, owned, null);
	}

	/**
	 * Describes a server that this module started, with TLS only if {@code tls} is given,
	 * and stops with {@code owned}.
	 */
	static StandaloneRedis started(HostPort address, String source, AutoCloseable owned,
			@Nullable TlsCertificates tls) {
		if (tls == null) {
			return new StandaloneRedis(address, "redis://" + address, hostAndPortProperties(address), source, owned);
		}
		return new StandaloneRedis(address, "rediss://" + address,
				concat(hostAndPortProperties(address), tls.springProperties()), source + " with TLS", owned);
	}

	static String[] concat(String[] first, String[] second) {
		String[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	static String[] hostAndPortProperties(HostPort address) {
		return new String[] { "spring.data.redis.host=" + address.host(), "spring.data.redis.port=" + address.port() };
	}

	@Override
	public String host() {
		return this.address.host();
	}

	@Override
	public int port() {
		return this.address.port();
	}

	@Override
	public HostPort address() {
		return this.address;
	}

	/**
	 * Returns the server's URI: {@code REDIS_URL} as given, else
	 * {@code redis://127.0.0.1:port} ({@code rediss://} for a server started with TLS,
	 * whose certificate only {@link TlsCertificates#caCertificate()} vouches for).
	 * @return the URI
	 */
	@Override
	public String url() {
		return this.url;
	}

	/**
	 * Returns {@code spring.data.redis.url} for a server given by {@code REDIS_URL}, so
	 * that credentials, database and TLS carry over, else {@code spring.data.redis.host}
	 * and {@code spring.data.redis.port}, followed for a server started with TLS by the
	 * {@link TlsCertificates#springProperties() SSL properties}.
	 * @return the properties
	 */
	@Override
	public String[] springProperties() {
		return this.springProperties.clone();
	}

	@Override
	public void flushAll() {
		if (this.owned != null) {
			SetupConnection.call(this.address, RedisCommands::flushall);
			return;
		}
		try (SetupConnection<RedisCommands<String, String>> connection = SetupConnection
			.open(RedisURI.create(this.url))) {
			connection.commands().flushall();
		}
	}

	/**
	 * Returns how the server was obtained: {@code REDIS_URL},
	 * {@code redis-server on PATH (/usr/bin/redis-server)},
	 * {@code testcontainers redis:7} or {@code embedded binary 6.2.6}.
	 * @return the source
	 */
	public String source() {
		return this.source;
	}

	@Override
	public String toString() {
		return "StandaloneRedis[" + this.address + ", " + this.source + "]";
	}

	/**
	 * Stops the server if this module started it. Only for servers not shared through
	 * {@link RedisServers}, which stop when the JVM exits.
	 */
	void close() {
		if (this.owned != null) {
			Cleanup.unregister(this.owned);
			Cleanup.closeQuietly(this.owned);
		}
	}

}
