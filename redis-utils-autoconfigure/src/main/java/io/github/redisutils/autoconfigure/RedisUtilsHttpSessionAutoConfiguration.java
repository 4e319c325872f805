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

import java.util.ArrayList;
import java.util.List;

import io.github.redisutils.session.SessionStore;
import io.github.redisutils.session.http.HttpSessionAttributes;
import io.github.redisutils.session.http.HttpSessionOptions;
import io.github.redisutils.session.http.ReactiveSessionStoreRepository;
import io.github.redisutils.session.http.SessionStoreRepository;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.session.autoconfigure.SessionAutoConfiguration;
import org.springframework.boot.session.autoconfigure.SessionTimeout;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.annotation.web.http.SpringHttpSessionConfiguration;
import org.springframework.session.config.annotation.web.server.SpringWebSessionConfiguration;

/**
 * Spring Session's {@code HttpSession} (servlet) or {@code WebSession} (WebFlux) in the
 * redis-utils session store, when the application opts in with
 * {@code redis.session.http.enabled=true}: a {@link SessionStoreRepository} and Spring
 * Session's filter, or a {@link ReactiveSessionStoreRepository} and Spring Session's
 * {@code WebSessionManager}. Runs before Boot's session auto-configuration (which then
 * adds the cookie settings and the filter registration), before WebFlux's (whose
 * {@code WebSessionManager} backs off) and before Spring Session's Redis module, which
 * backs off for the repository; backs off itself for a {@link SessionRepository} or
 * {@link ReactiveSessionRepository} the application defines (with
 * {@code @EnableRedisHttpSession} or {@code @EnableRedisWebSession}, say).
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = RedisUtilsSessionAutoConfiguration.class, before = SessionAutoConfiguration.class,
		beforeName = { "org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration",
				"org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration" })
@ConditionalOnClass({ FindByIndexNameSessionRepository.class, SessionAutoConfiguration.class })
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "redis.session.http.enabled")
@ConditionalOnBean(SessionStore.class)
public final class RedisUtilsHttpSessionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HttpSessionAttributes httpSessionAttributes(RedisSessionProperties properties, BeanFactory beanFactory,
			ResourceLoader resourceLoader, ObjectProvider<ValueCodecJsonMapperCustomizer> customizers) {
		List<String> trusted = new ArrayList<>(properties.getHttp().getTrustedPackages());
		if (AutoConfigurationPackages.has(beanFactory)) {
			trusted.addAll(AutoConfigurationPackages.get(beanFactory));
		}
		return HttpSessionAttributes.create(trusted, resourceLoader.getClassLoader(),
				(builder) -> customizers.orderedStream().forEach((customizer) -> customizer.customize(builder)));
	}

	private static SessionStoreRepository repository(SessionStore sessionStore,
			HttpSessionAttributes httpSessionAttributes, RedisSessionProperties properties,
			@Nullable SessionTimeout timeout, ApplicationEventPublisher applicationEventPublisher) {
		HttpSessionOptions options = new HttpSessionOptions(
				(timeout != null && timeout.getTimeout() != null) ? timeout.getTimeout() : properties.getIdleTimeout(),
				properties.getAbsoluteLifetime(), properties.getTouchInterval(),
				properties.getHttp().getOutagePolicy());
		return new SessionStoreRepository(sessionStore, httpSessionAttributes, options, applicationEventPublisher);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnMissingBean(SessionRepository.class)
	@Import(SpringHttpSessionConfiguration.class)
	static class ServletSessionRepositoryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SessionStoreRepository sessionStoreRepository(SessionStore sessionStore,
				HttpSessionAttributes httpSessionAttributes, RedisSessionProperties properties,
				ObjectProvider<SessionTimeout> sessionTimeout, ApplicationEventPublisher applicationEventPublisher) {
			return repository(sessionStore, httpSessionAttributes, properties, sessionTimeout.getIfAvailable(),
					applicationEventPublisher);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass({ ReactiveSessionRepository.class, Mono.class })
	@ConditionalOnMissingBean(ReactiveSessionRepository.class)
	@Import(SpringWebSessionConfiguration.class)
	static class ReactiveSessionRepositoryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactiveSessionStoreRepository reactiveSessionStoreRepository(SessionStore sessionStore,
				HttpSessionAttributes httpSessionAttributes, RedisSessionProperties properties,
				ObjectProvider<SessionTimeout> sessionTimeout, ApplicationEventPublisher applicationEventPublisher) {
			// The store blocks: its calls run on boundedElastic, never on the event loop.
			return new ReactiveSessionStoreRepository(repository(sessionStore, httpSessionAttributes, properties,
					sessionTimeout.getIfAvailable(), applicationEventPublisher), Schedulers.boundedElastic());
		}

	}

}
