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

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsHealthContributorAutoConfiguration;
import io.github.redisutils.test.ClusterRedis;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.github.redisutils.test.SentinelRedis;
import io.github.redisutils.test.StandaloneRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the {@code redis} health contributor against real servers: standalone,
 * Cluster, Sentinel, a stopped server, a server that accepts connections but never
 * answers, and an ACL user without {@code INFO} rights.
 *
 * @author redis-utils authors
 */
class RedisHealthContributorIntegrationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsHealthContributorAutoConfiguration.class));

	@Test
	void standaloneIsUpWithRoundTripVersionAndMode() {
		StandaloneRedis redis = RedisServers.standalone();
		this.contextRunner.withPropertyValues(redis.springProperties()).run((context) -> {
			Health health = connectionHealth(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("mode", "standalone")
				.containsKeys("pingMillis", "version")
				.doesNotContainKeys("clusterState", "warning");
			assertThat((String) health.getDetails().get("version")).matches("\\d+\\.\\d+\\.\\d+");
			assertThat((double) health.getDetails().get("pingMillis")).isPositive().isLessThan(1000);
		});
	}

	@Test
	void clusterIsUpWithClusterStateAndNodeCount() {
		ClusterRedis cluster = RedisServers.cluster();
		this.contextRunner.withPropertyValues(cluster.springProperties()).run((context) -> {
			Health health = connectionHealth(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("mode", "cluster")
				.containsEntry("clusterState", "ok")
				.containsEntry("clusterNodes", 3)
				.containsEntry("clusterMasters", 3);
		});
	}

	@Test
	void sentinelIsUpInSentinelMode() {
		SentinelRedis sentinel = RedisServers.sentinel();
		this.contextRunner.withPropertyValues(sentinel.springProperties()).run((context) -> {
			Health health = connectionHealth(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("mode", "sentinel").containsKey("version");
		});
	}

	@Test
	void stoppedServerIsDownWithinTheTimeout() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			redis.stop();
			this.contextRunner.withPropertyValues(redis.springProperties())
				.withPropertyValues("redis.health.timeout=1s")
				.run((context) -> {
					long start = System.nanoTime();
					Health health = connectionHealth(context);
					Duration took = Duration.ofNanos(System.nanoTime() - start);
					assertThat(health.getStatus()).isEqualTo(Status.DOWN);
					assertThat((String) health.getDetails().get("error")).isNotBlank();
					assertThat(took).isLessThan(Duration.ofMillis(1500));
				});
		}
	}

	@Test
	void hungServerIsDownWhenTheTimeoutEndsAndDoesNotPileUpThreads() throws Exception {
		try (SilentServer silent = new SilentServer()) {
			this.contextRunner
				.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + silent.port(),
						"spring.data.redis.timeout=5s", "redis.health.timeout=300ms")
				.run((context) -> {
					for (int i = 0; i < 3; i++) {
						long start = System.nanoTime();
						Health health = connectionHealth(context);
						Duration took = Duration.ofNanos(System.nanoTime() - start);
						assertThat(health.getStatus()).isEqualTo(Status.DOWN);
						assertThat(health.getDetails()).containsEntry("error", "No answer from Redis within 300 ms");
						// The first call waits the timeout out; a later one may be
						// answered
						// sooner by the check still in flight, which reports the same.
						assertThat(took).isBetween(Duration.ofMillis((i == 0) ? 250 : 0), Duration.ofMillis(1500));
					}
					assertThat(Thread.getAllStackTraces()
						.keySet()
						.stream()
						.filter((thread) -> thread.getName().startsWith("redis-utils-health-"))).hasSize(1);
				});
		}
	}

	@Test
	void aclUserWithoutInfoRightsIsUpWithUnknownVersion() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			RedisClient client = RedisClient.create(redis.url());
			try (StatefulRedisConnection<String, String> admin = client.connect()) {
				admin.sync()
					.aclSetuser("pinger",
							io.lettuce.core.AclSetuserArgs.Builder.on()
								.addPassword("secret")
								.addCommand(io.lettuce.core.protocol.CommandType.PING)
								.addCategory(io.lettuce.core.AclCategory.CONNECTION));
			}
			finally {
				client.shutdown();
			}
			this.contextRunner
				.withPropertyValues("spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port(),
						"spring.data.redis.username=pinger", "spring.data.redis.password=secret")
				.run((context) -> {
					Health health = connectionHealth(context);
					assertThat(health.getStatus()).isEqualTo(Status.UP);
					assertThat(health.getDetails()).containsEntry("version", "unknown")
						.containsEntry("mode", "standalone");
				});
		}
	}

	@Test
	void roundTripOverTheThresholdAddsAWarningAndStaysUp() {
		this.contextRunner.withPropertyValues(RedisServers.standalone().springProperties())
			.withPropertyValues("redis.health.latency-threshold=0ms")
			.run((context) -> {
				Health health = connectionHealth(context);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat((String) health.getDetails().get("warning")).contains("above the 0 ms threshold");
			});
	}

	private static Health connectionHealth(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		RedisHealthContributor redis = context.getBean(RedisHealthContributor.class);
		HealthIndicator connection = (HealthIndicator) redis.getContributor("connection");
		assertThat(connection).isNotNull();
		return connection.health();
	}

	/**
	 * Accepts TCP connections and never answers, like a hung server.
	 */
	static final class SilentServer implements AutoCloseable {

		private final ServerSocket socket;

		private final List<Socket> accepted = new ArrayList<>();

		private final Thread acceptor;

		SilentServer() throws IOException {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			this.acceptor = new Thread(this::accept, "silent-server");
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		int port() {
			return this.socket.getLocalPort();
		}

		private void accept() {
			while (!this.socket.isClosed()) {
				try {
					Socket client = this.socket.accept();
					synchronized (this.accepted) {
						this.accepted.add(client);
					}
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			synchronized (this.accepted) {
				for (Socket client : this.accepted) {
					client.close();
				}
			}
		}

	}

}
