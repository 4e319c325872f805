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

import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.commonspool2.CommonsObjectPool2Metrics;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client side of the Redis meters is Spring Boot's and Lettuce's own: with Actuator,
 * every Lettuce command is observed and timed, beside the library's server meters.
 *
 * @author redis-utils authors
 */
class LettuceClientMetersTests {

	@Test
	void everyCommandIsTimedByLettucesObservation() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties(RedisServers.standalone().springProperties())
			.properties("spring.main.banner-mode=off")
			.run()) {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			redis.opsForValue().set("client-meters", "v");
			redis.opsForValue().get("client-meters");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			// Lettuce's observation, installed by Boot: one timer per command.
			assertThat(registry.find("lettuce").tag("db.operation", "SET").timer())
				.satisfies((timer) -> assertThat(timer.count()).isPositive());
			assertThat(registry.find("lettuce").tag("db.operation", "GET").timer())
				.satisfies((timer) -> assertThat(timer.count()).isPositive());
			// Beside the library's own meters of the server.
			assertThat(registry.find("redis.server.samples").functionCounters()).isNotEmpty();
		}
	}

	@Test
	void aPoolPublishesItsGaugesThroughMicrometersCommonsPoolBinder() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PooledApplication.class)
			.web(WebApplicationType.NONE)
			.properties(RedisServers.standalone().springProperties())
			.properties("spring.main.banner-mode=off", "spring.data.redis.lettuce.pool.enabled=true",
					"spring.data.redis.lettuce.pool.max-active=4")
			.run()) {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			redis.execute((RedisCallback<Object>) (connection) -> connection.listCommands()
				.bLPop(1, "client-meters-list".getBytes()));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> !registry.find("commons.pool2.num.idle").gauges().isEmpty()
						|| !registry.find("commons.pool2.created").functionCounters().isEmpty());
			assertThat(registry.find("commons.pool2.num.active").gauges()).isNotEmpty();
			assertThat(registry.find("commons.pool2.created").functionCounters())
				.anySatisfy((created) -> assertThat(created.count()).isPositive());
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

	/**
	 * With a pool: Micrometer's binder reads commons-pool2's JMX beans.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PooledApplication {

		@Bean
		CommonsObjectPool2Metrics commonsObjectPool2Metrics() {
			return new CommonsObjectPool2Metrics();
		}

	}

}
