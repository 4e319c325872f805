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
import java.util.Map;

import io.github.redisutils.actuate.RedisEndpointSection;
import io.github.redisutils.actuate.RedisUtilsEndpoint;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.github.redisutils.autoconfigure.PropertiesBinding.assertRejected;
import static io.github.redisutils.autoconfigure.PropertiesBinding.bind;
import static org.assertj.core.api.Assertions.assertThat;

class RedisUtilsEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsCacheAutoConfiguration.class, RedisUtilsLockAutoConfiguration.class,
				RedisUtilsRateLimitAutoConfiguration.class, RedisUtilsSessionAutoConfiguration.class,
				RedisUtilsBlacklistAutoConfiguration.class, RedisUtilsPubSubAutoConfiguration.class,
				RedisUtilsQueueAutoConfiguration.class, RedisUtilsEndpointAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues(RedisServers.standalone().springProperties())
		.withPropertyValues("redis.queue.workers-enabled=false",
				"management.endpoints.web.exposure.include=redisutils");

	@Test
	void theEndpointHasASectionPerFeatureInUse() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RedisUtilsEndpoint.class)
				.hasBean("cacheEndpointSection")
				.hasBean("lockEndpointSection")
				.hasBean("rateLimitEndpointSection")
				.hasBean("sessionEndpointSection")
				.hasBean("tokenBlacklistEndpointSection")
				.hasBean("pubsubEndpointSection")
				.hasBean("queueEndpointSection");
			assertThat(context.getBean(RedisUtilsEndpoint.class).sectionNames()).containsExactlyInAnyOrder("cache",
					"lock", "rate-limit", "session", "token-blacklist", "pubsub", "queue");
		});
	}

	@Test
	void aFeatureSwitchedOffHasNoSection() {
		this.contextRunner.withPropertyValues("redis.lock.enabled=false", "redis.queue.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean("lockEndpointSection").doesNotHaveBean("queueEndpointSection");
				assertThat(context.getBean(RedisUtilsEndpoint.class).sectionNames()).doesNotContain("lock", "queue")
					.contains("cache");
			});
	}

	@Test
	void anotherSectionBeanIsShownToo() {
		this.contextRunner
			.withBean("serverEndpointSection", RedisEndpointSection.class,
					() -> RedisEndpointSection.of("server", () -> Map.of("version", "7"), (query) -> Map.of()))
			.run((context) -> assertThat(context.getBean(RedisUtilsEndpoint.class).summary()).containsEntry("server",
					Map.of("version", "7")));
	}

	@Test
	void backsOffForTheUsersOwnEndpointAndSections() {
		RedisUtilsEndpoint own = new RedisUtilsEndpoint(java.util.List.of(),
				new RedisUtilsEndpoint.Operations(null, null, null), Duration.ofSeconds(1),
				io.github.redisutils.core.RedisThreads.platform(), io.github.redisutils.core.OutageBackoffs.disabled(),
				null);
		RedisEndpointSection lock = RedisEndpointSection.of("lock", Map::of, (query) -> Map.of());
		this.contextRunner.withBean("myEndpoint", RedisUtilsEndpoint.class, () -> own)
			.withBean("lockEndpointSection", RedisEndpointSection.class, () -> lock)
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisUtilsEndpoint.class);
				assertThat(context.getBean(RedisUtilsEndpoint.class)).isSameAs(own);
				assertThat(context.getBean("lockEndpointSection")).isSameAs(lock);
			});
	}

	@Test
	void anEndpointThatIsNotExposedIsNotCreated() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisUtilsEndpoint.class)
				.doesNotHaveBean("lockEndpointSection"));
	}

	@Test
	void withoutActuatorOnTheClassPathThereIsNoEndpoint() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisUtilsEndpoint.class));
	}

	@Test
	void redisUtilsDisabledMeansNoEndpoint() {
		this.contextRunner.withPropertyValues("redis.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisUtilsEndpoint.class));
	}

	@Test
	void theTimeoutDefaultsToTwoSeconds() {
		assertThat(bind(RedisEndpointProperties.class).getTimeout()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void aTimeoutThatIsNotPositiveOrOverAMinuteFailsStartUp() {
		assertRejected(RedisEndpointProperties.class, "redis.endpoint.timeout", "must be positive",
				"redis.endpoint.timeout=0s");
		assertRejected(RedisEndpointProperties.class, "redis.endpoint.timeout", "must be at most",
				"redis.endpoint.timeout=2m");
	}

}
