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

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.github.redisutils.blacklist.TestJwts;
import io.github.redisutils.blacklist.TokenBlacklist;
import io.github.redisutils.blacklist.TokenDescriptor;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A servlet resource server (Tomcat, Spring Boot's default security for a JWT decoder)
 * with real HMAC-signed JWTs: 200 before revocation, 401 {@code invalid_token} after.
 *
 * @author redis-utils authors
 */
class TokenBlacklistServletSecurityTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(ServletApplication.class).web(WebApplicationType.SERVLET)
			.properties(RedisServers.standalone().springProperties())
			.properties("server.port=0", "redis.key-prefix=servlet-" + UUID.randomUUID().toString().substring(0, 8))
			.properties(properties)
			.run();
	}

	@Test
	void revokedTokenIsRefusedWithInvalidToken() throws Exception {
		try (ConfigurableApplicationContext context = start("redis.token-blacklist.security.enabled=true")) {
			TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
			String token = TestJwts.sign("alice");
			assertThat(get(context, token).statusCode()).isEqualTo(200);
			assertThat(get(context, token).body()).isEqualTo("hello alice");
			assertThat(blacklist.revokeToken(token)).isTrue();
			HttpResponse<String> refused = get(context, token);
			assertThat(refused.statusCode()).isEqualTo(401);
			assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
					(header) -> assertThat(header).contains("error=\"invalid_token\"").contains("revoked"));
			assertThat(blacklist.restore(TokenDescriptor.parse(token).tokenId())).isTrue();
			assertThat(get(context, token).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void revokeAllForUserRefusesEveryEarlierTokenOfTheSubject() throws Exception {
		try (ConfigurableApplicationContext context = start("redis.token-blacklist.security.enabled=true")) {
			TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
			Instant earlier = Instant.now().minusSeconds(30);
			String first = TestJwts.sign("a-1", "bob", earlier, earlier.plusSeconds(600));
			String second = TestJwts.sign(null, "bob", earlier, earlier.plusSeconds(600));
			String other = TestJwts.sign("c-1", "carol", earlier, earlier.plusSeconds(600));
			assertThat(get(context, first).statusCode()).isEqualTo(200);
			Instant notBefore = blacklist.revokeAllForUser("bob");
			assertThat(get(context, first).statusCode()).isEqualTo(401);
			assertThat(get(context, second).statusCode()).isEqualTo(401);
			assertThat(get(context, other).statusCode()).isEqualTo(200);
			String fresh = TestJwts.sign("a-2", "bob", notBefore, notBefore.plusSeconds(600));
			assertThat(get(context, fresh).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void withoutThePropertyTheDecoderIsLeftAlone() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			String token = TestJwts.sign("dave");
			context.getBean(TokenBlacklist.class).revokeToken(token);
			assertThat(get(context, token).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void redisDownRefusesTokensWhenFailingClosed() throws Exception {
		try (DedicatedRedis redis = RedisServers.dedicated();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(ServletApplication.class)
					.web(WebApplicationType.SERVLET)
					.properties(redis.springProperties())
					.properties("server.port=0", "spring.data.redis.timeout=500ms",
							"redis.token-blacklist.security.enabled=true")
					.run()) {
			String token = TestJwts.sign("erin");
			assertThat(get(context, token).statusCode()).isEqualTo(200);
			redis.stop();
			HttpResponse<String> refused = get(context, TestJwts.sign("erin"));
			assertThat(refused.statusCode()).isEqualTo(401);
		}
	}

	private HttpResponse<String> get(ConfigurableApplicationContext context, String token)
			throws IOException, InterruptedException {
		String port = context.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ServletApplication {

		@Bean
		JwtDecoder jwtDecoder() {
			return NimbusJwtDecoder.withSecretKey(TestJwts.KEY).build();
		}

		@Bean
		HelloController helloController() {
			return new HelloController();
		}

	}

	@RestController
	static class HelloController {

		@GetMapping("/hello")
		String hello(JwtAuthenticationToken authentication) {
			return "hello " + authentication.getName();
		}

	}

}
