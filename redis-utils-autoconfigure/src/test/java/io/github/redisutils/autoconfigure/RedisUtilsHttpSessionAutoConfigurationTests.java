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

import io.github.redisutils.session.SessionStore;
import io.github.redisutils.session.http.HttpSessionAttributes;
import io.github.redisutils.session.http.HttpSessionOutagePolicy;
import io.github.redisutils.session.http.ReactiveSessionStoreRepository;
import io.github.redisutils.session.http.SessionStoreRepository;
import io.github.redisutils.session.http.SessionStoreRepository.StoredSession;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.session.autoconfigure.SessionAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.ReactiveMapSessionRepository;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.session.web.server.session.SpringSessionWebSessionStore;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisUtilsHttpSessionAutoConfiguration}.
 *
 * @author redis-utils authors
 */
class RedisUtilsHttpSessionAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner reactiveContextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsSessionAutoConfiguration.class, RedisUtilsHttpSessionAutoConfiguration.class,
				SessionAutoConfiguration.class, WebFluxAutoConfiguration.class))
		.withPropertyValues(RedisServers.standalone().springProperties());

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsSessionAutoConfiguration.class, RedisUtilsHttpSessionAutoConfiguration.class,
				SessionAutoConfiguration.class))
		.withPropertyValues(RedisServers.standalone().springProperties());

	@Test
	void offByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(SessionStore.class)
			.doesNotHaveBean(SessionRepository.class)
			.doesNotHaveBean(SessionRepositoryFilter.class));
	}

	@Test
	void optingInStoresHttpSessionsInTheSessionStoreBehindSpringSessionsFilter() {
		this.contextRunner.withPropertyValues("redis.session.http.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(SessionStoreRepository.class)
				.hasSingleBean(SessionRepositoryFilter.class)
				.hasSingleBean(HttpSessionAttributes.class);
			SessionStoreRepository repository = context.getBean(SessionStoreRepository.class);
			assertThat(repository.createSession().getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(30));
		});
	}

	@Test
	void bootsSessionTimeoutWinsOverTheStoresIdleTimeout() {
		this.contextRunner
			.withPropertyValues("redis.session.http.enabled=true", "spring.session.timeout=7m",
					"redis.session.idle-timeout=20m")
			.run((context) -> assertThat(
					context.getBean(SessionStoreRepository.class).createSession().getMaxInactiveInterval())
				.isEqualTo(Duration.ofMinutes(7)));
	}

	@Test
	void withoutBootsTimeoutTheStoresIdleTimeoutApplies() {
		new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
							RedisUtilsSessionAutoConfiguration.class, RedisUtilsHttpSessionAutoConfiguration.class))
			.withPropertyValues(RedisServers.standalone().springProperties())
			.withPropertyValues("redis.session.http.enabled=true", "redis.session.idle-timeout=20m")
			.run((context) -> assertThat(
					context.getBean(SessionStoreRepository.class).createSession().getMaxInactiveInterval())
				.isEqualTo(Duration.ofMinutes(20)));
	}

	@Test
	void backsOffForTheApplicationsSessionRepository() {
		this.contextRunner.withPropertyValues("redis.session.http.enabled=true")
			.withUserConfiguration(OwnRepository.class)
			.run((context) -> assertThat(context).doesNotHaveBean(SessionStoreRepository.class)
				.hasSingleBean(SessionRepository.class)
				.hasBean("ownRepository"));
	}

	@Test
	void backsOffForTheApplicationsAttributeMapping() {
		this.contextRunner.withPropertyValues("redis.session.http.enabled=true")
			.withUserConfiguration(OwnAttributes.class)
			.run((context) -> assertThat(context).hasSingleBean(HttpSessionAttributes.class)
				.hasBean("ownAttributes")
				.hasSingleBean(SessionStoreRepository.class));
	}

	@Test
	void inAWebFluxApplicationStoresWebSessionsBehindSpringSessionsWebSessionManager() {
		this.reactiveContextRunner.withPropertyValues("redis.session.http.enabled=true", "spring.session.timeout=9m")
			.run((context) -> {
				assertThat(context).hasSingleBean(ReactiveSessionStoreRepository.class)
					.doesNotHaveBean(SessionStoreRepository.class)
					.doesNotHaveBean(SessionRepositoryFilter.class);
				assertThat(context.getBean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)).isInstanceOfSatisfying(
						DefaultWebSessionManager.class, (manager) -> assertThat(manager.getSessionStore())
							.isInstanceOf(SpringSessionWebSessionStore.class));
				StoredSession session = context.getBean(ReactiveSessionStoreRepository.class)
					.createSession()
					.block(Duration.ofSeconds(5));
				assertThat(session).isNotNull();
				assertThat(session.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(9));
			});
	}

	@Test
	void inAWebFluxApplicationOffByDefault() {
		this.reactiveContextRunner.run((context) -> assertThat(context).hasSingleBean(SessionStore.class)
			.doesNotHaveBean(ReactiveSessionRepository.class)
			.getBean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
			.isInstanceOfSatisfying(DefaultWebSessionManager.class,
					(manager) -> assertThat(manager.getSessionStore()).isInstanceOf(InMemoryWebSessionStore.class)));
	}

	@Test
	void inAWebFluxApplicationBacksOffForTheApplicationsReactiveSessionRepository() {
		this.reactiveContextRunner.withPropertyValues("redis.session.http.enabled=true")
			.withUserConfiguration(OwnReactiveRepository.class)
			.run((context) -> assertThat(context).doesNotHaveBean(ReactiveSessionStoreRepository.class)
				.hasSingleBean(ReactiveSessionRepository.class)
				.hasBean("ownReactiveRepository"));
	}

	@Test
	void notInANonWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
							RedisUtilsSessionAutoConfiguration.class, RedisUtilsHttpSessionAutoConfiguration.class))
			.withPropertyValues(RedisServers.standalone().springProperties())
			.withPropertyValues("redis.session.http.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(SessionStore.class)
				.doesNotHaveBean(SessionStoreRepository.class));
	}

	@Test
	void notWithoutSpringSession() {
		this.contextRunner.withPropertyValues("redis.session.http.enabled=true")
			.withClassLoader(new FilteredClassLoader("org.springframework.session."))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SessionStore.class)
				.doesNotHaveBean(SessionStoreRepository.class));
	}

	@Test
	void notWithoutTheSessionStore() {
		this.contextRunner.withPropertyValues("redis.session.http.enabled=true", "redis.session.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SessionStoreRepository.class));
	}

	@Test
	void theOutagePolicyAndTrustedPackagesBind() {
		this.contextRunner
			.withPropertyValues("redis.session.http.enabled=true", "redis.session.http.outage-policy=anonymous",
					"redis.session.http.trusted-packages=com.example.shop")
			.run((context) -> {
				RedisSessionProperties properties = context.getBean(RedisSessionProperties.class);
				assertThat(properties.getHttp().getOutagePolicy()).isEqualTo(HttpSessionOutagePolicy.ANONYMOUS);
				assertThat(properties.getHttp().getTrustedPackages()).containsExactly("com.example.shop");
			});
	}

	@Test
	void anUnacceptableTrustedPackageFailsStartUpNamingTheKey() {
		this.contextRunner
			.withPropertyValues("redis.session.http.enabled=true",
					"redis.session.http.trusted-packages=com.example.shop,com.*")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("on field 'http.trustedPackages[1]'")
					.hasMessageContaining("not a package name");
			});
	}

	@Test
	void aTopLevelTrustedPackageFailsStartUp() {
		this.contextRunner.withPropertyValues("redis.session.http.trusted-packages=com")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("on field 'http.trustedPackages[0]'")
				.hasMessageContaining("top-level package"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRepository {

		@Bean
		MapSessionRepository ownRepository() {
			return new MapSessionRepository(new java.util.concurrent.ConcurrentHashMap<>());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnReactiveRepository {

		@Bean
		ReactiveMapSessionRepository ownReactiveRepository() {
			return new ReactiveMapSessionRepository(new java.util.concurrent.ConcurrentHashMap<>());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnAttributes {

		@Bean
		HttpSessionAttributes ownAttributes() {
			return HttpSessionAttributes.create(java.util.List.of("com.example"), null, (builder) -> {
			});
		}

	}

}
