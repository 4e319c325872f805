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

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;

/**
 * Spring Boot {@link DataRedisConnectionDetails} for the servers of this module, the
 * alternative to their {@code springProperties(registry::add)} in a
 * {@code @DynamicPropertySource} method. Declared as a {@code @Bean} in a test
 * configuration, they replace the {@code spring.data.redis.*} connection properties:
 * <pre class="code">
 * &#64;TestConfiguration(proxyBeanMethods = false)
 * static class RedisConnection {
 *
 *     &#64;Bean
 *     DataRedisConnectionDetails redisConnectionDetails() {
 *         return RedisTestConnectionDetails.of(RedisServers.standalone());
 *     }
 *
 * }
 * </pre>
 * <p>
 * Needs {@code org.springframework.boot:spring-boot-data-redis} on the test classpath (an
 * optional dependency of this module; every Boot application using Spring Data Redis has
 * it). Servers started with TLS are refused: their trust material is an SSL bundle that
 * only their {@code springProperties()} define.
 */
public final class RedisTestConnectionDetails {

	private RedisTestConnectionDetails() {
	}

	/**
	 * Returns connection details for a standalone server: host, port and, for a server
	 * given by {@code REDIS_URL}, the URI's database, user name and password.
	 * @param server the server
	 * @return the connection details
	 * @throws IllegalStateException if the server speaks TLS
	 */
	public static DataRedisConnectionDetails of(StandaloneRedis server) {
		RedisURI uri = RedisURI.create(server.url());
		refuseTls(uri.isSsl(), server);
		RedisCredentials credentials = uri.getCredentialsProvider().resolveCredentials().block();
		String username = (credentials != null) ? credentials.getUsername() : null;
		char[] secret = (credentials != null) ? credentials.getPassword() : null;
		String password = (secret != null) ? new String(secret) : null;
		DataRedisConnectionDetails.Standalone standalone = DataRedisConnectionDetails.Standalone.of(server.host(),
				server.port(), uri.getDatabase());
		return new StandaloneDetails(standalone, username, password);
	}

	/**
	 * Returns connection details for a Sentinel topology: the master name and the
	 * Sentinel's address; Lettuce asks the Sentinel for the primary.
	 * @param sentinel the topology
	 * @return the connection details
	 * @throws IllegalStateException if the topology speaks TLS
	 */
	public static DataRedisConnectionDetails of(SentinelRedis sentinel) {
		refuseTls(sentinel.tls(), sentinel);
		return new SentinelDetails(sentinel.masterName(), List.of(node(sentinel.sentinel())));
	}

	/**
	 * Returns connection details for a Cluster: every node as a seed.
	 * @param cluster the cluster
	 * @return the connection details
	 * @throws IllegalStateException if the cluster speaks TLS
	 */
	public static DataRedisConnectionDetails of(ClusterRedis cluster) {
		refuseTls(cluster.tls(), cluster);
		List<DataRedisConnectionDetails.Node> nodes = cluster.nodes()
			.stream()
			.map(RedisTestConnectionDetails::node)
			.toList();
		return new ClusterDetails(() -> nodes);
	}

	private static DataRedisConnectionDetails.Node node(HostPort address) {
		return new DataRedisConnectionDetails.Node(address.host(), address.port());
	}

	private static void refuseTls(boolean tls, Object servers) {
		if (tls) {
			throw new IllegalStateException(servers
					+ " speaks TLS, which connection details cannot express without an SSL bundle: use its springProperties() instead");
		}
	}

	private record StandaloneDetails(DataRedisConnectionDetails.Standalone standalone, @Nullable String username,
			@Nullable String password) implements DataRedisConnectionDetails {

		@Override
		public Standalone getStandalone() {
			return this.standalone;
		}

		@Override
		public @Nullable String getUsername() {
			return this.username;
		}

		@Override
		public @Nullable String getPassword() {
			return this.password;
		}

	}

	private record SentinelDetails(String master, List<Node> nodes) implements DataRedisConnectionDetails {

		@Override
		public Sentinel getSentinel() {
			return new Sentinel() {

				@Override
				public int getDatabase() {
					return 0;
				}

				@Override
				public String getMaster() {
					return SentinelDetails.this.master;
				}

				@Override
				public List<Node> getNodes() {
					return SentinelDetails.this.nodes;
				}

				@Override
				public @Nullable String getUsername() {
					return null;
				}

				@Override
				public @Nullable String getPassword() {
					return null;
				}

			};
		}

	}

	private record ClusterDetails(Cluster cluster) implements DataRedisConnectionDetails {

		@Override
		public Cluster getCluster() {
			return this.cluster;
		}

	}

}
