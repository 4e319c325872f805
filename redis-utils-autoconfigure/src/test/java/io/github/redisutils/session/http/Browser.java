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
package io.github.redisutils.session.http;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One browser: a cookie jar shared by every instance it talks to (cookies are per host,
 * not per port), no redirects followed.
 *
 * @author redis-utils authors
 */
final class Browser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	HttpResponse<String> get(String base, String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> post(String base, String path) throws IOException, InterruptedException {
		String csrf = get(base, "/csrf").body();
		return this.http.send(HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(10))
			.header("X-CSRF-TOKEN", csrf)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Log in through the form: the login page's CSRF token, then the form post.
	 * @return the response to the form post (a redirect to {@code /} on success, to
	 * {@code /login?error} on failure)
	 */
	HttpResponse<String> logIn(String base, String user) throws IOException, InterruptedException {
		Matcher csrf = CSRF.matcher(get(base, "/login").body());
		if (!csrf.find()) {
			throw new IllegalStateException("No CSRF token on the login page");
		}
		String form = "username=" + user + "&password=secret&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		return this.http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The session id the browser holds (Spring Session's servlet cookie is Base64 of the
	 * id).
	 */
	@Nullable String sessionId() {
		String cookie = cookie("SESSION");
		return (cookie != null) ? new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8) : null;
	}

	/**
	 * The value of a cookie the browser holds.
	 */
	@Nullable String cookie(String name) {
		for (HttpCookie cookie : this.cookies.getCookieStore().getCookies()) {
			if (cookie.getName().equals(name)) {
				return cookie.getValue();
			}
		}
		return null;
	}

	void forgetCookies() {
		this.cookies.getCookieStore().removeAll();
	}

}
