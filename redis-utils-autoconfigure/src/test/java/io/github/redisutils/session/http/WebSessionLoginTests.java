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

import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.redisutils.session.SessionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static io.github.redisutils.session.http.SessionAppInstances.base;
import static io.github.redisutils.session.http.SessionAppInstances.toLogin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's WebFlux form login on the WebSession stored by redis-utils, with two
 * application instances on real ports sharing one Redis (standalone or Cluster) and one
 * browser talking to both.
 *
 * @author redis-utils authors
 */
class WebSessionLoginTests {

	private final SessionAppInstances instances = new SessionAppInstances(WebSessionTestApplication.class,
			WebApplicationType.REACTIVE);

	@AfterEach
	void stop() {
		this.instances.close();
	}

	private String[] redis(String topology) {
		return this.instances.redis(topology);
	}

	private ConfigurableApplicationContext start(String[] redis, String... properties) {
		return this.instances.start(redis, properties);
	}

	@ParameterizedTest
	@ValueSource(strings = { "standalone", "cluster" })
	void aLoginOnOneInstanceWorksOnTheOtherUnderANewIdWithTheAnonymousAttributes(String topology) throws Exception {
		String[] redis = redis(topology);
		ConfigurableApplicationContext one = start(redis);
		ConfigurableApplicationContext two = start(redis);
		SessionStore store = one.getBean(SessionStore.class);
		Browser browser = new Browser();
		assertThat(browser.get(base(one), "/public").statusCode()).isEqualTo(200);
		assertThat(browser.get(base(two), "/public").statusCode()).isEqualTo(200);
		String anonymous = browser.cookie("SESSION");
		assertThat(store.find(anonymous)).hasValueSatisfying((session) -> assertThat(session.isAnonymous()).isTrue());

		HttpResponse<String> login = browser.logIn(base(one), "alice");
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
		String authenticated = browser.cookie("SESSION");
		assertThat(authenticated).isNotEqualTo(anonymous);
		assertThat(store.find(anonymous)).isEmpty();
		// The cookie holds the id the session got in its user's slot: WebFlux writes the
		// cookie before the final save, so no save may change the id after the login.
		assertThat(store.findByUser("alice")).singleElement()
			.satisfies((session) -> assertThat(session.id()).isEqualTo(authenticated));
		assertThat(one.getBean(ReactiveSessionStoreRepository.class).findByPrincipalName("alice").block())
			.containsOnlyKeys(authenticated);

		assertThat(browser.get(base(two), "/me").body()).isEqualTo("alice []");
		assertThat(browser.post(base(two), "/cart?item=book").statusCode()).isEqualTo(200);
		assertThat(browser.post(base(one), "/cart?item=pen").body()).isEqualTo("[book, pen]");
		assertThat(browser.get(base(two), "/me").body()).isEqualTo("alice [book, pen]");
		assertThat(browser.get(base(two), "/public").statusCode()).isEqualTo(200);
		assertThat(one.getBean(ReactiveSessionStoreRepository.class)
			.findById(authenticated)
			.map((session) -> session.<Integer>getAttribute("visits"))
			.block()).isEqualTo(3);
	}

	@Test
	void logOutEverywhereAndTheFormLogoutEndTheSessionsOnBothInstances() throws Exception {
		String[] redis = redis("standalone");
		ConfigurableApplicationContext one = start(redis);
		ConfigurableApplicationContext two = start(redis);
		Browser laptop = new Browser();
		Browser phone = new Browser();
		Browser other = new Browser();
		laptop.logIn(base(one), "alice");
		phone.logIn(base(two), "alice");
		other.logIn(base(two), "bob");
		assertThat(phone.get(base(one), "/me").body()).isEqualTo("alice []");

		assertThat(laptop.post(base(one), "/logout-everywhere").body()).isEqualTo("2");
		assertThat(toLogin(laptop.get(base(two), "/me"))).isTrue();
		assertThat(toLogin(phone.get(base(one), "/me"))).isTrue();
		assertThat(other.get(base(one), "/me").body()).isEqualTo("bob []");

		String id = other.cookie("SESSION");
		assertThat(other.post(base(one), "/logout").statusCode()).isEqualTo(302);
		assertThat(one.getBean(SessionStore.class).find(id)).isEmpty();
		assertThat(toLogin(other.get(base(two), "/me"))).isTrue();
		assertThat(one.getBean(SessionStore.class).countByUser("bob")).isZero();
	}

	@Test
	void bootsCookieSettingsApply() throws Exception {
		ConfigurableApplicationContext one = start(redis("standalone"), "server.reactive.session.cookie.name=SHOP",
				"server.reactive.session.cookie.same-site=strict", "spring.session.timeout=7m");
		Browser browser = new Browser();
		HttpResponse<String> response = browser.get(base(one), "/public");
		assertThat(response.headers().firstValue("Set-Cookie"))
			.hasValueSatisfying((cookie) -> assertThat(cookie).startsWith("SHOP=")
				.containsIgnoringCase("SameSite=Strict")
				.containsIgnoringCase("HttpOnly"));
		assertThat(one.getBean(SessionStore.class).find(browser.cookie("SHOP")))
			.hasValueSatisfying((session) -> assertThat(session.idleTimeout()).isEqualTo(Duration.ofMinutes(7)));
	}

	@Test
	void theStoresPerUserLimitAppliesToWebSessions() throws Exception {
		String[] redis = redis("standalone");
		ConfigurableApplicationContext one = start(redis, "redis.session.max-per-user=1");
		ConfigurableApplicationContext two = start(redis, "redis.session.max-per-user=1");
		Browser first = new Browser();
		Browser second = new Browser();
		first.logIn(base(one), "alice");
		second.logIn(base(two), "alice");
		assertThat(toLogin(first.get(base(two), "/me"))).isTrue();
		assertThat(second.get(base(one), "/me").body()).isEqualTo("alice []");
	}

	@Test
	void aRequestThatChangesNothingOnlyReadsItsSession() throws Exception {
		ConfigurableApplicationContext one = start(redis("dedicated"));
		Browser browser = new Browser();
		browser.logIn(base(one), "alice");
		StringRedisTemplate template = new StringRedisTemplate(one.getBean(RedisConnectionFactory.class));
		template.execute((org.springframework.data.redis.core.RedisCallback<Object>) (connection) -> {
			connection.serverCommands().resetConfigStats();
			return null;
		});
		for (int i = 0; i < 20; i++) {
			assertThat(browser.get(base(one), "/me").body()).isEqualTo("alice []");
		}
		String stats = HttpSessionLoginTests.commandStats(template);
		System.out.println("WebSession, 20 requests changing nothing:\n" + stats);
		// WebFlux reads the session once per request.
		assertThat(HttpSessionLoginTests.calls(stats, "hgetall")).isEqualTo(20);
		assertThat(HttpSessionLoginTests.calls(stats, "evalsha") + HttpSessionLoginTests.calls(stats, "eval")
				+ HttpSessionLoginTests.calls(stats, "hset"))
			.isZero();
	}

}
