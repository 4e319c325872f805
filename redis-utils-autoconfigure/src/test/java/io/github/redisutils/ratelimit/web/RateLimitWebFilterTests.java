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
package io.github.redisutils.ratelimit.web;

import java.security.Principal;
import java.util.Map;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsRateLimitAutoConfiguration;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux filter, auto-configured in a reactive application: routes, annotations,
 * headers and problem bodies as on Spring MVC.
 *
 * @author redis-utils authors
 */
class RateLimitWebFilterTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsRateLimitAutoConfiguration.class, WebFluxAutoConfiguration.class))
		.withUserConfiguration(ReactiveEndpoints.class)
		.withPropertyValues(RedisServers.standalone().springProperties())
		.withPropertyValues("redis.key-prefix=ratelimit-webflux-" + System.nanoTime(),
				"redis.rate-limit.policies.api.algorithm=sliding-window", "redis.rate-limit.policies.api.limit=2",
				"redis.rate-limit.policies.api.window=30s", "redis.rate-limit.policies.per-user.limit=1",
				"redis.rate-limit.policies.per-user.window=1m", "redis.rate-limit.web.routes[0].paths=/api/**",
				"redis.rate-limit.web.routes[0].policy=api", "redis.rate-limit.web.routes[0].key=header:X-Api-Key");

	@Test
	void routesAreLimitedWithHeadersAndAProblemBody() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RateLimitWebFilter.class)
				.doesNotHaveBean(RateLimitHandlerInterceptor.class);
			WebTestClient client = WebTestClient.bindToApplicationContext(context).build();
			client.get()
				.uri("/api/items")
				.header("X-Api-Key", "k1")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("RateLimit-Policy", "\"api\";q=2;w=30")
				.expectHeader()
				.valueEquals("RateLimit", "\"api\";r=1;t=30");
			client.get().uri("/api/items").header("X-Api-Key", "k1").exchange().expectStatus().isOk();
			client.get()
				.uri("/api/items")
				.header("X-Api-Key", "k1")
				.exchange()
				.expectStatus()
				.isEqualTo(429)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.valueMatches("Retry-After", "[1-9][0-9]*")
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo(429)
				.jsonPath("$.policy")
				.isEqualTo("api")
				.jsonPath("$.instance")
				.isEqualTo("/api/items");
			client.get().uri("/api/items").header("X-Api-Key", "k2").exchange().expectStatus().isOk();
			client.get().uri("/public").exchange().expectStatus().isOk().expectHeader().doesNotExist("RateLimit");
		});
	}

	@Test
	void annotatedHandlersAreLimitedPerPrincipal() {
		this.contextRunner.run((context) -> {
			WebTestClient client = WebTestClient.bindToApplicationContext(context).build();
			client.get().uri("/me").header("X-User", "alice").exchange().expectStatus().isOk();
			client.get().uri("/me").header("X-User", "alice").exchange().expectStatus().isEqualTo(429);
			client.get().uri("/me").header("X-User", "bob").exchange().expectStatus().isOk();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ReactiveEndpoints {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		WebFilter testAuthentication() {
			return (exchange, chain) -> {
				String user = exchange.getRequest().getHeaders().getFirst("X-User");
				if (user == null) {
					return chain.filter(exchange);
				}
				Principal principal = () -> user;
				return chain.filter(exchange.mutate().principal(Mono.just(principal)).build());
			};
		}

		@Bean
		Controller controller() {
			return new Controller();
		}

	}

	@RestController
	static class Controller {

		@GetMapping({ "/api/items", "/public" })
		Map<String, String> items() {
			return Map.of("items", "none");
		}

		@RateLimit(policy = "per-user", key = "principal")
		@GetMapping("/me")
		Mono<Map<String, String>> me() {
			return Mono.just(Map.of("me", "ok"));
		}

	}

}
