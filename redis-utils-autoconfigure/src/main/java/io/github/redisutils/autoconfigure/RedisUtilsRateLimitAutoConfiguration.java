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

import io.github.redisutils.core.OutageBackoffs;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.ratelimit.RateLimitPolicy;
import io.github.redisutils.ratelimit.RateLimiterRegistry;
import io.github.redisutils.ratelimit.web.RateLimitHandlerInterceptor;
import io.github.redisutils.ratelimit.web.RateLimitKeyResolver;
import io.github.redisutils.ratelimit.web.RateLimitWebFilter;
import io.github.redisutils.ratelimit.web.RateLimitWebSettings;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Rate limiting: a {@link RateLimiterRegistry} holding the policies configured under
 * {@code redis.rate-limit.policies} and every {@link RateLimitPolicy} bean, plus a Spring
 * MVC interceptor or WebFlux filter applying them to web requests.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = RedisUtilsAutoConfiguration.class)
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnBean(RedisConnectionFactory.class)
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "redis.rate-limit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RedisRateLimitProperties.class)
public final class RedisUtilsRateLimitAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RateLimiterRegistry rateLimiterRegistry(RedisConnectionFactory redisConnectionFactory, RedisKeys redisKeys,
			ObjectProvider<MeterRegistry> meterRegistry, RedisRateLimitProperties properties,
			ObjectProvider<RateLimitPolicy> policyBeans, ObjectProvider<OutageBackoffs> outageBackoffs) {
		List<RateLimitPolicy> policies = new ArrayList<>(properties.toSettings());
		policyBeans.orderedStream().forEach(policies::add);
		return RateLimiterRegistry.create(redisConnectionFactory, redisKeys,
				MeterRegistries.applicationOrNoop(meterRegistry), policies,
				outageBackoffs.getIfAvailable(OutageBackoffs::disabled).forFeature(RateLimiterRegistry.FEATURE));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnWebApplication
	@ConditionalOnBooleanProperty(name = "redis.rate-limit.web.enabled", matchIfMissing = true)
	RateLimitWebSettings rateLimitWebSettings(RedisRateLimitProperties properties, BeanFactory beanFactory) {
		return properties.getWeb().toSettings((name) -> beanFactory.getBean(name, RateLimitKeyResolver.class));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ HandlerInterceptor.class, WebMvcConfigurer.class })
	@ConditionalOnBooleanProperty(name = "redis.rate-limit.web.enabled", matchIfMissing = true)
	static class ServletWebConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RateLimitHandlerInterceptor rateLimitHandlerInterceptor(RateLimiterRegistry rateLimiterRegistry,
				RateLimitWebSettings rateLimitWebSettings) {
			return new RateLimitHandlerInterceptor(rateLimiterRegistry, rateLimitWebSettings);
		}

		@Bean
		@ConditionalOnMissingBean(name = "rateLimitWebMvcConfigurer")
		RateLimitWebMvcConfigurer rateLimitWebMvcConfigurer(RateLimitHandlerInterceptor rateLimitHandlerInterceptor) {
			return new RateLimitWebMvcConfigurer(rateLimitHandlerInterceptor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = { "org.springframework.web.server.WebFilter", "reactor.core.publisher.Mono" })
	@ConditionalOnBooleanProperty(name = "redis.rate-limit.web.enabled", matchIfMissing = true)
	static class ReactiveWebConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RateLimitWebFilter rateLimitWebFilter(RateLimiterRegistry rateLimiterRegistry,
				RateLimitWebSettings rateLimitWebSettings,
				ObjectProvider<org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping> handlerMapping) {
			return new RateLimitWebFilter(rateLimiterRegistry, rateLimitWebSettings, handlerMapping.getIfUnique());
		}

	}

	/**
	 * Registers the interceptor for every path; it matches routes itself, the same way
	 * the WebFlux filter does.
	 */
	static final class RateLimitWebMvcConfigurer implements WebMvcConfigurer {

		private final RateLimitHandlerInterceptor interceptor;

		RateLimitWebMvcConfigurer(RateLimitHandlerInterceptor interceptor) {
			this.interceptor = interceptor;
		}

		@Override
		public void addInterceptors(InterceptorRegistry registry) {
			registry.addInterceptor(this.interceptor);
		}

	}

}
