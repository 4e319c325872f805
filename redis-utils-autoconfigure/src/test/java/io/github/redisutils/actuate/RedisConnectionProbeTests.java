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

import java.util.Map;

import io.github.redisutils.test.ClusterRedis;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.lettuce.core.AclCategory;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link RedisConnectionProbe} against real servers: one {@code INFO} per probe
 * (counted by the server's command statistics), and PING alone enough for an ACL user
 * denied {@code INFO}.
 *
 * @author redis-utils authors
 */
class RedisConnectionProbeTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class));

	@Test
	void probeSendsOnePingAndOneInfoAndReadsVersionAndMemoryFromIt() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			RedisClient client = RedisClient.create(redis.url());
			try (StatefulRedisConnection<String, String> admin = client.connect()) {
				admin.sync().configSet("maxmemory", "64mb");
				admin.sync().configSet("maxmemory-policy", "allkeys-lru");
				this.contextRunner.withPropertyValues(redis.springProperties()).run((context) -> {
					RedisConnectionProbe probe = new RedisConnectionProbe(
							context.getBean(RedisConnectionFactory.class));
					probe.probe();
					admin.sync().configResetstat();
					RedisConnectionProbe.Report report = probe.probe();
					Map<String, String> stats = RedisServerInfo.fields(admin.sync().info("commandstats"));
					assertThat(stats.keySet()).contains("cmdstat_ping", "cmdstat_info");
					assertThat(stats.get("cmdstat_info")).startsWith("calls=1,");
					assertThat(stats.get("cmdstat_ping")).startsWith("calls=1,");
					assertThat(stats).doesNotContainKey("cmdstat_cluster|info");
					assertThat(report.version()).matches("\\d+\\.\\d+\\.\\d+");
					assertThat(report.mode()).isEqualTo(RedisMode.STANDALONE);
					assertThat(report.pingNanos()).isPositive();
					assertThat(report.usedMemory()).isPositive();
					assertThat(report.maxMemory()).isEqualTo(64L * 1024 * 1024);
					assertThat(report.maxMemoryPolicy()).isEqualTo("allkeys-lru");
					assertThat(report.clusterState()).isNull();
				});
			}
			finally {
				client.shutdown();
			}
		}
	}

	@Test
	void onClusterTheProbeAddsClusterInfo() {
		ClusterRedis cluster = RedisServers.cluster();
		this.contextRunner.withPropertyValues(cluster.springProperties()).run((context) -> {
			RedisConnectionProbe.Report report = new RedisConnectionProbe(context.getBean(RedisConnectionFactory.class))
				.probe();
			assertThat(report.mode()).isEqualTo(RedisMode.CLUSTER);
			assertThat(report.clusterState()).isEqualTo("ok");
			assertThat(report.clusterSize()).isEqualTo(3);
			assertThat(report.version()).isNotEqualTo(RedisConnectionProbe.UNKNOWN);
			assertThat(report.maxMemoryPolicy()).isNotNull();
		});
	}

	@Test
	void userDeniedInfoGetsAReportFromPingAlone() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			RedisClient client = RedisClient.create(redis.url());
			try (StatefulRedisConnection<String, String> admin = client.connect()) {
				admin.sync()
					.aclSetuser("pinger",
							AclSetuserArgs.Builder.on()
								.addPassword("secret")
								.addCommand(CommandType.PING)
								.addCategory(AclCategory.CONNECTION));
				this.contextRunner
					.withPropertyValues("spring.data.redis.host=" + redis.host(),
							"spring.data.redis.port=" + redis.port(), "spring.data.redis.username=pinger",
							"spring.data.redis.password=secret")
					.run((context) -> {
						RedisConnectionProbe.Report report = new RedisConnectionProbe(
								context.getBean(RedisConnectionFactory.class))
							.probe();
						assertThat(report.pingNanos()).isPositive();
						assertThat(report.version()).isEqualTo(RedisConnectionProbe.UNKNOWN);
						assertThat(report.mode()).isEqualTo(RedisMode.STANDALONE);
						assertThat(report.usedMemory()).isNull();
						assertThat(report.maxMemory()).isNull();
						assertThat(report.maxMemoryPolicy()).isNull();
					});
				Map<String, String> stats = RedisServerInfo.fields(admin.sync().info("commandstats"));
				assertThat(stats.get("cmdstat_info")).as("the refused INFO was counted").contains("rejected_calls=1");
			}
			finally {
				client.shutdown();
			}
		}
	}

}
