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
import java.util.List;

import io.github.redisutils.actuate.RedisHealthContribution;
import io.github.redisutils.actuate.RedisHealthContributor;
import io.github.redisutils.ratelimit.RateLimitPolicy;
import io.github.redisutils.ratelimit.RateLimiterRegistry;
import io.github.redisutils.ratelimit.web.RateLimitHandlerInterceptor;
import io.github.redisutils.ratelimit.web.RateLimitKeyResolver;
import io.github.redisutils.ratelimit.web.RateLimitWebFilter;
import io.github.redisutils.ratelimit.web.RateLimitWebSettings;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.server.WebFilter;
import org.springframework.web.servlet.HandlerInterceptor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auto-configuration of rate limiting: defaults, switches, the user's own beans, and the
 * optional web stacks and Actuator.
 *
 * @author redis-utils authors
 */
class RedisUtilsRateLimitAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(DataRedisAutoConfiguration.class,
			RedisUtilsAutoConfiguration.class, RedisUtilsHealthContributorAutoConfiguration.class,
			RedisUtilsRateLimitAutoConfiguration.class, RedisUtilsRateLimitHealthContributorAutoConfiguration.class);

	private static final String[] POLICY = { "redis.rate-limit.policies.api.limit=5",
			"redis.rate-limit.policies.api.window=1m" };

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues(POLICY);

	private final WebApplicationContextRunner servletRunner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues(POLICY);

	private final ReactiveWebApplicationContextRunner reactiveRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues(POLICY);

	@Test
	void defaultsProvideTheRegistryAndAHealthChild() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RateLimiterRegistry.class)
				.hasSingleBean(RedisRateLimitProperties.class)
				.doesNotHaveBean(RateLimitHandlerInterceptor.class)
				.doesNotHaveBean(RateLimitWebFilter.class);
			RedisHealthContributor health = context.getBean(RedisHealthContributor.class);
			assertThat(health.stream().map((entry) -> entry.name())).containsExactly("connection", "rate-limit");
			Health child = ((HealthIndicator) health.getContributor("rate-limit")).health();
			assertThat(child.getStatus()).isEqualTo(Status.UP);
			assertThat(child.getDetails()).containsEntry("failing", List.of());
			assertThat(child.getDetails().get("policies")).asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsOnlyKeys("api");
		});
	}

	@Test
	void aServletApplicationGetsTheInterceptor() {
		this.servletRunner.run((context) -> assertThat(context).hasSingleBean(RateLimitHandlerInterceptor.class)
			.hasBean("rateLimitWebMvcConfigurer")
			.doesNotHaveBean(RateLimitWebFilter.class));
	}

	@Test
	void aReactiveApplicationGetsTheFilter() {
		this.reactiveRunner.run((context) -> assertThat(context).hasSingleBean(RateLimitWebFilter.class)
			.doesNotHaveBean(RateLimitHandlerInterceptor.class));
	}

	@Test
	void theWebSwitchTurnsOffOnlyTheWebParts() {
		this.servletRunner.withPropertyValues("redis.rate-limit.web.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(RateLimiterRegistry.class)
				.doesNotHaveBean(RateLimitHandlerInterceptor.class));
		this.reactiveRunner.withPropertyValues("redis.rate-limit.web.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(RateLimiterRegistry.class)
				.doesNotHaveBean(RateLimitWebFilter.class));
	}

	@Test
	void theFeatureSwitchTurnsEverythingOff() {
		this.servletRunner.withPropertyValues("redis.rate-limit.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RateLimiterRegistry.class)
				.doesNotHaveBean(RateLimitHandlerInterceptor.class)
				.doesNotHaveBean("rateLimitHealthContribution"));
	}

	@Test
	void redisDisabledCreatesNothing() {
		this.servletRunner.withPropertyValues("redis.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RateLimiterRegistry.class)
				.doesNotHaveBean(RateLimitHandlerInterceptor.class)
				.doesNotHaveBean(RedisRateLimitProperties.class));
	}

	@Test
	void withoutAConnectionFactoryNothingIsCreated() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RedisUtilsAutoConfiguration.class, RedisUtilsRateLimitAutoConfiguration.class,
							RedisUtilsRateLimitHealthContributorAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RateLimiterRegistry.class)
				.doesNotHaveBean(RedisHealthContribution.class));
	}

	@Test
	void everyBeanBacksOffForTheUsersOwn() {
		RateLimiterRegistry own = RateLimiterRegistry.create(
				new org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory(),
				io.github.redisutils.core.RedisKeys.withPrefix("mine"), new SimpleMeterRegistry(), List.of());
		RateLimitHandlerInterceptor interceptor = new RateLimitHandlerInterceptor(own,
				new RateLimitWebSettings(true, List.of(), (request) -> "k", (spec) -> (request) -> "k",
						io.github.redisutils.ratelimit.web.ClientAddresses.peerOnly()));
		RedisHealthContribution contribution = new RedisHealthContribution("rate-limit",
				(HealthIndicator) () -> Health.down().build());
		this.servletRunner.withBean("ownRegistry", RateLimiterRegistry.class, () -> own)
			.withBean("ownInterceptor", RateLimitHandlerInterceptor.class, () -> interceptor)
			.withBean("rateLimitHealthContribution", RedisHealthContribution.class, () -> contribution)
			.run((context) -> {
				assertThat(context.getBean(RateLimiterRegistry.class)).isSameAs(own);
				assertThat(context.getBean(RateLimitHandlerInterceptor.class)).isSameAs(interceptor);
				assertThat(context.getBean("rateLimitHealthContribution")).isSameAs(contribution);
			});
		this.reactiveRunner.withBean("ownRegistry", RateLimiterRegistry.class, () -> own)
			.withBean("ownFilter", RateLimitWebFilter.class,
					() -> new RateLimitWebFilter(own,
							new RateLimitWebSettings(true, List.of(), (request) -> "k", (spec) -> (request) -> "k",
									io.github.redisutils.ratelimit.web.ClientAddresses.peerOnly()),
							null))
			.run((context) -> assertThat(context).getBeans(RateLimitWebFilter.class).containsOnlyKeys("ownFilter"));
	}

	@Test
	void policyBeansJoinTheRegistry() {
		this.contextRunner
			.withBean("searchPolicy", RateLimitPolicy.class,
					() -> RateLimitPolicy.slidingWindow("search", 10, Duration.ofSeconds(1)))
			.run((context) -> assertThat(context.getBean(RateLimiterRegistry.class).find("search")).isPresent());
	}

	@Test
	void aRouteNamingAnUnknownPolicyFailsStartUp() {
		this.servletRunner
			.withPropertyValues("redis.rate-limit.web.routes[0].paths=/api/**",
					"redis.rate-limit.web.routes[0].policy=nope")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new RedisConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("Property: redis.rate-limit.web.routes[0].policy")
					.contains("names policy 'nope', which does not exist (known: [api])");
				assertThat(analysis.getAction()).contains("redis.rate-limit.policies.nope");
			});
	}

	@Test
	void aKeyNamingAMissingBeanFailsStartUp() {
		this.reactiveRunner
			.withPropertyValues("redis.rate-limit.web.routes[0].paths=/api/**",
					"redis.rate-limit.web.routes[0].policy=api", "redis.rate-limit.web.routes[0].key=bean:tenantKey")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new RedisConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("Property: redis.rate-limit.web.routes[0].key")
					.contains("'bean:tenantKey' is not a usable key")
					.contains("tenantKey");
			});
	}

	@Test
	void aKeyResolverBeanCanBeNamed() {
		this.servletRunner
			.withBean("tenantKey", RateLimitKeyResolver.class, () -> (request) -> request.getHeader("X-Tenant"))
			.withPropertyValues("redis.rate-limit.web.routes[0].paths=/api/**",
					"redis.rate-limit.web.routes[0].policy=api", "redis.rate-limit.web.routes[0].key=bean:tenantKey")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(RateLimitHandlerInterceptor.class));
	}

	@Test
	void withoutSpringMvcOrWebFluxTheRegistryStillWorks() {
		this.servletRunner.withClassLoader(new FilteredClassLoader(HandlerInterceptor.class))
			.run((context) -> assertThat(context).hasSingleBean(RateLimiterRegistry.class)
				.doesNotHaveBean(RateLimitHandlerInterceptor.class));
		this.reactiveRunner.withClassLoader(new FilteredClassLoader(WebFilter.class))
			.run((context) -> assertThat(context).hasSingleBean(RateLimiterRegistry.class)
				.doesNotHaveBean(RateLimitWebFilter.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.web", "jakarta.servlet"))
			.run((context) -> assertThat(context).hasSingleBean(RateLimiterRegistry.class));
	}

	@Test
	void withoutActuatorThereIsNoHealthChild() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(RateLimiterRegistry.class)
				.doesNotHaveBean(RedisHealthContribution.class));
	}

	@Test
	void theHealthIndicatorSwitchTurnsTheChildOff() {
		this.contextRunner.withPropertyValues("management.health.redis.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(RateLimiterRegistry.class)
				.doesNotHaveBean(RedisHealthContribution.class));
	}

	@Test
	void decisionsWorkThroughTheAutoConfiguredRegistry() {
		this.contextRunner.withPropertyValues(RedisServers.standalone().springProperties())
			.withPropertyValues("redis.key-prefix=ratelimit-autoconfig-" + System.nanoTime())
			.run((context) -> assertThat(
					context.getBean(RateLimiterRegistry.class).limiter("api").tryAcquire("k").remaining())
				.isEqualTo(4));
	}

}
