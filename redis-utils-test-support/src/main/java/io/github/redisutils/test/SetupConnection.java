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

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;

/**
 * A short-lived Lettuce connection for the commands that set servers up or flush them.
 * Fails fast rather than reconnecting: a setup command that cannot be sent is an error.
 *
 * @param <C> the type of the synchronous command API
 */
final class SetupConnection<C> implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	// Event loops are costly to create, so every setup connection shares a small set.
	private static final Lazy<ClientResources> resources = new Lazy<>(SetupConnection::createResources);

	private final RedisClient client;

	private final StatefulConnection<String, String> connection;

	private final C commands;

	private SetupConnection(RedisClient client, StatefulConnection<String, String> connection, C commands) {
		this.client = client;
		this.connection = connection;
		this.commands = commands;
	}

	/**
	 * Connects to a Redis server.
	 * @param uri the server, with credentials if it needs them
	 * @return the connection
	 */
	static SetupConnection<RedisCommands<String, String>> open(RedisURI uri) {
		return open(uri, false);
	}

	private static SetupConnection<RedisCommands<String, String>> open(RedisURI uri, boolean ourTls) {
		RedisClient client = createClient(ourTls);
		try {
			StatefulRedisConnection<String, String> connection = client.connect(withTimeout(uri));
			return new SetupConnection<>(client, connection, connection.sync());
		}
		catch (RuntimeException ex) {
			shutdown(client);
			throw ex;
		}
	}

	/**
	 * Connects to a Redis server started by this module, with TLS if it was started with
	 * TLS.
	 * @param address the server
	 * @return the connection
	 */
	static SetupConnection<RedisCommands<String, String>> open(HostPort address) {
		RedisURI uri = uri(address);
		return open(uri, uri.isSsl());
	}

	/**
	 * Connects to a Redis Sentinel.
	 * @param address the Sentinel
	 * @return the connection
	 */
	static SetupConnection<RedisSentinelCommands<String, String>> openSentinel(HostPort address) {
		RedisURI uri = uri(address);
		RedisClient client = createClient(uri.isSsl());
		try {
			StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel(withTimeout(uri));
			return new SetupConnection<>(client, connection, connection.sync());
		}
		catch (RuntimeException ex) {
			shutdown(client);
			throw ex;
		}
	}

	/**
	 * Runs {@code action} on a new connection to {@code address} and closes it.
	 * @param <T> the type of the result
	 * @param address the server
	 * @param action what to do
	 * @return the result of the action
	 */
	static <T> T call(HostPort address, Function<RedisCommands<String, String>, T> action) {
		try (SetupConnection<RedisCommands<String, String>> connection = open(address)) {
			return action.apply(connection.commands());
		}
	}

	C commands() {
		return this.commands;
	}

	@Override
	public void close() {
		try {
			this.connection.close();
		}
		finally {
			shutdown(this.client);
		}
	}

	private static RedisURI uri(HostPort address) {
		return RedisURI.builder()
			.withHost(address.host())
			.withPort(address.port())
			.withSsl(TlsCertificates.isTls(address))
			.build();
	}

	/**
	 * Creates a client; one for a server started with TLS trusts the certificate
	 * authority of {@link TlsCertificates}.
	 */
	private static RedisClient createClient(boolean ourTls) {
		RedisClient client = RedisClient.create(resources.get());
		ClientOptions.Builder options = ClientOptions.builder()
			.autoReconnect(false)
			.protocolVersion(ProtocolVersion.RESP2)
			.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build());
		if (ourTls) {
			options.sslOptions(SslOptions.builder()
				.jdkSslProvider()
				.trustManager(TlsCertificates.get().caCertificate().toFile())
				.build());
		}
		client.setOptions(options.build());
		return client;
	}

	private static RedisURI withTimeout(RedisURI uri) {
		RedisURI copy = RedisURI.builder(uri).build();
		copy.setTimeout(TIMEOUT);
		return copy;
	}

	private static void shutdown(RedisClient client) {
		client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

	private static ClientResources createResources() {
		ClientResources created = DefaultClientResources.builder()
			.ioThreadPoolSize(2)
			.computationThreadPoolSize(2)
			.build();
		Cleanup.register(() -> created.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS));
		return created;
	}

}
