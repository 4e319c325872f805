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

import java.net.URI;
import java.util.List;

import io.lettuce.core.RedisURI;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * Spring Boot {@link DataRedisConnectionDetails} for the servers this module starts, the
 * way Boot's own Testcontainers and Docker Compose support describe a Redis: declared as
 * a bean in a test configuration, they take precedence over {@code spring.data.redis.*}
 * and need no property at all.
 *
 * <pre class="code">
 * &#64;TestConfiguration(proxyBeanMethods = false)
 * class RedisTestConfiguration {
 *
 *     &#64;Bean
 *     DataRedisConnectionDetails redisConnectionDetails() {
 *         return RedisConnectionDetails.of(RedisServers.standalone());
 *     }
 *
 * }
 * </pre>
 *
 * A server started with TLS carries an SSL bundle that trusts the test certificate
 * authority. Using this class needs {@code spring-boot-data-redis} on the class path
 * (every Spring Boot application using Redis has it); the rest of this module does not.
 *
 * @author redis-utils authors
 */
public final class RedisConnectionDetails {

	private RedisConnectionDetails() {
	}

	/**
	 * Returns the connection details of a standalone server, with the credentials and
	 * database of a server given by {@code REDIS_URL}.
	 * @param server the server
	 * @return connection details for Spring Boot's Redis auto-configuration
	 */
	public static DataRedisConnectionDetails of(StandaloneRedis server) {
		RedisURI uri = RedisURI.create(server.url());
		Standalone standalone = new Standalone(server.host(), server.port(), uri.getDatabase());
		// Credentials as the URI gives them (user:secret@ or :secret@), the way Boot
		// reads
		// spring.data.redis.url.
		String userInfo = URI.create(server.url()).getUserInfo();
		String username = null;
		String password = null;
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			username = (colon > 0) ? userInfo.substring(0, colon) : (colon < 0) ? userInfo : null;
			password = (colon >= 0) ? userInfo.substring(colon + 1) : null;
		}
		SslBundle ssl = uri.isSsl() ? trustingTestCertificates() : null;
		return new Details(username, password, ssl, standalone, null, null);
	}

	/**
	 * Returns the connection details of a Sentinel topology: its master name and
	 * Sentinel, so Lettuce finds the primary (and follows a failover) as in production.
	 * @param topology the Sentinel topology
	 * @return connection details for Spring Boot's Redis auto-configuration
	 */
	public static DataRedisConnectionDetails of(SentinelRedis topology) {
		HostPort sentinel = topology.sentinel();
		Sentinel details = new Sentinel(topology.masterName(),
				List.of(new DataRedisConnectionDetails.Node(sentinel.host(), sentinel.port())));
		return new Details(null, null, topology.tls() ? trustingTestCertificates() : null, null, details, null);
	}

	/**
	 * Returns the connection details of a Cluster: every node as a seed.
	 * @param cluster the cluster
	 * @return connection details for Spring Boot's Redis auto-configuration
	 */
	public static DataRedisConnectionDetails of(ClusterRedis cluster) {
		List<DataRedisConnectionDetails.Node> nodes = cluster.nodes()
			.stream()
			.map((node) -> new DataRedisConnectionDetails.Node(node.host(), node.port()))
			.toList();
		return new Details(null, null, cluster.tls() ? trustingTestCertificates() : null, null, null,
				new Cluster(nodes));
	}

	private static SslBundle trustingTestCertificates() {
		String ca = TlsCertificates.get().caCertificate().toUri().toString();
		return SslBundle.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate(ca)));
	}

	private record Details(@Nullable String username, @Nullable String password, @Nullable SslBundle sslBundle,
			@Nullable Standalone standalone, @Nullable Sentinel sentinel,
			@Nullable Cluster cluster) implements DataRedisConnectionDetails {

		@Override
		public @Nullable String getUsername() {
			return this.username;
		}

		@Override
		public @Nullable String getPassword() {
			return this.password;
		}

		@Override
		public @Nullable SslBundle getSslBundle() {
			return this.sslBundle;
		}

		@Override
		public DataRedisConnectionDetails.@Nullable Standalone getStandalone() {
			return this.standalone;
		}

		@Override
		public DataRedisConnectionDetails.@Nullable Sentinel getSentinel() {
			return this.sentinel;
		}

		@Override
		public DataRedisConnectionDetails.@Nullable Cluster getCluster() {
			return this.cluster;
		}

	}

	private record Standalone(String host, int port, int database) implements DataRedisConnectionDetails.Standalone {

		@Override
		public String getHost() {
			return this.host;
		}

		@Override
		public int getPort() {
			return this.port;
		}

		@Override
		public int getDatabase() {
			return this.database;
		}

	}

	private record Sentinel(String master,
			List<DataRedisConnectionDetails.Node> nodes) implements DataRedisConnectionDetails.Sentinel {

		@Override
		public int getDatabase() {
			return 0;
		}

		@Override
		public String getMaster() {
			return this.master;
		}

		@Override
		public List<DataRedisConnectionDetails.Node> getNodes() {
			return this.nodes;
		}

		@Override
		public @Nullable String getUsername() {
			return null;
		}

		@Override
		public @Nullable String getPassword() {
			return null;
		}

	}

	private record Cluster(List<DataRedisConnectionDetails.Node> nodes) implements DataRedisConnectionDetails.Cluster {

		@Override
		public List<DataRedisConnectionDetails.Node> getNodes() {
			return this.nodes;
		}

	}

}
