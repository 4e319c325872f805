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
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's form login keeps the HttpSession in the Redis session store: the account,
 * devices, "log out my other devices", who is online, and the logout.
 *
 * @author redis-utils authors
 */
class SessionControllerTests {

	private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final Pattern API_CSRF = Pattern.compile("\"token\":\"([^\"]+)\"");

	@Test
	void formLoginAccountDevicesLogoutOtherDevicesAndLogout() throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--spring.data.redis.port=" + freePort())) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			Browser laptop = new Browser(base);
			Browser phone = new Browser(base);
			assertThat(laptop.get("/account/me").statusCode()).isEqualTo(302);

			assertThat(laptop.logIn("alice", "wrong").headers().firstValue("Location"))
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?error"));
			// Back to the page that asked for the login.
			assertThat(laptop.logIn("alice", "secret").headers().firstValue("Location"))
				.hasValueSatisfying((location) -> assertThat(location).contains("/account/me"));
			phone.logIn("alice", "secret");
			assertThat(laptop.get("/account/me").body()).isEqualTo("{\"user\":\"alice\",\"visits\":1,\"sessions\":2}");
			assertThat(laptop.get("/account/me").body()).contains("\"visits\":2");
			assertThat(laptop.get("/sessions/online?count=1000").body()).contains("\"user\":\"alice\"")
				.contains("\"activeUntil\":\"")
				.contains("\"hasMore\":false");
			assertThat(laptop.get("/account/devices").body()).contains("\"current\":true")
				.contains("\"current\":false");

			assertThat(laptop.post("/account/logout-other-devices").body()).isEqualTo("{\"destroyed\":1}");
			assertThat(phone.get("/account/me").statusCode()).isEqualTo(302);
			assertThat(laptop.get("/account/me").statusCode()).isEqualTo(200);

			HttpResponse<String> logout = laptop.post("/logout");
			assertThat(logout.headers().firstValue("Location"))
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?logout"));
			assertThat(laptop.get("/account/me").statusCode()).isEqualTo(302);
			assertThat(laptop.get("/actuator/health/redis").body()).contains("\"session\":{");
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * A browser: a cookie jar of its own, no redirects followed.
	 */
	private static final class Browser {

		private final String base;

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		Browser(String base) {
			this.base = base;
		}

		HttpResponse<String> get(String path) throws IOException, InterruptedException {
			return send(HttpRequest.newBuilder(URI.create(this.base + path)));
		}

		HttpResponse<String> post(String path) throws IOException, InterruptedException {
			Matcher csrf = API_CSRF.matcher(get("/account/csrf").body());
			assertThat(csrf.find()).isTrue();
			return send(HttpRequest.newBuilder(URI.create(this.base + path))
				.header("X-CSRF-TOKEN", csrf.group(1))
				.POST(HttpRequest.BodyPublishers.noBody()));
		}

		HttpResponse<String> logIn(String user, String password) throws IOException, InterruptedException {
			Matcher csrf = FORM_CSRF.matcher(get("/login").body());
			assertThat(csrf.find()).isTrue();
			String form = "username=" + user + "&password=" + password + "&_csrf="
					+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
			return send(HttpRequest.newBuilder(URI.create(this.base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)));
		}

		private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
			return this.http.send(request.timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
		}

	}

}
