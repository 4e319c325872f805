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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * Spring Security's form login on the HttpSession stored by redis-utils, with two
 * application instances on real Tomcat ports sharing one Redis (standalone or Cluster)
 * and one browser talking to both.
 *
 * @author redis-utils authors
 */
class HttpSessionLoginTests {

	private final SessionAppInstances instances = new SessionAppInstances(HttpSessionTestApplication.class,
			WebApplicationType.SERVLET);

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
		String anonymous = browser.sessionId();
		assertThat(store.find(anonymous)).hasValueSatisfying((session) -> assertThat(session.isAnonymous()).isTrue());

		HttpResponse<String> login = browser.logIn(base(one), "alice");
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
		String authenticated = browser.sessionId();
		assertThat(authenticated).isNotEqualTo(anonymous);
		assertThat(store.find(anonymous)).isEmpty();
		assertThat(store.findByUser("alice")).singleElement()
			.satisfies((session) -> assertThat(session.id()).isEqualTo(authenticated));
		assertThat(one.getBean(SessionStoreRepository.class).findByPrincipalName("alice"))
			.containsOnlyKeys(authenticated);

		assertThat(browser.get(base(two), "/me").body()).isEqualTo("alice []");
		assertThat(browser.post(base(two), "/cart?item=book").statusCode()).isEqualTo(200);
		assertThat(browser.post(base(one), "/cart?item=pen").body()).isEqualTo("[book, pen]");
		assertThat(browser.get(base(two), "/me").body()).isEqualTo("alice [book, pen]");
		// The attribute set before the login moved with the session.
		assertThat(browser.get(base(two), "/public").statusCode()).isEqualTo(200);
		assertThat(one.getBean(SessionStoreRepository.class).findById(authenticated).<Integer>getAttribute("visits"))
			.isEqualTo(3);
	}

	@ParameterizedTest
	@ValueSource(strings = { "standalone", "cluster" })
	void logOutEverywhereFromOneInstanceEndsTheSessionsOnBoth(String topology) throws Exception {
		String[] redis = redis(topology);
		ConfigurableApplicationContext one = start(redis);
		ConfigurableApplicationContext two = start(redis);
		Browser laptop = new Browser();
		Browser phone = new Browser();
		laptop.logIn(base(one), "alice");
		phone.logIn(base(two), "alice");
		Browser other = new Browser();
		other.logIn(base(two), "bob");
		assertThat(laptop.get(base(two), "/me").body()).isEqualTo("alice []");
		assertThat(phone.get(base(one), "/me").body()).isEqualTo("alice []");

		assertThat(laptop.post(base(one), "/logout-everywhere").body()).isEqualTo("2");
		assertThat(toLogin(laptop.get(base(one), "/me"))).isTrue();
		assertThat(toLogin(laptop.get(base(two), "/me"))).isTrue();
		assertThat(toLogin(phone.get(base(two), "/me"))).isTrue();
		assertThat(toLogin(phone.get(base(one), "/me"))).isTrue();
		assertThat(other.get(base(one), "/me").body()).isEqualTo("bob []");
	}

	@Test
	void theFormLogoutInvalidatesTheSessionEverywhere() throws Exception {
		String[] redis = redis("standalone");
		ConfigurableApplicationContext one = start(redis);
		ConfigurableApplicationContext two = start(redis);
		Browser browser = new Browser();
		browser.logIn(base(one), "alice");
		String id = browser.sessionId();
		assertThat(browser.post(base(two), "/logout").statusCode()).isEqualTo(302);
		assertThat(one.getBean(SessionStore.class).find(id)).isEmpty();
		assertThat(toLogin(browser.get(base(one), "/me"))).isTrue();
	}

	@Test
	void maximumSessionsWithMaxSessionsPreventsLoginRefusesASecondLoginOnAnotherInstance() throws Exception {
		String[] redis = redis("standalone");
		ConfigurableApplicationContext one = start(redis, "test.max-sessions=1", "test.prevents-login=true");
		ConfigurableApplicationContext two = start(redis, "test.max-sessions=1", "test.prevents-login=true");
		Browser first = new Browser();
		Browser second = new Browser();
		assertThat(first.logIn(base(one), "alice").headers().firstValue("Location").orElseThrow())
			.doesNotContain("error");
		assertThat(second.logIn(base(two), "alice").headers().firstValue("Location").orElseThrow())
			.endsWith("/login?error");
		assertThat(first.get(base(two), "/me").body()).isEqualTo("alice []");
		assertThat(toLogin(second.get(base(one), "/me"))).isTrue();
		// Once the first logs out, the second may log in.
		first.post(base(one), "/logout");
		assertThat(second.logIn(base(two), "alice").headers().firstValue("Location").orElseThrow())
			.doesNotContain("error");
	}

	@Test
	void maximumSessionsWithoutPreventingLoginExpiresTheOlderSessionOnTheOtherInstance() throws Exception {
		String[] redis = redis("standalone");
		ConfigurableApplicationContext one = start(redis, "test.max-sessions=1");
		ConfigurableApplicationContext two = start(redis, "test.max-sessions=1");
		Browser first = new Browser();
		Browser second = new Browser();
		first.logIn(base(one), "alice");
		assertThat(second.logIn(base(two), "alice").headers().firstValue("Location").orElseThrow())
			.doesNotContain("error");
		HttpResponse<String> expired = first.get(base(one), "/me");
		assertThat(expired.body()).contains("This session has been expired");
		assertThat(second.get(base(one), "/me").body()).isEqualTo("alice []");
		assertThat(one.getBean(SessionStore.class).countByUser("alice")).isEqualTo(1);
	}

	@Test
	void bootsCookieSettingsApply() throws Exception {
		ConfigurableApplicationContext one = start(redis("standalone"), "server.servlet.session.cookie.name=SHOP",
				"server.servlet.session.cookie.same-site=strict", "spring.session.timeout=7m");
		Browser browser = new Browser();
		HttpResponse<String> response = browser.get(base(one), "/public");
		assertThat(response.headers().firstValue("Set-Cookie"))
			.hasValueSatisfying((cookie) -> assertThat(cookie).startsWith("SHOP=")
				.containsIgnoringCase("SameSite=Strict")
				.containsIgnoringCase("HttpOnly"));
		assertThat(one.getBean(SessionStore.class)
			.find(new String(Base64.getDecoder().decode(browser.cookie("SHOP")), StandardCharsets.UTF_8)))
			.hasValueSatisfying((session) -> assertThat(session.idleTimeout()).isEqualTo(Duration.ofMinutes(7)));
	}

	@Test
	void theStoresPerUserLimitAppliesToHttpSessions() throws Exception {
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
	void attributesSurviveARestartOfEveryInstance() throws Exception {
		String[] redis = redis("standalone");
		ConfigurableApplicationContext one = start(redis);
		Browser browser = new Browser();
		browser.logIn(base(one), "alice");
		browser.post(base(one), "/cart?item=book");
		one.close();
		ConfigurableApplicationContext restarted = start(redis);
		assertThat(browser.get(base(restarted), "/me").body()).isEqualTo("alice [book]");
	}

	@Test
	void aRequestThatChangesNothingOnlyReadsItsSession() throws Exception {
		String stats = commandsOfTwentyRequests();
		System.out.println("HTTP session, 20 requests changing nothing:\n" + stats);
		// Spring Session's filter reads the session twice per request: once for the
		// request, once more after saving it, to decide whether to write the cookie.
		assertThat(calls(stats, "hgetall")).isEqualTo(40);
		assertThat(calls(stats, "evalsha") + calls(stats, "eval") + calls(stats, "hset") + calls(stats, "pexpire")
				+ calls(stats, "pexpireat"))
			.isZero();
	}

	@Test
	void withoutATouchIntervalEveryRequestSlidesTheExpiryInOneScript() throws Exception {
		String stats = commandsOfTwentyRequests("redis.session.touch-interval=0s");
		System.out.println("HTTP session, 20 requests without a touch interval:\n" + stats);
		assertThat(calls(stats, "hgetall")).isEqualTo(40);
		// One touch script per request (its HMGET), and the store's presence update
		// (online users, its ZSCORE) that follows every written touch.
		assertThat(calls(stats, "hmget")).isEqualTo(20);
		assertThat(calls(stats, "zscore")).isEqualTo(20);
	}

	/**
	 * Log in on a server of its own, then count the server's commands for 20 requests
	 * that read the session and change nothing.
	 */
	private String commandsOfTwentyRequests(String... properties) throws Exception {
		ConfigurableApplicationContext one = start(redis("dedicated"), properties);
		Browser browser = new Browser();
		browser.logIn(base(one), "alice");
		StringRedisTemplate template = new StringRedisTemplate(one.getBean(RedisConnectionFactory.class));
		// The filter's second read of a request may follow its response: let it land.
		Thread.sleep(300);
		template.execute((org.springframework.data.redis.core.RedisCallback<Object>) (connection) -> {
			connection.serverCommands().resetConfigStats();
			return null;
		});
		for (int i = 0; i < 20; i++) {
			assertThat(browser.get(base(one), "/me").body()).isEqualTo("alice []");
			Thread.sleep(2);
		}
		Thread.sleep(300);
		return commandStats(template);
	}

	static String commandStats(StringRedisTemplate template) {
		return template.execute((org.springframework.data.redis.core.RedisCallback<String>) (connection) -> String
			.valueOf(connection.serverCommands().info("commandstats")));
	}

	static long calls(String stats, String command) {
		Matcher matcher = Pattern.compile("cmdstat_" + command + "=calls=(\\d+),").matcher(stats);
		return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
	}

}
