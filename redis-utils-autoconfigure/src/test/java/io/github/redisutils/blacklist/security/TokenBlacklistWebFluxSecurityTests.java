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
package io.github.redisutils.blacklist.security;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.github.redisutils.blacklist.ReactiveTokenBlacklist;
import io.github.redisutils.blacklist.TestJwts;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux resource server (Netty) with real HMAC-signed JWTs, checked without blocking:
 * 200 before revocation, 401 {@code invalid_token} after.
 *
 * @author redis-utils authors
 */
class TokenBlacklistWebFluxSecurityTests {

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(ReactiveApplication.class).web(WebApplicationType.REACTIVE)
			.properties(RedisServers.standalone().springProperties())
			.properties("server.port=0", "redis.key-prefix=webflux-" + UUID.randomUUID().toString().substring(0, 8),
					"redis.token-blacklist.security.enabled=true")
			.run();
	}

	private static WebTestClient client(ConfigurableApplicationContext context) {
		String port = context.getEnvironment().getProperty("local.server.port");
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

	@Test
	void revokedTokenIsRefusedWithInvalidToken() {
		try (ConfigurableApplicationContext context = start()) {
			WebTestClient client = client(context);
			ReactiveTokenBlacklist blacklist = context.getBean(ReactiveTokenBlacklist.class);
			String token = TestJwts.sign("alice");
			client.get()
				.uri("/hello")
				.headers((headers) -> headers.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.isEqualTo("hello alice");
			blacklist.revokeToken(token).block(Duration.ofSeconds(5));
			client.get()
				.uri("/hello")
				.headers((headers) -> headers.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.value("WWW-Authenticate", (header) -> assertThat(header).contains("error=\"invalid_token\""));
		}
	}

	@Test
	void revokeAllForUserRefusesEarlierTokensOfTheSubject() {
		try (ConfigurableApplicationContext context = start()) {
			WebTestClient client = client(context);
			Instant earlier = Instant.now().minusSeconds(30);
			String token = TestJwts.sign("w-1", "bob", earlier, earlier.plusSeconds(600));
			String other = TestJwts.sign("w-2", "carol", earlier, earlier.plusSeconds(600));
			client.get().uri("/hello").headers((h) -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
			context.getBean(ReactiveTokenBlacklist.class).revokeAllForUser("bob").block(Duration.ofSeconds(5));
			client.get()
				.uri("/hello")
				.headers((h) -> h.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isUnauthorized();
			client.get().uri("/hello").headers((h) -> h.setBearerAuth(other)).exchange().expectStatus().isOk();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ReactiveApplication {

		@Bean
		ReactiveJwtDecoder reactiveJwtDecoder() {
			return NimbusReactiveJwtDecoder.withSecretKey(TestJwts.KEY).build();
		}

		@Bean
		HelloController helloController() {
			return new HelloController();
		}

	}

	@RestController
	static class HelloController {

		@GetMapping("/hello")
		Mono<String> hello(Mono<JwtAuthenticationToken> authentication) {
			return authentication.map((token) -> "hello " + token.getName());
		}

	}

}
