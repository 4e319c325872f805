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
import io.github.redisutils.session.http.SessionStoreRepository;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.session.autoconfigure.SessionAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisUtilsHttpSessionAutoConfiguration}.
 *
 * @author redis-utils authors
 */
class RedisUtilsHttpSessionAutoConfigurationTests {

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
	static class OwnAttributes {

		@Bean
		HttpSessionAttributes ownAttributes() {
			return HttpSessionAttributes.create(java.util.List.of("com.example"), null, (builder) -> {
			});
		}

	}

}
