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

import io.github.redisutils.actuate.RedisHealthContribution;
import io.github.redisutils.actuate.RedisHealthContributor;
import io.github.redisutils.blacklist.FailurePolicy;
import io.github.redisutils.blacklist.LocalRevocationCache;
import io.github.redisutils.blacklist.ReactiveTokenBlacklist;
import io.github.redisutils.blacklist.RevocationSubscriber;
import io.github.redisutils.blacklist.TokenBlacklist;
import io.github.redisutils.actuate.TokenBlacklistHealthIndicator;
import io.github.redisutils.blacklist.TokenBlacklistMonitor;
import io.github.redisutils.blacklist.TokenBlacklistOptions;
import io.github.redisutils.blacklist.security.TokenBlacklistJwtDecoderPostProcessor;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisUtilsBlacklistAutoConfiguration} and
 * {@link RedisUtilsBlacklistHealthContributorAutoConfiguration}.
 *
 * @author redis-utils authors
 */
class RedisUtilsBlacklistAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsBlacklistAutoConfiguration.class, RedisUtilsHealthContributorAutoConfiguration.class,
				RedisUtilsBlacklistHealthContributorAutoConfiguration.class))
		.withPropertyValues(RedisServers.standalone().springProperties());

	@Test
	void defaultsProvideBlockingAndReactiveBlacklistsWithASyncedLocalCacheAndHealth() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TokenBlacklist.class)
				.hasSingleBean(ReactiveTokenBlacklist.class)
				.hasSingleBean(TokenBlacklistMonitor.class)
				.hasSingleBean(LocalRevocationCache.class)
				.hasSingleBean(RevocationSubscriber.class)
				.doesNotHaveBean(TokenBlacklistJwtDecoderPostProcessor.class);
			assertThat(context.getBean(TokenBlacklistMonitor.class).onFailure()).isEqualTo(FailurePolicy.CLOSED);
			CompositeHealthContributor redis = context.getBean(RedisHealthContributor.class);
			assertThat(redis.stream().map(CompositeHealthContributor.Entry::name)).containsExactly("connection",
					"token-blacklist");
		});
	}

	@Test
	void onFailureOpenIsHonoured() {
		this.contextRunner.withPropertyValues("redis.token-blacklist.on-failure=open")
			.run((context) -> assertThat(context.getBean(TokenBlacklistMonitor.class).onFailure())
				.isEqualTo(FailurePolicy.OPEN));
	}

	@Test
	void localCacheCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("redis.token-blacklist.local-cache.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(TokenBlacklist.class)
				.doesNotHaveBean(LocalRevocationCache.class)
				.doesNotHaveBean(RevocationSubscriber.class));
	}

	@Test
	void securityPropertyJoinsTheDecoders() {
		this.contextRunner.withPropertyValues("redis.token-blacklist.security.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(TokenBlacklistJwtDecoderPostProcessor.class));
	}

	@Test
	void withoutSpringSecurityTheSecurityPropertyIsHarmless() {
		this.contextRunner.withPropertyValues("redis.token-blacklist.security.enabled=true")
			.withClassLoader(new FilteredClassLoader(JwtDecoder.class))
			.run((context) -> assertThat(context).hasSingleBean(TokenBlacklist.class)
				.doesNotHaveBean(TokenBlacklistJwtDecoderPostProcessor.class));
	}

	@Test
	void featureSwitchOffCreatesNothing() {
		this.contextRunner.withPropertyValues("redis.token-blacklist.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(RedisKeys.class)
				.doesNotHaveBean(TokenBlacklist.class)
				.doesNotHaveBean(ReactiveTokenBlacklist.class)
				.doesNotHaveBean(LocalRevocationCache.class)
				.doesNotHaveBean("tokenBlacklistHealthContribution"));
	}

	@Test
	void redisDisabledCreatesNothing() {
		this.contextRunner.withPropertyValues("redis.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TokenBlacklist.class)
				.doesNotHaveBean(TokenBlacklistMonitor.class)
				.doesNotHaveBean("tokenBlacklistHealthContribution"));
	}

	@Test
	void withoutAConnectionFactoryNothingIsCreated() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisUtilsAutoConfiguration.class,
					RedisUtilsBlacklistAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TokenBlacklist.class));
	}

	@Test
	void withoutActuatorTheBlacklistStillWorks() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(TokenBlacklist.class)
				.hasSingleBean(LocalRevocationCache.class)
				.doesNotHaveBean("tokenBlacklistHealthContribution"));
	}

	@Test
	void healthIndicatorSwitchRemovesTheChild() {
		this.contextRunner.withPropertyValues("management.health.redis.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(TokenBlacklist.class)
				.doesNotHaveBean("tokenBlacklistHealthContribution"));
	}

	@Test
	void meterRegistryGetsTheMeters() {
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			SimpleMeterRegistry meters = context.getBean(SimpleMeterRegistry.class);
			assertThat(meters.find("redis.token.blacklist.checks").counters()).hasSize(3);
			assertThat(meters.find("redis.token.blacklist.local.cache.size").gauge()).isNotNull();
			// No ratio gauge: a hit ratio is derived from the gets counters.
			assertThat(meters.find("redis.token.blacklist.local.cache.gets").functionCounters()).hasSize(2);
		});
	}

	@Test
	void everyBeanBacksOffForTheUsersOwn() {
		this.contextRunner.withPropertyValues("redis.token-blacklist.security.enabled=true")
			.withUserConfiguration(UserBeans.class)
			.run((context) -> {
				UserBeans user = context.getBean(UserBeans.class);
				assertThat(context.getBean(TokenBlacklistMonitor.class)).isSameAs(user.monitor);
				assertThat(context.getBean(LocalRevocationCache.class)).isSameAs(user.cache);
				assertThat(context.getBean(TokenBlacklist.class)).isSameAs(context.getBean("userBlacklist"));
				assertThat(context.getBean(ReactiveTokenBlacklist.class))
					.isSameAs(context.getBean("userReactiveBlacklist"));
				assertThat(context.getBean(RevocationSubscriber.class))
					.isSameAs(context.getBean("userRevocationSubscriber"));
				assertThat(context.getBean(TokenBlacklistJwtDecoderPostProcessor.class))
					.isSameAs(context.getBean("userPostProcessor"));
				assertThat(context.getBean("tokenBlacklistHealthContribution", RedisHealthContribution.class)
					.contributor()).isNotInstanceOf(TokenBlacklistHealthIndicator.class);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		final TokenBlacklistMonitor monitor = new TokenBlacklistMonitor(FailurePolicy.OPEN, new SimpleMeterRegistry());

		final LocalRevocationCache cache = new LocalRevocationCache(10, Duration.ofSeconds(1),
				new SimpleMeterRegistry());

		@Bean
		TokenBlacklistMonitor userMonitor() {
			return this.monitor;
		}

		@Bean
		LocalRevocationCache userCache() {
			return this.cache;
		}

		@Bean
		TokenBlacklist userBlacklist(RedisConnectionFactory connectionFactory) {
			return TokenBlacklist.create(connectionFactory, RedisKeys.withPrefix("mine"),
					TokenBlacklistOptions.defaults(), this.monitor, null);
		}

		@Bean
		ReactiveTokenBlacklist userReactiveBlacklist(ReactiveRedisConnectionFactory connectionFactory) {
			return ReactiveTokenBlacklist.create(connectionFactory, RedisKeys.withPrefix("mine"),
					TokenBlacklistOptions.defaults(), this.monitor, null);
		}

		@Bean
		RevocationSubscriber userRevocationSubscriber(LettuceConnectionFactory connectionFactory) {
			return new RevocationSubscriber(connectionFactory, RedisKeys.withPrefix("mine"), this.cache,
					io.github.redisutils.core.RedisThreads.platform(),
					new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
		}

		@Bean
		static TokenBlacklistJwtDecoderPostProcessor userPostProcessor() {
			return new TokenBlacklistJwtDecoderPostProcessor();
		}

		@Bean
		RedisHealthContribution blacklistHealthContribution() {
			return new RedisHealthContribution("token-blacklist", (HealthIndicator) () -> Health.up().build());
		}

	}

}
