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
package io.github.redisutils.autoconfigure;

import java.time.Duration;

import io.github.redisutils.actuate.RedisServerMetrics;
import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static io.github.redisutils.autoconfigure.PropertiesBinding.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link RedisUtilsServerMetricsAutoConfiguration} and
 * {@link RedisMetricsProperties}.
 *
 * @author redis-utils authors
 */
class RedisUtilsServerMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsServerMetricsAutoConfiguration.class))
		.withPropertyValues(RedisServers.standalone().springProperties())
		.withPropertyValues("redis.metrics.server.interval=1h");

	@Test
	void registersTheServerMetersWhenAMeterRegistryExists() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasSingleBean(RedisServerMetrics.class);
			assertThat(context.getBean(RedisServerMetrics.class).isRunning()).isTrue();
			RedisMetricsProperties.Server server = context.getBean(RedisMetricsProperties.class).getServer();
			assertThat(server.isEnabled()).isTrue();
			assertThat(server.getTimeout()).isEqualTo(Duration.ofSeconds(2));
		});
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(RedisServerMetrics.class));
	}

	@Test
	void backsOffWhenSwitchedOff() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("redis.metrics.server.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisServerMetrics.class));
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("redis.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisServerMetrics.class));
	}

	@Test
	void backsOffWithoutLettuce() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withClassLoader(new FilteredClassLoader("org.springframework.data.redis.connection.lettuce"))
			.run((context) -> assertThat(context).doesNotHaveBean(RedisServerMetrics.class));
	}

	@Test
	void backsOffForTheUsersOwnBean() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withUserConfiguration(UserServerMetrics.class)
			.run((context) -> assertThat(context).hasSingleBean(RedisServerMetrics.class).hasBean("myServerMetrics"));
	}

	@Test
	void aTimeoutNotShorterThanTheIntervalFailsStartUpNamingTheKey() {
		assertRejected(RedisMetricsProperties.class, "redis.metrics.server.timeout", "must be shorter than",
				"redis.metrics.server.interval=2s", "redis.metrics.server.timeout=2s");
	}

	@Test
	void aZeroIntervalFailsStartUpNamingTheKey() {
		assertRejected(RedisMetricsProperties.class, "redis.metrics.server.interval", "must be positive",
				"redis.metrics.server.interval=0s");
	}

	@Test
	void aZeroTimeoutFailsStartUpNamingTheKey() {
		assertRejected(RedisMetricsProperties.class, "redis.metrics.server.timeout", "must be positive",
				"redis.metrics.server.timeout=0ms");
	}

	@Configuration(proxyBeanMethods = false)
	static class UserServerMetrics {

		@Bean
		RedisServerMetrics myServerMetrics(RedisConnectionFactory redisConnectionFactory) {
			return new RedisServerMetrics(redisConnectionFactory, Duration.ofMinutes(1), Duration.ofSeconds(1),
					RedisThreads.platform(), () -> null);
		}

	}

}
