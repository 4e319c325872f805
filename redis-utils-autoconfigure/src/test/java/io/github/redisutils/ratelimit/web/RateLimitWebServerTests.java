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

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.redisutils.ratelimit.RateLimiterRegistry;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring MVC integration against a running Tomcat: headers, the 429 problem body,
 * annotations, and keys from the client address, the principal, a header and an
 * expression.
 *
 * @author redis-utils authors
 */
class RateLimitWebServerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static DedicatedRedis redis;

	private static ConfigurableApplicationContext context;

	private static String base;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void start() {
		redis = RedisServers.dedicated();
		context = start(redis);
		base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
	}

	static ConfigurableApplicationContext start(DedicatedRedis redis, String... extra) {
		return new SpringApplicationBuilder(RateLimitTestApplication.class).properties(redis.springProperties())
			.properties("server.port=0", "spring.main.banner-mode=off", "spring.data.redis.timeout=500ms",
					"redis.rate-limit.policies.api.algorithm=fixed-window", "redis.rate-limit.policies.api.limit=3",
					"redis.rate-limit.policies.api.window=1m", "redis.rate-limit.policies.per-user.limit=2",
					"redis.rate-limit.policies.per-user.refill=1", "redis.rate-limit.policies.per-user.window=1m",
					"redis.rate-limit.policies.open.limit=2", "redis.rate-limit.policies.open.window=1m",
					"redis.rate-limit.policies.closed.limit=2", "redis.rate-limit.policies.closed.window=1m",
					"redis.rate-limit.policies.closed.on-failure=closed",
					"redis.rate-limit.web.routes[0].paths=/api/**", "redis.rate-limit.web.routes[0].policy=api",
					"redis.rate-limit.web.routes[1].paths=/keyed/**", "redis.rate-limit.web.routes[1].policy=api",
					"redis.rate-limit.web.routes[1].key=header:X-Api-Key",
					"redis.rate-limit.web.routes[2].paths=/open/**", "redis.rate-limit.web.routes[2].policy=open",
					"redis.rate-limit.web.routes[3].paths=/closed/**", "redis.rate-limit.web.routes[3].policy=closed",
					"redis.rate-limit.web.trusted-proxies=127.0.0.1/32")
			.properties(extra)
			.run();
	}

	@AfterAll
	static void stop() {
		context.close();
		redis.close();
	}

	@BeforeEach
	void forgetCounts() {
		redis.flushAll();
	}

	@Test
	void limitedResponsesCarryTheDraftHeaders() throws Exception {
		HttpResponse<String> response = get("/api/items");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("RateLimit-Policy")).hasValue("\"api\";q=3;w=60");
		assertThat(response.headers().firstValue("RateLimit")).hasValue("\"api\";r=2;t=60");
		assertThat(response.headers().firstValue("Retry-After")).isEmpty();
	}

	@Test
	void overTheLimitAnswers429WithRetryAfterAndAProblemBody() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(get("/api/items").statusCode()).isEqualTo(200);
		}
		HttpResponse<String> rejected = get("/api/items");
		assertThat(rejected.statusCode()).isEqualTo(429);
		assertThat(rejected.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(Long.parseLong(rejected.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
		assertThat(rejected.headers().firstValue("RateLimit"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("\"api\";r=0;t="));
		JsonNode body = JSON.readTree(rejected.body());
		assertThat(body.get("status").asInt()).isEqualTo(429);
		assertThat(body.get("title").asString()).isEqualTo("Too Many Requests");
		assertThat(body.get("type").asString()).isEqualTo("about:blank");
		assertThat(body.get("instance").asString()).isEqualTo("/api/items");
		assertThat(body.get("policy").asString()).isEqualTo("api");
		assertThat(body.get("detail").asString()).contains("Rate limit 'api' exceeded");
		assertThat(body.get("retryAfter").asLong()).isBetween(1L, 60L);
	}

	@Test
	void pathsNoRouteCoversAreNotLimited() throws Exception {
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> response = get("/public/items");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("RateLimit-Policy")).isEmpty();
		}
	}

	@Test
	void annotatedHandlersAreLimitedPerPrincipal() throws Exception {
		assertThat(get("/me", "X-User", "alice").statusCode()).isEqualTo(200);
		HttpResponse<String> second = get("/me", "X-User", "alice");
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(second.headers().firstValue("RateLimit-Policy")).hasValue("\"per-user\";q=2;w=120");
		assertThat(get("/me", "X-User", "alice").statusCode()).isEqualTo(429);
		assertThat(get("/me", "X-User", "bob").statusCode()).isEqualTo(200);
		// Anonymous requests fall back to the client address.
		assertThat(get("/me").statusCode()).isEqualTo(200);
	}

	@Test
	void expressionKeysSeeTheRequest() throws Exception {
		for (int i = 0; i < 2; i++) {
			assertThat(get("/tenant", "X-Tenant", "acme").statusCode()).isEqualTo(200);
		}
		assertThat(get("/tenant", "X-Tenant", "acme").statusCode()).isEqualTo(429);
		assertThat(get("/tenant", "X-Tenant", "globex").statusCode()).isEqualTo(200);
	}

	@Test
	void headerKeysCountEachApiKeySeparately() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(get("/keyed/items", "X-Api-Key", "k1").statusCode()).isEqualTo(200);
		}
		assertThat(get("/keyed/items", "X-Api-Key", "k1").statusCode()).isEqualTo(429);
		assertThat(get("/keyed/items", "X-Api-Key", "k2").statusCode()).isEqualTo(200);
	}

	@Test
	void clientsBehindATrustedProxyAreCountedByTheirForwardedAddress() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(get("/api/items", "X-Forwarded-For", "198.51.100.1").statusCode()).isEqualTo(200);
		}
		assertThat(get("/api/items", "X-Forwarded-For", "198.51.100.1").statusCode()).isEqualTo(429);
		// A client cannot escape by prepending addresses of its own choosing.
		assertThat(get("/api/items", "X-Forwarded-For", "203.0.113.9, 198.51.100.1").statusCode()).isEqualTo(429);
		assertThat(get("/api/items", "X-Forwarded-For", "198.51.100.2").statusCode()).isEqualTo(200);
	}

	@Test
	void aBlockedClientIsRejectedWithItsRemainingBlock() throws Exception {
		context.getBean(RateLimiterRegistry.class).block("ip:198.51.100.3", Duration.ofMinutes(10));
		HttpResponse<String> rejected = get("/api/items", "X-Forwarded-For", "198.51.100.3");
		assertThat(rejected.statusCode()).isEqualTo(429);
		assertThat(Long.parseLong(rejected.headers().firstValue("Retry-After").orElseThrow())).isBetween(590L, 600L);
		assertThat(JSON.readTree(rejected.body()).get("detail").asString()).contains("blocked");
		context.getBean(RateLimiterRegistry.class).unblock("ip:198.51.100.3");
		assertThat(get("/api/items", "X-Forwarded-For", "198.51.100.3").statusCode()).isEqualTo(200);
	}

	@Test
	void theDraftHeadersCanBeHidden() throws Exception {
		try (ConfigurableApplicationContext hidden = start(redis, "redis.rate-limit.web.headers=false")) {
			String hiddenBase = "http://127.0.0.1:" + hidden.getEnvironment().getProperty("local.server.port");
			HttpResponse<String> allowed = send(hiddenBase + "/api/items");
			assertThat(allowed.statusCode()).isEqualTo(200);
			assertThat(allowed.headers().firstValue("RateLimit-Policy")).isEmpty();
			assertThat(allowed.headers().firstValue("RateLimit")).isEmpty();
			send(hiddenBase + "/api/items");
			send(hiddenBase + "/api/items");
			HttpResponse<String> rejected = send(hiddenBase + "/api/items");
			assertThat(rejected.statusCode()).isEqualTo(429);
			// Retry-After is standard HTTP, not part of the draft: it stays.
			assertThat(rejected.headers().firstValue("Retry-After")).isPresent();
			assertThat(rejected.headers().firstValue("RateLimit")).isEmpty();
		}
	}

	@Test
	void redisOutageFailsOpenOrClosedPerPolicy() throws Exception {
		assertThat(get("/open/items").statusCode()).isEqualTo(200);
		assertThat(get("/closed/items").statusCode()).isEqualTo(200);
		redis.stop();
		try {
			HttpResponse<String> open = get("/open/items");
			assertThat(open.statusCode()).isEqualTo(200);
			assertThat(open.headers().firstValue("RateLimit-Policy")).hasValue("\"open\";q=2;w=60");
			assertThat(open.headers().firstValue("RateLimit")).isEmpty();
			HttpResponse<String> closed = get("/closed/items");
			assertThat(closed.statusCode()).isEqualTo(503);
			assertThat(closed.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			JsonNode body = JSON.readTree(closed.body());
			assertThat(body.get("status").asInt()).isEqualTo(503);
			assertThat(body.get("policy").asString()).isEqualTo("closed");
		}
		finally {
			redis.start();
			// The other tests share this application: wait until its outage back-off
			// has ended and decisions reach Redis again.
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (get("/open/items").headers().firstValue("RateLimit").isEmpty()) {
				assertThat(System.nanoTime() - deadline).as("decisions reach Redis again").isNegative();
				Thread.sleep(50);
			}
		}
	}

	private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
		return send(base + path, headers);
	}

	private HttpResponse<String> send(String uri, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
