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

import java.net.InetSocketAddress;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EmbeddedBinary}: the executables shipped in embedded-redis are found
 * for each platform and, as Redis 6.2, still form a Cluster and run a Sentinel.
 */
class EmbeddedBinaryTests {

	@Test
	void eachSupportedPlatformHasAnExecutableInTheJar() {
		List<String> platforms = List.of("Linux/amd64", "Linux/aarch64", "Linux/x86", "Mac OS X/x86_64",
				"Mac OS X/aarch64", "Windows 11/amd64");
		for (String platform : platforms) {
			String name = EmbeddedBinary.resourceName(platform);
			assertThat(name).as(platform).isNotNull();
			assertThat(getClass().getClassLoader().getResource(name)).as(name).isNotNull();
		}
	}

	@Test
	void anUnsupportedPlatformHasNoExecutable() {
		assertThat(EmbeddedBinary.resourceName("Linux/s390x")).isNull();
		assertThat(EmbeddedBinary.resourceName("FreeBSD/amd64")).isNull();
	}

	@Test
	void theVersionIsTakenFromTheName() {
		assertThat(EmbeddedBinary.version("redis-server-6.2.6-v5-linux-amd64")).isEqualTo("6.2.6");
		assertThat(EmbeddedBinary.version("redis-server-5.0.14.1-windows-amd64.exe")).isEqualTo("5.0.14.1");
	}

	@Test
	void theEmbeddedBinaryFormsACluster() {
		ClusterRedis cluster = ClusterBootstrap.start(embedded());
		try {
			for (HostPort node : cluster.nodes()) {
				assertThat(TestClients.clusterInfo(node)).contains("cluster_state:ok");
			}
		}
		finally {
			cluster.close();
		}
	}

	@Test
	void theEmbeddedBinaryRunsASentinel() {
		SentinelRedis sentinel = SentinelBootstrap.start(embedded());
		try {
			RedisClient client = TestClients.client();
			try (StatefulRedisSentinelConnection<String, String> connection = client
				.connectSentinel(RedisURI.create(sentinel.sentinel().host(), sentinel.sentinel().port()))) {
				InetSocketAddress primary = (InetSocketAddress) connection.sync()
					.getMasterAddrByName(sentinel.masterName());
				assertThat(primary.getPort()).isEqualTo(sentinel.primary().port());
			}
			finally {
				client.shutdown();
			}
		}
		finally {
			sentinel.close();
		}
	}

	private static RedisBinary embedded() {
		RedisBinary binary = EmbeddedBinary.extract();
		assertThat(binary).as("embedded binary for " + EmbeddedBinary.platform()).isNotNull();
		assertThat(binary.description()).startsWith("embedded binary ");
		return binary;
	}

}
