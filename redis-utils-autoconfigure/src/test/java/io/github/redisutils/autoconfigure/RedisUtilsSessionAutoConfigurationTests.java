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

import io.github.redisutils.actuate.RedisHealthContribution;
import io.github.redisutils.actuate.RedisHealthContributor;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.codec.ValueCodec;
import io.github.redisutils.session.LimitPolicy;
import io.github.redisutils.session.SessionMetrics;
import io.github.redisutils.session.SessionStore;
import io.github.redisutils.session.SessionStoreOptions;
import io.github.redisutils.actuate.SessionsHealthIndicator;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisUtilsSessionAutoConfiguration} and
 * {@link RedisUtilsSessionHealthContributorAutoConfiguration}.
 *
 * @author redis-utils authors
 */
class RedisUtilsSessionAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsSessionAutoConfiguration.class, RedisUtilsHealthContributorAutoConfiguration.class,
				RedisUtilsSessionHealthContributorAutoConfiguration.class))
		.withPropertyValues(RedisServers.standalone().springProperties());

	@Test
	void defaultsProvideAStoreWithMetersAndASessionsHealthChild() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SessionStore.class).hasSingleBean(SessionMetrics.class);
			RedisSessionProperties properties = context.getBean(RedisSessionProperties.class);
			assertThat(properties.toOptions()).isEqualTo(SessionStoreOptions.defaults());
			CompositeHealthContributor redis = context.getBean(RedisHealthContributor.class);
			assertThat(redis.stream().map(CompositeHealthContributor.Entry::name)).containsExactly("connection",
					"session");
			HealthIndicator sessions = (HealthIndicator) redis.getContributor("session");
			Health health = sessions.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("maxPerUser", 0)
				.containsEntry("limitPolicy", "evict-oldest")
				.containsKey("activeSessions")
				.containsKey("onlineUsers");
		});
	}

	@Test
	void propertiesReachTheStore() {
		this.contextRunner
			.withPropertyValues("redis.session.max-per-user=1", "redis.session.limit-policy=refuse",
					"redis.session.idle-timeout=5m")
			.run((context) -> {
				SessionStore store = context.getBean(SessionStore.class);
				String user = "auto-" + System.nanoTime();
				assertThat(store.create(user).expiresAt()).isNotNull();
				assertThat(context.getBean(RedisSessionProperties.class).toOptions().limitPolicy())
					.isEqualTo(LimitPolicy.REFUSE);
				org.assertj.core.api.Assertions
					.assertThatExceptionOfType(io.github.redisutils.session.SessionLimitExceededException.class)
					.isThrownBy(() -> store.create(user));
				store.destroyAllForUser(user);
			});
	}

	@Test
	void featureSwitchOffCreatesNothing() {
		this.contextRunner.withPropertyValues("redis.session.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(RedisKeys.class)
				.doesNotHaveBean(SessionStore.class)
				.doesNotHaveBean(SessionMetrics.class)
				.doesNotHaveBean("sessionHealthContribution"));
	}

	@Test
	void redisDisabledCreatesNothing() {
		this.contextRunner.withPropertyValues("redis.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SessionStore.class)
				.doesNotHaveBean(SessionMetrics.class)
				.doesNotHaveBean("sessionHealthContribution"));
	}

	@Test
	void withoutAConnectionFactoryNothingIsCreated() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RedisUtilsAutoConfiguration.class, RedisUtilsSessionAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SessionStore.class));
	}

	@Test
	void withoutActuatorTheStoreStillWorks() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(SessionStore.class)
				.doesNotHaveBean("sessionHealthContribution"));
	}

	@Test
	void healthIndicatorSwitchRemovesTheChild() {
		this.contextRunner.withPropertyValues("management.health.redis.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(SessionStore.class)
				.doesNotHaveBean("sessionHealthContribution"));
	}

	@Test
	void meterRegistryGetsTheMeters() {
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			SimpleMeterRegistry meters = context.getBean(SimpleMeterRegistry.class);
			for (String counter : new String[] { "creations", "destructions", "evictions", "touches.skipped" }) {
				assertThat(meters.find("redis.session." + counter).counter()).as(counter).isNotNull();
			}
			assertThat(meters.find("redis.session.active").gauge()).isNotNull();
		});
	}

	@Test
	void everyBeanBacksOffForTheUsersOwn() {
		this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			UserBeans user = context.getBean(UserBeans.class);
			assertThat(context.getBean(SessionMetrics.class)).isSameAs(user.metrics);
			assertThat(context.getBean(SessionStore.class)).isSameAs(context.getBean("userStore"));
			assertThat(context.getBean("sessionHealthContribution", RedisHealthContribution.class).contributor())
				.isNotInstanceOf(SessionsHealthIndicator.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		final SessionMetrics metrics = new SessionMetrics(new SimpleMeterRegistry(), Duration.ofSeconds(1));

		@Bean
		SessionMetrics userMetrics() {
			return this.metrics;
		}

		@Bean
		SessionStore userStore(RedisConnectionFactory connectionFactory, ApplicationEventPublisher events) {
			return SessionStore.create(connectionFactory, RedisKeys.withPrefix("mine"),
					ValueCodec.create(JsonMapper.builder().build(), new RedisUtilsProperties().getCodec().toOptions()),
					SessionStoreOptions.defaults(), this.metrics, events);
		}

		@Bean
		RedisHealthContribution sessionHealthContribution() {
			return new RedisHealthContribution("session", (HealthIndicator) () -> Health.up().build());
		}

	}

}
