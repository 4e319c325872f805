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
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsHealthContributorAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsLockAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsQueueAutoConfiguration;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the memory and eviction details of the {@code connection} health check against
 * a dedicated real server whose {@code maxmemory} and {@code maxmemory-policy} are set
 * with {@code CONFIG SET}: the warning above
 * {@code redis.health.memory-warning-threshold}, DOWN from
 * {@code redis.health.memory-down-threshold}, and the eviction warning naming the
 * features in use, in the details and once in the start-up log.
 *
 * @author redis-utils authors
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisConnectionMemoryHealthTests {

	private static final String EVICTION_LOG = "lets a full Redis evict";

	/** Enough data that the connections of a test barely move the share of memory. */
	private static final int PAYLOAD_BYTES = 8 * 1024 * 1024;

	private static final int VALUE_BYTES = 16 * 1024;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsHealthContributorAutoConfiguration.class, RedisUtilsLockAutoConfiguration.class,
				RedisUtilsQueueAutoConfiguration.class));

	private DedicatedRedis redis;

	private RedisClient client;

	private StatefulRedisConnection<String, String> admin;

	@BeforeEach
	void startServer() {
		this.redis = RedisServers.dedicated();
		this.client = RedisClient.create(this.redis.url());
		this.admin = this.client.connect();
	}

	@AfterEach
	void stopServer() {
		this.admin.close();
		this.client.shutdown();
		this.redis.close();
	}

	@Test
	void memoryUseBelowTheWarningThresholdShowsTheNumbersWithoutAWarning() {
		long used = fillAndLimit(50);
		run((context) -> {
			Health health = connectionHealth(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKeys("memoryUsed", "memoryMax", "memoryUsedPercent")
				.containsEntry("maxmemoryPolicy", "noeviction")
				.doesNotContainKeys("warning", "evictionRisk");
			assertThat((long) health.getDetails().get("memoryUsed")).isGreaterThanOrEqualTo(used);
			assertThat((double) health.getDetails().get("memoryUsedPercent")).isBetween(45.0, 60.0);
		});
	}

	@Test
	void memoryUseAboveTheWarningThresholdAddsAWarningAndStaysUp() {
		fillAndLimit(90);
		run((context) -> {
			Health health = connectionHealth(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat((double) health.getDetails().get("memoryUsedPercent")).isBetween(85.0, 95.0);
			assertThat((String) health.getDetails().get("warning")).startsWith("Memory use ")
				.contains("% of maxmemory, above the 80.0 % threshold (redis.health.memory-warning-threshold)");
			assertThat(health.getDetails()).doesNotContainKeys("error", "evictionRisk");
		});
	}

	@Test
	void memoryWarningThresholdIsConfigurable() {
		fillAndLimit(50);
		run((context) -> {
			Health health = connectionHealth(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat((String) health.getDetails().get("warning"))
				.contains("above the 40.0 % threshold (redis.health.memory-warning-threshold)");
		}, "redis.health.memory-warning-threshold=40");
	}

	@Test
	void memoryUseFromTheDownThresholdIsDown() {
		fillAndLimit(90);
		run((context) -> {
			Health health = connectionHealth(context);
			assertThat(health.getStatus()).as("%s", health.getDetails()).isEqualTo(Status.DOWN);
			assertThat((String) health.getDetails().get("error")).startsWith("Memory use ")
				.contains("% of maxmemory, at or above the 85.0 % DOWN threshold (redis.health.memory-down-threshold)");
			assertThat(health.getDetails()).containsKeys("pingMillis", "version", "memoryUsed", "memoryMax")
				.doesNotContainKey("warning");
		}, "redis.health.memory-down-threshold=85");
	}

	@Test
	void memoryUseBelowASetDownThresholdIsUpWithAWarning() {
		fillAndLimit(90);
		run((context) -> {
			Health health = connectionHealth(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat((String) health.getDetails().get("warning")).as("%s", health.getDetails())
				.contains("above the 80.0 % threshold");
		}, "redis.health.memory-down-threshold=98");
	}

	@Test
	void withoutMaxmemoryThereIsNoShareAndNoEvictionRisk(CapturedOutput output) {
		config("maxmemory-policy", "allkeys-lru");
		run((context) -> {
			Health health = connectionHealth(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("memoryMax", 0L)
				.containsEntry("maxmemoryPolicy", "allkeys-lru")
				.doesNotContainKeys("memoryUsedPercent", "warning", "evictionRisk");
			awaitEvictionCheck();
		});
		assertThat(output.getAll()).doesNotContain(EVICTION_LOG);
	}

	@Test
	void allkeysPolicyWarnsForQueuesAndLocksInUseWithTheRecommendationOnceInTheLog(CapturedOutput output) {
		config("maxmemory", "1gb");
		config("maxmemory-policy", "allkeys-lru");
		run((context) -> {
			awaitEvictionCheck();
			Health health = connectionHealth(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("maxmemoryPolicy", "allkeys-lru")
				.containsEntry("evictionRisk", List.of("queue", "lock"));
			assertThat((String) health.getDetails().get("warning")).isEqualTo(
					"maxmemory-policy allkeys-lru lets a full Redis evict any key, silently dropping queue jobs, "
							+ "locks (queue, lock): " + RedisEvictionRisk.RECOMMENDATION);
			connectionHealth(context);
			connectionHealth(context);
		});
		assertThat(occurrences(output.getAll(), EVICTION_LOG)).isOne();
		assertThat(output.getAll()).contains("WARN")
			.contains("Redis maxmemory-policy allkeys-lru lets a full Redis evict any key, silently dropping "
					+ "queue jobs, locks (queue, lock): use maxmemory-policy noeviction for the instance that holds "
					+ "queues and locks, and a separate instance");
	}

	@Test
	void volatilePolicyWarnsForLocksButNotForQueueJobsWhichHaveNoTtl(CapturedOutput output) {
		config("maxmemory", "1gb");
		config("maxmemory-policy", "volatile-lru");
		run((context) -> {
			awaitEvictionCheck();
			Health health = connectionHealth(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("maxmemoryPolicy", "volatile-lru")
				.containsEntry("evictionRisk", List.of("lock"));
			assertThat((String) health.getDetails().get("warning"))
				.isEqualTo("maxmemory-policy volatile-lru lets a full Redis evict keys with a TTL, silently dropping "
						+ "locks (lock): " + RedisEvictionRisk.RECOMMENDATION);
		});
		assertThat(occurrences(output.getAll(), EVICTION_LOG)).isOne();
		assertThat(output.getAll()).contains("Redis maxmemory-policy volatile-lru lets a full Redis evict keys with "
				+ "a TTL, silently dropping locks (lock)");
	}

	@Test
	void evictionRiskNamesOnlyTheFeaturesInUse(CapturedOutput output) {
		config("maxmemory", "1gb");
		config("maxmemory-policy", "allkeys-lfu");
		run((context) -> {
			awaitEvictionCheck();
			Health health = connectionHealth(context);
			assertThat(health.getDetails()).containsEntry("evictionRisk", List.of("lock"));
		}, "redis.queue.enabled=false");
		assertThat(output.getAll()).contains("silently dropping locks (lock): ").doesNotContain("queue jobs");
	}

	@Test
	void noevictionPolicyHasNoEvictionWarning(CapturedOutput output) {
		config("maxmemory", "1gb");
		config("maxmemory-policy", "noeviction");
		run((context) -> {
			awaitEvictionCheck();
			Health health = connectionHealth(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("maxmemoryPolicy", "noeviction")
				.doesNotContainKeys("warning", "evictionRisk");
			assertThat(context.getBean(RedisEvictionPolicyCheck.class).check()).isNull();
		});
		assertThat(output.getAll()).doesNotContain(EVICTION_LOG);
	}

	private void run(Consumer<AssertableApplicationContext> test, String... properties) {
		this.contextRunner.withPropertyValues(this.redis.springProperties())
			.withPropertyValues(properties)
			.run(test::accept);
	}

	/**
	 * Store a payload and set {@code maxmemory} so that the memory in use is the given
	 * share of it.
	 * @return the memory in use when the limit was set
	 */
	private long fillAndLimit(int percent) {
		RedisCommands<String, String> commands = this.admin.sync();
		// Small values: one large argument would leave a large query buffer counted in
		// used_memory until the server trims it.
		String value = "x".repeat(VALUE_BYTES);
		for (int i = 0; i < PAYLOAD_BYTES / VALUE_BYTES; i++) {
			commands.set("payload:" + i, value);
		}
		long used = usedMemory();
		config("maxmemory", Long.toString(used * 100 / percent));
		return used;
	}

	private long usedMemory() {
		Matcher matcher = Pattern.compile("used_memory:(\\d+)").matcher(this.admin.sync().info("memory"));
		assertThat(matcher.find()).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	private void config(String name, String value) {
		assertThat(this.admin.sync().configSet(name, value)).isEqualTo("OK");
	}

	/**
	 * Wait until the start-up check of the eviction policy has run.
	 */
	private static void awaitEvictionCheck() {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (Thread.getAllStackTraces()
			.keySet()
			.stream()
			.anyMatch((thread) -> thread.getName().startsWith("redis-utils-eviction-check-") && thread.isAlive())) {
			assertThat(System.nanoTime() - deadline).as("the eviction check ended in time").isNegative();
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int index = text.indexOf(part); index >= 0; index = text.indexOf(part, index + 1)) {
			count++;
		}
		return count;
	}

	private static Health connectionHealth(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		RedisHealthContributor redis = context.getBean(RedisHealthContributor.class);
		HealthIndicator connection = (HealthIndicator) redis.getContributor("connection");
		assertThat(connection).isNotNull();
		return connection.health();
	}

}
