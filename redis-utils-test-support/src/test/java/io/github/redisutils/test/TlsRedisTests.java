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

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the servers that {@link RedisServers} starts with TLS: they answer a client
 * that trusts the test certificate authority, with host name verification on, and refuse
 * plain TCP.
 */
class TlsRedisTests {

	@Test
	void theStandaloneServerAnswersOverTlsWithTheHostNameVerified() {
		StandaloneRedis redis = RedisServers.standaloneTls();
		assertThat(redis.url()).startsWith("rediss://127.0.0.1:");
		assertThat(call(uri(redis.address()), "PING")).isEqualTo("PONG");
		redis.flushAll();
	}

	@Test
	void theStandaloneServerRefusesPlainTcp() {
		StandaloneRedis redis = RedisServers.standaloneTls();
		assertThatException().isThrownBy(
				() -> TestClients.call(RedisURI.create(redis.host(), redis.port()), (commands) -> commands.ping()));
	}

	@Test
	void springPropertiesAddAnSslBundleThatTrustsTheAuthority() {
		StandaloneRedis redis = RedisServers.standaloneTls();
		String ca = RedisServers.tlsCertificates().caCertificate().toUri().toString();
		assertThat(redis.springProperties()).containsExactly("spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + redis.port(), "spring.data.redis.ssl.enabled=true",
				"spring.data.redis.ssl.bundle=redis-utils-test",
				"spring.ssl.bundle.pem.redis-utils-test.truststore.certificate=" + ca);
		assertThat(ca).startsWith("file:/");
	}

	@Test
	void theSentinelTopologyReplicatesAndAnswersOverTls() {
		SentinelRedis sentinel = RedisServers.sentinelTls();
		assertThat(sentinel.tls()).isTrue();
		RedisClient client = client();
		try (StatefulRedisSentinelConnection<String, String> connection = client
			.connectSentinel(uri(sentinel.sentinel()))) {
			InetSocketAddress primary = (InetSocketAddress) connection.sync()
				.getMasterAddrByName(sentinel.masterName());
			assertThat(primary.getPort()).isEqualTo(sentinel.primary().port());
		}
		RedisURI throughSentinel = RedisURI.Builder
			.sentinel(sentinel.sentinel().host(), sentinel.sentinel().port(), sentinel.masterName())
			.withSsl(true)
			.build();
		try (StatefulRedisConnection<String, String> connection = client.connect(throughSentinel)) {
			connection.sync().set("tls-tests:replicated", "yes");
			assertThat(connection.sync().waitForReplication(1, 5000)).isEqualTo(1);
			assertThat(connection.sync().info("replication")).contains("connected_slaves:1");
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
		assertThat(call(uri(sentinel.replica()), "GET")).isEqualTo("yes");
		sentinel.flushAll();
	}

	@Test
	void theClusterFormsOverTlsAndRedirectsToTlsPorts() {
		ClusterRedis cluster = RedisServers.clusterTls();
		assertThat(cluster.tls()).isTrue();
		RedisClusterClient client = RedisClusterClient.create(TestClients.resources,
				cluster.nodes().stream().map(TlsRedisTests::uri).toList());
		client.setOptions(io.lettuce.core.cluster.ClusterClientOptions.builder().sslOptions(sslOptions()).build());
		try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
			for (int i = 0; i < 30; i++) {
				connection.sync().set("tls-tests:" + i, String.valueOf(i));
			}
			assertThat(connection.sync().get("tls-tests:29")).isEqualTo("29");
			assertThat(connection.sync().clusterInfo()).contains("cluster_state:ok", "cluster_known_nodes:3");
			assertThat(connection.getPartitions()).allSatisfy((node) -> assertThat(
					cluster.nodes().stream().map(HostPort::port).toList().contains(node.getUri().getPort())));
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
		cluster.flushAll();
	}

	@Test
	void aBinaryWithoutTlsFailsWithWhatToInstall(@TempDir Path directory) throws IOException {
		// What a redis-server built without TLS answers to a tls-* option.
		Path fake = directory.resolve("redis-server");
		Files.writeString(fake, """
				#!/bin/sh
				echo '*** FATAL CONFIG FILE ERROR (Redis 7.2.4) ***'
				echo ">>> 'tls-port \\"$6\\"'"
				echo 'Bad directive or wrong number of arguments'
				exit 1
				""");
		Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
		RedisBinary binary = new RedisBinary(fake, "fake redis-server without TLS");
		assertThatIllegalStateException()
			.isThrownBy(() -> StandaloneRedisFactory.start(binary, RedisServers.tlsCertificates()))
			.withMessageContaining("was built without TLS support")
			.withMessageContaining("apt-get install redis-server")
			.withMessageContaining("make BUILD_TLS=yes");
	}

	private static RedisURI uri(HostPort address) {
		return RedisURI.builder().withHost(address.host()).withPort(address.port()).withSsl(true).build();
	}

	private static RedisClient client() {
		RedisClient client = RedisClient.create(TestClients.resources);
		client.setOptions(ClientOptions.builder().sslOptions(sslOptions()).build());
		return client;
	}

	private static SslOptions sslOptions() {
		return SslOptions.builder()
			.jdkSslProvider()
			.trustManager(RedisServers.tlsCertificates().caCertificate().toFile())
			.build();
	}

	private static String call(RedisURI uri, String command) {
		RedisClient client = client();
		try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
			return command.equals("PING") ? connection.sync().ping() : connection.sync().get("tls-tests:replicated");
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

}
