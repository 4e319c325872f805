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

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsBlacklistAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsBlacklistHealthContributorAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsCacheAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsCacheHealthContributorAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsHealthContributorAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsLockAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsLockHealthContributorAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsPubSubAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsPubSubHealthContributorAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsQueueAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsQueueHealthContributorAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsRateLimitAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsRateLimitHealthContributorAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsSessionAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsSessionHealthContributorAutoConfiguration;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole {@code redis} health tree, every feature configured, read through the health
 * endpoint: it answers within {@code redis.health.timeout} when Redis hangs (a server
 * frozen with SIGSTOP) with a command timeout well above the health timeout, and each
 * feature child can be switched off on its own.
 *
 * @author redis-utils authors
 */
class RedisHealthTreeTests {

	private static final List<String> CHILDREN = List.of("connection", "token-blacklist", "rate-limit", "cache", "lock",
			"queue", "pubsub", "session");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsHealthContributorAutoConfiguration.class, RedisUtilsBlacklistAutoConfiguration.class,
				RedisUtilsBlacklistHealthContributorAutoConfiguration.class, RedisUtilsRateLimitAutoConfiguration.class,
				RedisUtilsRateLimitHealthContributorAutoConfiguration.class, RedisUtilsCacheAutoConfiguration.class,
				RedisUtilsCacheHealthContributorAutoConfiguration.class, RedisUtilsLockAutoConfiguration.class,
				RedisUtilsLockHealthContributorAutoConfiguration.class, RedisUtilsQueueAutoConfiguration.class,
				RedisUtilsQueueHealthContributorAutoConfiguration.class, RedisUtilsPubSubAutoConfiguration.class,
				RedisUtilsPubSubHealthContributorAutoConfiguration.class, RedisUtilsSessionAutoConfiguration.class,
				RedisUtilsSessionHealthContributorAutoConfiguration.class, HealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.timeout=6s", "redis.health.timeout=1s",
				"management.endpoint.health.show-details=always", "redis.queue.queues.orders.concurrency=1",
				"redis.rate-limit.policies.api.algorithm=fixed-window", "redis.rate-limit.policies.api.limit=10",
				"redis.rate-limit.policies.api.window=1m", "redis.cache.caches.books.ttl=1m");

	@Test
	void everyChildIsBoundedWhenRedisHangs() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			this.contextRunner.withPropertyValues(redis.springProperties()).run((context) -> {
				CompositeHealthDescriptor healthy = healthyWithin(context, Duration.ofSeconds(10));
				assertThat(healthy.getComponents()).containsOnlyKeys(CHILDREN);
				redis.pause();
				try {
					for (int i = 0; i < 3; i++) {
						long start = System.nanoTime();
						CompositeHealthDescriptor health = redisHealth(context);
						Duration took = Duration.ofNanos(System.nanoTime() - start);
						assertThat(took).isLessThan(Duration.ofMillis(1500));
						assertThat(health.getStatus()).isEqualTo(Status.DOWN);
						Map<String, HealthDescriptor> children = health.getComponents();
						assertThat(children).containsOnlyKeys(CHILDREN);
						assertThat(children.get("connection").getStatus()).isEqualTo(Status.DOWN);
						IndicatedHealthDescriptor queues = (IndicatedHealthDescriptor) children.get("queue");
						assertThat(queues.getStatus()).isEqualTo(Status.UNKNOWN);
						assertThat(queues.getDetails()).containsEntry("error",
								"Timed out: no answer within 1000 ms (redis.health.timeout)");
					}
					// One check per child in flight at most, reused by later requests.
					assertThat(healthThreads()).isLessThanOrEqualTo(CHILDREN.size());
				}
				finally {
					redis.resume();
				}
			});
		}
	}

	@Test
	void aChildThatAnswersInTimeIsNotCutShort() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			// A generous bound: this test is about answers, not a loaded machine's
			// connect time.
			this.contextRunner.withPropertyValues(redis.springProperties())
				.withPropertyValues("redis.health.timeout=5s")
				.run((context) -> {
					for (int i = 0; i < 5; i++) {
						CompositeHealthDescriptor health = redisHealth(context);
						assertThat(health.getStatus()).as(() -> describe(health)).isEqualTo(Status.UP);
						assertThat(health.getComponents().values())
							.allSatisfy((child) -> assertThat(child.getStatus()).isEqualTo(Status.UP));
					}
				});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "token-blacklist", "rate-limit", "cache", "lock", "queue", "pubsub", "session" })
	void eachFeatureChildCanBeSwitchedOffAlone(String child) {
		this.contextRunner.withPropertyValues(RedisServers.standalone().springProperties())
			.withPropertyValues("management.health.redis." + child + ".enabled=false")
			.run((context) -> {
				List<String> others = CHILDREN.stream().filter((name) -> !name.equals(child)).toList();
				assertThat(redisHealth(context).getComponents()).containsOnlyKeys(others);
			});
	}

	@Test
	void eachSwitchHasIdeMetadata() throws Exception {
		String metadata;
		try (InputStream input = RedisUtilsAutoConfiguration.class.getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			assertThat(input).isNotNull();
			metadata = new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
		for (String child : CHILDREN.subList(1, CHILDREN.size())) {
			assertThat(metadata)
				.containsPattern("\"name\"\\s*:\\s*\"management\\.health\\.redis\\." + child + "\\.enabled\"");
		}
	}

	private static CompositeHealthDescriptor redisHealth(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		HealthDescriptor health = context.getBean(HealthEndpoint.class).healthForPath("redis");
		assertThat(health).isInstanceOf(CompositeHealthDescriptor.class);
		return (CompositeHealthDescriptor) health;
	}

	/**
	 * Read health until it is UP: the first connection of a loaded machine may take
	 * longer than the health timeout.
	 */
	private static CompositeHealthDescriptor healthyWithin(AssertableApplicationContext context, Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		CompositeHealthDescriptor health = redisHealth(context);
		while (!Status.UP.equals(health.getStatus()) && System.nanoTime() - deadline < 0) {
			health = redisHealth(context);
		}
		CompositeHealthDescriptor last = health;
		assertThat(last.getStatus()).as(() -> describe(last)).isEqualTo(Status.UP);
		return last;
	}

	private static String describe(CompositeHealthDescriptor health) {
		StringBuilder text = new StringBuilder();
		health.getComponents().forEach((name, child) -> {
			text.append(name).append('=').append(child.getStatus());
			if (child instanceof IndicatedHealthDescriptor indicated) {
				text.append(indicated.getDetails());
			}
			text.append(System.lineSeparator());
		});
		return text.toString();
	}

	private static long healthThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("redis-utils-health-"))
			.count();
	}

}
