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

import java.util.Map;
import java.util.function.Supplier;
import java.util.LinkedHashMap;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code springProperties(registry::add)} form of {@link SentinelRedis} and
 * {@link ClusterRedis}, as a {@code @DynamicPropertySource} method uses it, each in a
 * Spring Boot context that runs a real command.
 */
class SpringPropertiesBootTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
		// Port 1 would refuse: only the registered properties can make the command work.
		.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=1");

	@Test
	void sentinelDynamicPropertiesConnectBootToThePrimary() {
		SentinelRedis sentinel = RedisServers.sentinel();
		this.runner.withPropertyValues(registered(sentinel::springProperties)).run((context) -> {
			context.getBean(StringRedisTemplate.class).opsForValue().set("details-tests:sentinel-properties", "boot");
			assertThat(TestClients.get(sentinel.primary(), "details-tests:sentinel-properties")).isEqualTo("boot");
		});
	}

	@Test
	void clusterDynamicPropertiesConnectBootToTheCluster() {
		ClusterRedis cluster = RedisServers.cluster();
		this.runner.withPropertyValues(registered(cluster::springProperties)).run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			template.opsForValue().set("details-tests:cluster-properties", "boot");
			assertThat(template.opsForValue().get("details-tests:cluster-properties")).isEqualTo("boot");
			assertThat(context.getBean(RedisConnectionFactory.class).getClusterConnection().clusterGetNodes())
				.hasSize(cluster.nodes().size());
		});
	}

	/**
	 * Collects what a {@code DynamicPropertyRegistry} would receive, as
	 * {@code name=value} pairs.
	 */
	private static String[] registered(
			java.util.function.Consumer<java.util.function.BiConsumer<String, Supplier<Object>>> source) {
		Map<String, Supplier<Object>> registry = new LinkedHashMap<>();
		source.accept(registry::put);
		return registry.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue().get())
			.toArray(String[]::new);
	}

}
