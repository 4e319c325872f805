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

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsFailoverAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsServerMetricsAutoConfiguration;
import io.github.redisutils.test.ClusterFailoverRedis;
import io.github.redisutils.test.ClusterRedis;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.HostPort;
import io.github.redisutils.test.RedisServers;
import io.github.redisutils.test.SentinelRedis;
import io.github.redisutils.test.StandaloneRedis;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the server meters against real servers: standalone, Sentinel and Cluster, an
 * ACL user without {@code INFO}, a paused server, and the names in a Prometheus scrape.
 *
 * @author redis-utils authors
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisServerMetricsIntegrationTests {

	/**
	 * Boot's metrics auto-configurations bind the meters to the registry, as in an
	 * application with Actuator; samples are taken by the tests (the first one at start).
	 */
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsFailoverAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				RedisUtilsServerMetricsAutoConfiguration.class))
		.withPropertyValues("redis.metrics.server.interval=1h");

	@Test
	void standaloneMetersCarryTheNodeTagAndPlausibleValues() {
		StandaloneRedis redis = RedisServers.standalone();
		String node = redis.address().toString();
		String prefix = "server-meters-" + UUID.randomUUID();
		this.contextRunner.withPropertyValues(redis.springProperties()).run((context) -> {
			MeterRegistry meters = sampled(context);
			assertThat(gauge(meters, "redis.server.memory.used", node)).isPositive();
			assertThat(meters.get("redis.server.memory.used").gauge().getId().getBaseUnit()).isEqualTo("bytes");
			assertThat(gauge(meters, "redis.server.memory.max", node)).isGreaterThanOrEqualTo(0);
			assertThat(gauge(meters, "redis.server.memory.fragmentation", node)).isPositive();
			assertThat(gauge(meters, "redis.server.clients.connected", node)).isGreaterThanOrEqualTo(1);
			assertThat(gauge(meters, "redis.server.clients.blocked", node)).isGreaterThanOrEqualTo(0);
			assertThat(gauge(meters, "redis.server.slowlog.length", node)).isGreaterThanOrEqualTo(0);
			assertThat(meters.get("redis.server.uptime").tag("node", node).timeGauge().value())
				.isGreaterThanOrEqualTo(0);
			assertThat(counter(meters, "redis.server.commands.processed", node)).isPositive();
			StringRedisTemplate redisTemplate = context.getBean(StringRedisTemplate.class);
			for (int i = 0; i < 5; i++) {
				redisTemplate.opsForValue().set(prefix + ":" + i, "v", Duration.ofMinutes(1));
			}
			double hits = counter(meters, "redis.server.keyspace.hits", node);
			double misses = counter(meters, "redis.server.keyspace.misses", node);
			for (int i = 0; i < 10; i++) {
				redisTemplate.opsForValue().get(prefix + ":" + (i % 5));
				redisTemplate.opsForValue().get(prefix + ":absent");
			}
			assertThat(context.getBean(RedisServerMetrics.class).sample()).isTrue();
			assertThat(counter(meters, "redis.server.keyspace.hits", node)).isGreaterThanOrEqualTo(hits + 10);
			assertThat(counter(meters, "redis.server.keyspace.misses", node)).isGreaterThanOrEqualTo(misses + 10);
			assertThat(meters.get("redis.server.keys").tags("node", node, "db", "0").gauge().value())
				.isGreaterThanOrEqualTo(5);
			assertThat(meters.get("redis.server.samples").tag("outcome", "success").functionCounter().count())
				.isGreaterThanOrEqualTo(2);
			assertThat(context.getBean(RedisServerMetrics.class).lastSamples()).extracting(RedisServerInfo::node)
				.containsExactly(node);
		});
	}

	@Test
	void sentinelMetersTheCurrentPrimaryAndItsReplicasLag() {
		SentinelRedis sentinel = RedisServers.sentinel();
		this.contextRunner.withPropertyValues(sentinel.springProperties()).run((context) -> {
			MeterRegistry meters = sampled(context);
			String primary = sentinel.primary().toString();
			assertThat(nodes(meters.find("redis.server.memory.used"))).containsExactly(primary);
			assertThat(gauge(meters, "redis.server.memory.used", primary)).isPositive();
			assertThat(nodes(meters.find("redis.server.replication.lag")))
				.containsExactly(sentinel.replica().toString());
			assertThat(meters.get("redis.server.replication.lag").gauge().value()).isGreaterThanOrEqualTo(0);
		});
	}

	@Test
	void clusterMetersEveryMaster() {
		ClusterRedis cluster = RedisServers.cluster();
		String prefix = "server-meters-" + UUID.randomUUID();
		this.contextRunner.withPropertyValues(cluster.springProperties()).run((context) -> {
			MeterRegistry meters = sampled(context);
			Set<String> masters = cluster.nodes().stream().map(HostPort::toString).collect(Collectors.toSet());
			assertThat(nodes(meters.find("redis.server.memory.used"))).containsExactlyInAnyOrderElementsOf(masters);
			for (String node : masters) {
				assertThat(gauge(meters, "redis.server.memory.used", node)).isPositive();
				assertThat(counter(meters, "redis.server.commands.processed", node)).isPositive();
			}
			StringRedisTemplate redisTemplate = context.getBean(StringRedisTemplate.class);
			for (int i = 0; i < 30; i++) {
				redisTemplate.opsForValue().set(prefix + ":" + i, "v", Duration.ofMinutes(1));
			}
			assertThat(context.getBean(RedisServerMetrics.class).sample()).isTrue();
			double keys = meters.find("redis.server.keys").gauges().stream().mapToDouble(Gauge::value).sum();
			assertThat(keys).isGreaterThanOrEqualTo(30);
			assertThat(nodes(meters.find("redis.server.keys"))).hasSizeGreaterThan(1);
		});
	}

	@Test
	void withReadsFromReplicasTheClustersReplicasAreMeteredTooAndANodeThatLeavesLosesItsMeters() {
		try (ClusterFailoverRedis cluster = RedisServers.clusterFailover()) {
			this.contextRunner.withPropertyValues(cluster.springProperties())
				.run((context) -> assertThat(nodes(sampled(context).find("redis.server.memory.used"))).hasSize(3));
			this.contextRunner.withPropertyValues(cluster.springProperties())
				.withPropertyValues("spring.data.redis.lettuce.read-from=replicaPreferred",
						"spring.data.redis.lettuce.cluster.refresh.period=1s")
				.run((context) -> {
					MeterRegistry meters = sampled(context);
					assertThat(nodes(meters.find("redis.server.memory.used"))).hasSize(6);
					String dead = cluster.killMaster(0).oldPrimary().toString();
					Awaitility.await("the dead node's meters removed")
						.atMost(Duration.ofSeconds(30))
						.pollInterval(Duration.ofMillis(500))
						.until(() -> {
							context.getBean(RedisServerMetrics.class).sample();
							return !nodes(meters.find("redis.server.memory.used")).contains(dead);
						});
					assertThat(nodes(meters.find("redis.server.memory.used"))).hasSize(5);
				});
		}
	}

	@Test
	void theNamesSurviveThePrometheusRegistry() {
		StandaloneRedis redis = RedisServers.standalone();
		String node = redis.address().toString();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					RedisUtilsAutoConfiguration.class, RedisUtilsServerMetricsAutoConfiguration.class))
			.withBean(PrometheusMeterRegistry.class, () -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
			.withPropertyValues(redis.springProperties())
			.withPropertyValues("redis.metrics.server.interval=1h")
			.run((context) -> {
				PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
				RedisServerMetrics metrics = context.getBean(RedisServerMetrics.class);
				metrics.bindTo(registry);
				context.getBean(StringRedisTemplate.class)
					.opsForValue()
					.set("server-meters-" + UUID.randomUUID(), "v", Duration.ofMinutes(1));
				assertThat(metrics.sample()).isTrue();
				String scrape = registry.scrape();
				String tag = "{node=\"" + node + "\"}";
				assertThat(scrape).contains("redis_server_memory_used_bytes" + tag)
					.contains("redis_server_memory_max_bytes" + tag)
					.contains("redis_server_memory_fragmentation" + tag)
					.contains("redis_server_clients_connected" + tag)
					.contains("redis_server_clients_blocked" + tag)
					.contains("redis_server_commands_processed_total" + tag)
					.contains("redis_server_keyspace_hits_total" + tag)
					.contains("redis_server_keyspace_misses_total" + tag)
					.contains("redis_server_keys_expired_total" + tag)
					.contains("redis_server_keys_evicted_total" + tag)
					.contains("redis_server_slowlog_length" + tag)
					.contains("redis_server_uptime_seconds" + tag)
					.contains("redis_server_samples_total{outcome=\"success\"}");
				assertThat(scrape).containsPattern("redis_server_keys\\{db=\"\\d+\",node=\"" + node + "\"}");
			});
	}

	@Test
	void anAclUserWithoutInfoIsSkippedCountedAndLoggedOnce(CapturedOutput output) {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			RedisClient client = RedisClient.create(redis.url());
			try (StatefulRedisConnection<String, String> admin = client.connect()) {
				admin.sync()
					.aclSetuser("noinfo",
							AclSetuserArgs.Builder.on()
								.addPassword("secret")
								.allKeys()
								.allCommands()
								.removeCommand(io.lettuce.core.protocol.CommandType.INFO));
			}
			finally {
				client.shutdown();
			}
			this.contextRunner
				.withPropertyValues("spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port(),
						"spring.data.redis.username=noinfo", "spring.data.redis.password=secret")
				.run((context) -> {
					RedisServerMetrics metrics = context.getBean(RedisServerMetrics.class);
					MeterRegistry meters = context.getBean(MeterRegistry.class);
					for (int i = 0; i < 3; i++) {
						assertThat(metrics.sample()).isFalse();
					}
					assertThat(meters.get("redis.server.samples").tag("outcome", "denied").functionCounter().count())
						.isGreaterThanOrEqualTo(3);
					assertThat(meters.get("redis.server.samples").tag("outcome", "error").functionCounter().count())
						.isZero();
					String node = redis.host() + ":" + redis.port();
					assertThat(meters.get("redis.server.memory.used").tag("node", node).gauge().value()).isNaN();
					assertThat(output.getOut().lines().filter((line) -> line.contains("refused INFO"))).hasSize(1);
				});
		}
	}

	@Test
	void aPausedServerEndsEachSampleWithinTheTimeoutAndSamplingResumes() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			this.contextRunner.withPropertyValues(redis.springProperties())
				.withPropertyValues("spring.data.redis.timeout=10s", "redis.metrics.server.interval=1s",
						"redis.metrics.server.timeout=300ms")
				.run((context) -> {
					RedisServerMetrics metrics = context.getBean(RedisServerMetrics.class);
					MeterRegistry meters = context.getBean(MeterRegistry.class);
					FunctionCounter successes = meters.get("redis.server.samples")
						.tag("outcome", "success")
						.functionCounter();
					FunctionCounter errors = meters.get("redis.server.samples")
						.tag("outcome", "error")
						.functionCounter();
					Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> successes.count() >= 1);
					String node = redis.host() + ":" + redis.port();
					double used = meters.get("redis.server.memory.used").tag("node", node).gauge().value();
					redis.pause();
					try {
						for (int i = 0; i < 2; i++) {
							long start = System.nanoTime();
							assertThat(metrics.sample()).isFalse();
							assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(800));
						}
						double errorsBefore = errors.count();
						Awaitility.await("the scheduled samples go on")
							.atMost(Duration.ofSeconds(5))
							.until(() -> errors.count() > errorsBefore);
						assertThat(meters.get("redis.server.memory.used").tag("node", node).gauge().value())
							.as("the last value stays")
							.isEqualTo(used);
					}
					finally {
						redis.resume();
					}
					double successesBefore = successes.count();
					Awaitility.await("sampling resumes")
						.atMost(Duration.ofSeconds(15))
						.until(() -> successes.count() > successesBefore);
					assertThat(Thread.getAllStackTraces()
						.keySet()
						.stream()
						.filter((thread) -> thread.getName().startsWith("redis-utils-server-metrics")))
						.hasSizeLessThanOrEqualTo(2);
				});
		}
	}

	private static MeterRegistry sampled(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		assertThat(context.getBean(RedisServerMetrics.class).sample()).isTrue();
		return context.getBean(MeterRegistry.class);
	}

	private static double gauge(MeterRegistry meters, String name, String node) {
		return meters.get(name).tag("node", node).gauge().value();
	}

	private static double counter(MeterRegistry meters, String name, String node) {
		return meters.get(name).tag("node", node).functionCounter().count();
	}

	private static List<String> nodes(Search search) {
		return search.meters().stream().map((Meter meter) -> meter.getId().getTag("node")).distinct().sorted().toList();
	}

}
