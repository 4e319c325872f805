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
import java.util.Map;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsBlacklistAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsCacheAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsEndpointAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsLockAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsPubSubAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsQueueAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsRateLimitAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsServerMetricsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsSessionAutoConfiguration;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read of the {@code redisutils} endpoint answers within its bound while Redis is
 * stalled (SIGSTOP), with an {@code error} entry for what timed out.
 *
 * @author redis-utils authors
 */
class RedisUtilsEndpointStallTests {

	private static final Duration BOUND = Duration.ofMillis(500);

	/**
	 * The bound plus room for a loaded machine; far below the 10 s command timeout.
	 */
	private static final Duration ANSWERED = Duration.ofMillis(2500);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsCacheAutoConfiguration.class, RedisUtilsLockAutoConfiguration.class,
				RedisUtilsRateLimitAutoConfiguration.class, RedisUtilsSessionAutoConfiguration.class,
				RedisUtilsBlacklistAutoConfiguration.class, RedisUtilsPubSubAutoConfiguration.class,
				RedisUtilsQueueAutoConfiguration.class, RedisUtilsServerMetricsAutoConfiguration.class,
				RedisUtilsEndpointAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("spring.data.redis.timeout=10s", "redis.endpoint.timeout=" + BOUND.toMillis() + "ms",
				"redis.outage.backoff=0s", "redis.queue.workers-enabled=false",
				"redis.queue.queues.mails.concurrency=1", "redis.rate-limit.policies.api.limit=5",
				"redis.rate-limit.policies.api.window=1m", "management.endpoints.web.exposure.include=redisutils");

	@Test
	@SuppressWarnings("unchecked")
	void everyReadAnswersWithinTheBoundWhileRedisIsStalled() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			this.contextRunner.withPropertyValues(redis.springProperties()).run((context) -> {
				RedisUtilsEndpoint endpoint = context.getBean(RedisUtilsEndpoint.class);
				assertThat(endpoint.summary().get("queue"))
					.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
					.doesNotContainKey("error");
				redis.pause();
				try {
					for (int round = 0; round < 3; round++) {
						Map<String, Object> summary = timed(endpoint::summary);
						assertThat(summary).containsKeys("cache", "lock", "rate-limit", "session", "token-blacklist",
								"pubsub", "queue", "server");
						assertThat((Map<String, Object>) summary.get("queue")).containsKey("error");
						assertThat((Map<String, Object>) summary.get("queue")).extractingByKey("error")
							.asString()
							.contains("redis.endpoint.timeout");
						// What is known without Redis still answers: the locks held here,
						// and the server's last sample.
						assertThat((Map<String, Object>) summary.get("lock")).doesNotContainKey("error");
						assertThat((Map<String, Object>) summary.get("server")).doesNotContainKey("error")
							.containsKey("nodes");
						for (String section : endpoint.sectionNames()) {
							timed(() -> endpoint.section(section, 0, 20, null));
						}
						Map<String, Object> queue = timed(() -> endpoint.section("queue", 0, 20, "mails"));
						assertThat(queue).containsKey("error");
						Map<String, Object> key = timed(() -> endpoint.section("rate-limit", 0, 20, "ip:1"));
						assertThat(key).containsKey("error");
					}
					Map<String, Object> released = timed(() -> endpoint.release("lock", "stuck", null));
					assertThat(released).extractingByKey("error").asString().contains("may still take effect");
					Map<String, Object> retried = timed(() -> endpoint.retry("queue", "mails", null, 10));
					assertThat(retried).containsKey("error");
				}
				finally {
					redis.resume();
				}
				assertThat(context.getBean(DistributedLocks.class).tryAcquire("after", Duration.ofSeconds(5)))
					.isPresent();
				org.awaitility.Awaitility.await()
					.atMost(Duration.ofSeconds(15))
					.until(() -> !((Map<String, Object>) endpoint.summary().get("queue")).containsKey("error"));
			});
		}
	}

	@Test
	void aPageSizeOverTheMostIsRefused() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			this.contextRunner.withPropertyValues(redis.springProperties()).run((context) -> {
				RedisUtilsEndpoint endpoint = context.getBean(RedisUtilsEndpoint.class);
				org.assertj.core.api.Assertions.assertThatExceptionOfType(InvalidEndpointRequestException.class)
					.isThrownBy(() -> endpoint.section("lock", 0, RedisEndpointQuery.MAX_SIZE + 1, null));
				assertThat(endpoint.section("nope", 0, 1, null)).isNull();
			});
		}
	}

	private static <T> T timed(java.util.function.Supplier<T> read) {
		long start = System.nanoTime();
		T result = read.get();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ANSWERED);
		return result;
	}

}
