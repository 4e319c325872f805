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
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's login, whoami and logout use the Redis session store.
 *
 * @author redis-utils authors
 */
class SessionControllerTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void loginWhoamiLogoutAndLogoutOtherDevices() throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--spring.data.redis.port=" + freePort())) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			String user = "sam-" + System.nanoTime();
			assertThat(send(base + "/sessions/whoami", "GET", null).statusCode()).isEqualTo(401);
			String laptop = login(base, user);
			String phone = login(base, user);
			HttpResponse<String> whoami = send(base + "/sessions/whoami", "GET", laptop);
			assertThat(whoami.statusCode()).isEqualTo(200);
			assertThat(whoami.body()).contains("\"user\":\"" + user + "\"").contains("\"sessions\":2");
			assertThat(send(base + "/sessions/online?count=1000", "GET", null).body())
				.contains("\"user\":\"" + user + "\"")
				.contains("\"activeUntil\":\"")
				.contains("\"hasMore\":false");
			assertThat(send(base + "/sessions/devices", "GET", laptop).body()).contains("\"current\":true")
				.contains("\"current\":false");
			HttpResponse<String> others = send(base + "/sessions/logout-other-devices", "POST", laptop);
			assertThat(others.body()).isEqualTo("{\"destroyed\":1}");
			assertThat(send(base + "/sessions/whoami", "GET", phone).statusCode()).isEqualTo(401);
			HttpResponse<String> logout = send(base + "/sessions/logout", "POST", laptop);
			assertThat(logout.body()).isEqualTo("{\"loggedOut\":true}");
			assertThat(logout.headers().firstValue("Set-Cookie")).hasValueSatisfying(
					(cookie) -> assertThat(cookie).startsWith(SessionController.COOKIE + "=;").contains("Max-Age=0"));
			assertThat(send(base + "/sessions/whoami", "GET", laptop).statusCode()).isEqualTo(401);
			assertThat(send(base + "/actuator/health/redis", "GET", null).body()).contains("\"session\":{");
		}
	}

	private String login(String base, String user) throws IOException, InterruptedException {
		HttpResponse<String> login = send(base + "/sessions/login?user=" + user, "POST", null);
		assertThat(login.statusCode()).isEqualTo(200);
		String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).contains("HttpOnly");
		return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
	}

	private HttpResponse<String> send(String uri, String method, @Nullable String sessionId)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(10));
		if (sessionId != null) {
			request.header("Cookie", SessionController.COOKIE + "=" + sessionId);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
