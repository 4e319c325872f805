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
package io.github.redisutils.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's logout revokes the bearer token until it expires.
 *
 * @author redis-utils authors
 */
class LogoutControllerTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void logoutRevokesTheBearerToken() throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--spring.data.redis.port=" + freePort())) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			String token = jwt("sample-" + System.nanoTime(), Instant.now().plusSeconds(300));
			assertThat(send(base + "/blacklist/check", "GET", token).body()).isEqualTo("{\"revoked\":false}");
			HttpResponse<String> logout = send(base + "/blacklist/logout", "POST", token);
			assertThat(logout.statusCode()).isEqualTo(200);
			assertThat(logout.body()).contains("\"revoked\":true");
			assertThat(send(base + "/blacklist/check", "GET", token).body()).isEqualTo("{\"revoked\":true}");
			assertThat(send(base + "/actuator/health/redis", "GET", token).body()).contains("\"token-blacklist\":{");
		}
	}

	/**
	 * A JWT-shaped token; the sample does not verify signatures.
	 */
	private static String jwt(String jti, Instant expiresAt) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		String header = base64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
		String claims = base64
			.encodeToString(("{\"jti\":\"" + jti + "\",\"sub\":\"sam\",\"exp\":" + expiresAt.getEpochSecond() + "}")
				.getBytes(StandardCharsets.UTF_8));
		return header + "." + claims + ".signature";
	}

	private HttpResponse<String> send(String uri, String method, String token)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
