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

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsHttpSessionAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsSessionAutoConfiguration;
import io.github.redisutils.session.SessionChanges;
import io.github.redisutils.session.SessionStore;
import io.github.redisutils.session.http.HttpSessionAttributes.StoredAttribute;
import io.github.redisutils.session.http.HttpSessionTestApplication.Cart;
import io.github.redisutils.session.http.SessionStoreRepository.StoredSession;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.events.AbstractSessionEvent;
import org.springframework.session.events.SessionCreatedEvent;
import org.springframework.session.events.SessionDeletedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link SessionStoreRepository} against a real Redis: what it writes and reads, and its
 * contract with Spring Session.
 *
 * @author redis-utils authors
 */
class SessionStoreRepositoryTests {

	private final String prefix = "repo-" + UUID.randomUUID().toString().substring(0, 8);

	private WebApplicationContextRunner runner(String[] redis, String... properties) {
		return new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
							RedisUtilsSessionAutoConfiguration.class, RedisUtilsHttpSessionAutoConfiguration.class))
			.withPropertyValues(redis)
			.withPropertyValues("redis.key-prefix=" + this.prefix, "redis.session.http.enabled=true",
					"redis.session.http.trusted-packages=io.github.redisutils.session.http",
					"spring.data.redis.timeout=500ms")
			.withPropertyValues(properties);
	}

	private WebApplicationContextRunner standalone(String... properties) {
		return runner(RedisServers.standalone().springProperties(), properties);
	}

	private static SessionStoreRepository repository(org.springframework.context.ApplicationContext context) {
		return context.getBean(SessionStoreRepository.class);
	}

	@Test
	void aNewSessionIsStoredAnonymouslyUnderTheIdItWasCreatedWith() {
		standalone().run((context) -> {
			SessionStoreRepository repository = repository(context);
			StoredSession session = repository.createSession();
			String reserved = session.getId();
			assertThat(repository.findById(reserved)).isNull();
			session.setAttribute("theme", "dark");
			repository.save(session);
			// WebFlux writes the cookie before it saves: the id must not change.
			assertThat(session.getId()).isEqualTo(reserved);
			StoredSession found = repository.findById(session.getId());
			assertThat(found).isNotNull();
			assertThat(found.<String>getAttribute("theme")).isEqualTo("dark");
			assertThat(context.getBean(SessionStore.class).find(session.getId()).orElseThrow().isAnonymous()).isTrue();
		});
	}

	@Test
	void attributesOfEveryTrustedKindRoundTripThroughAnotherInstance() {
		String[] redis = RedisServers.standalone().springProperties();
		String[] id = new String[1];
		SecurityContextImpl security = new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(
				User.withUsername("alice").password("x").roles("USER").build(), null,
				List.of(new SimpleGrantedAuthority("ROLE_USER"))));
		Map<String, Object> map = new HashMap<>();
		map.put("name", "n");
		map.put("list", new ArrayList<>(List.of("a", "b")));
		runner(redis).run((context) -> {
			SessionStoreRepository repository = repository(context);
			StoredSession session = repository.createSession();
			session.setAttribute("long", 42L);
			session.setAttribute("string", "text");
			session.setAttribute("decimal", new BigDecimal("12.50"));
			session.setAttribute("date", LocalDate.of(2026, 12, 4));
			session.setAttribute("instant", Instant.ofEpochMilli(1_700_000_000_123L));
			session.setAttribute("list", new ArrayList<>(List.of(1L, 2L)));
			session.setAttribute("immutable", List.of("x", "y"));
			session.setAttribute("map", map);
			session.setAttribute("cart", new Cart(List.of("book")));
			session.setAttribute("SPRING_SECURITY_CONTEXT", security);
			repository.save(session);
			id[0] = session.getId();
		});
		runner(redis).run((context) -> {
			StoredSession found = repository(context).findById(id[0]);
			assertThat(found).isNotNull();
			assertThat(found.<Object>getAttribute("long")).isEqualTo(42L);
			assertThat(found.<Object>getAttribute("string")).isEqualTo("text");
			assertThat(found.<Object>getAttribute("decimal")).isEqualTo(new BigDecimal("12.50"));
			assertThat(found.<Object>getAttribute("date")).isEqualTo(LocalDate.of(2026, 12, 4));
			assertThat(found.<Object>getAttribute("instant")).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
			assertThat(found.<Object>getAttribute("list")).isEqualTo(List.of(1L, 2L));
			assertThat(found.<Object>getAttribute("immutable")).isEqualTo(List.of("x", "y"));
			assertThat(found.<Object>getAttribute("map")).isEqualTo(map);
			assertThat(found.<Object>getAttribute("cart")).isEqualTo(new Cart(List.of("book")));
			SecurityContextImpl read = found.getAttribute("SPRING_SECURITY_CONTEXT");
			assertThat(read.getAuthentication().getName()).isEqualTo("alice");
			assertThat(read.getAuthentication().isAuthenticated()).isTrue();
			assertThat(read.getAuthentication().getAuthorities()).extracting(Object::toString)
				.containsExactly("ROLE_USER");
			// The principal index follows the security context: the session moved to
			// alice's slot when it was saved.
			assertThat(repository(context).findByPrincipalName("alice")).containsOnlyKeys(id[0]);
		});
	}

	@Test
	void aClassOfNoTrustedPackageIsRefusedWhenItIsSet() {
		standalone().run((context) -> {
			StoredSession session = repository(context).createSession();
			assertThatIllegalArgumentException()
				.isThrownBy(() -> session.setAttribute("file", new java.io.File("/tmp")))
				.withMessageContaining("'file'")
				.withMessageContaining("java.io.File")
				.withMessageContaining("redis.session.http.trusted-packages");
			assertThat(session.getAttributeNames()).isEmpty();
		});
	}

	@Test
	void aStoredAttributeOfAnUntrustedOrUnknownClassReadsAsAbsentAndTheRestStays() {
		standalone().run((context) -> {
			SessionStoreRepository repository = repository(context);
			StoredSession session = repository.createSession();
			session.setAttribute("theme", "dark");
			repository.save(session);
			SessionStore store = context.getBean(SessionStore.class);
			store.update(session.getId(),
					SessionChanges.set("gadget", new StoredAttribute("com.example.Gadget", "{}"))
						.with("gone", new StoredAttribute("io.github.redisutils.session.http.Missing", "{}"))
						.with("broken", new StoredAttribute("java.lang.Long", "\"x\"")));
			StoredSession found = repository.findById(session.getId());
			assertThat(found.<Object>getAttribute("gadget")).isNull();
			assertThat(found.<Object>getAttribute("gone")).isNull();
			assertThat(found.<Object>getAttribute("broken")).isNull();
			assertThat(found.<String>getAttribute("theme")).isEqualTo("dark");
			// Saving a change leaves what could not be read in Redis.
			found.setAttribute("theme", "light");
			repository.save(found);
			assertThat(store.find(session.getId()).orElseThrow().attributes().names()).contains("gadget", "gone",
					"broken", "theme");
		});
	}

	@Test
	void onlyChangedAttributesAreWrittenSoConcurrentChangesToOthersSurvive() {
		standalone().run((context) -> {
			SessionStoreRepository repository = repository(context);
			StoredSession session = repository.createSession();
			session.setAttribute("a", "1");
			session.setAttribute("b", "1");
			repository.save(session);
			StoredSession first = repository.findById(session.getId());
			StoredSession second = repository.findById(session.getId());
			first.setAttribute("a", "2");
			second.setAttribute("b", "2");
			second.removeAttribute("a");
			second.setAttribute("a", "3");
			repository.save(first);
			repository.save(second);
			StoredSession found = repository.findById(session.getId());
			assertThat(found.<String>getAttribute("b")).isEqualTo("2");
			assertThat(found.<String>getAttribute("a")).isEqualTo("3");
			found.removeAttribute("b");
			repository.save(found);
			assertThat(repository.findById(session.getId()).getAttributeNames()).containsExactly("a");
		});
	}

	@Test
	void aSessionDeletedMeanwhileIsNeverBroughtBack() {
		standalone().run((context) -> {
			SessionStoreRepository repository = repository(context);
			StoredSession session = repository.createSession();
			session.setAttribute("a", "1");
			repository.save(session);
			StoredSession held = repository.findById(session.getId());
			repository.deleteById(session.getId());
			held.setAttribute("a", "2");
			held.setLastAccessedTime(Instant.now().plusSeconds(120));
			repository.save(held);
			assertThat(repository.findById(session.getId())).isNull();
			held.changeSessionId();
			repository.save(held);
			assertThat(repository.findById(held.getId())).isNull();
		});
	}

	@Test
	void createdAndDeletedEventsArePublishedForThisInstancesChanges() {
		List<AbstractSessionEvent> events = new CopyOnWriteArrayList<>();
		standalone()
			.withBean("listener", ApplicationListener.class,
					() -> (ApplicationListener<AbstractSessionEvent>) events::add)
			.run((context) -> {
				SessionStoreRepository repository = repository(context);
				StoredSession session = repository.createSession();
				repository.save(session);
				repository.deleteById(session.getId());
				repository.deleteById(session.getId());
				assertThat(events).hasSize(2);
				assertThat(events.get(0)).isInstanceOf(SessionCreatedEvent.class);
				assertThat(events.get(0).getSessionId()).isEqualTo(session.getId());
				assertThat(events.get(1)).isInstanceOf(SessionDeletedEvent.class);
				assertThat(events.get(1).getSessionId()).isEqualTo(session.getId());
			});
	}

	@Test
	void theMaxInactiveIntervalMovesTheExpiryBothWays() {
		standalone("redis.session.absolute-lifetime=3h").run((context) -> {
			SessionStoreRepository repository = repository(context);
			StringRedisTemplate redis = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
			StoredSession session = repository.createSession();
			session.setMaxInactiveInterval(Duration.ofSeconds(10));
			repository.save(session);
			String key = sessionKey(session.getId());
			assertThat(redis.getExpire(key)).isBetween(1L, 10L);
			StoredSession found = repository.findById(session.getId());
			assertThat(found.getMaxInactiveInterval()).isEqualTo(Duration.ofSeconds(10));
			found.setMaxInactiveInterval(Duration.ofHours(2));
			repository.save(found);
			assertThat(redis.getExpire(key)).isBetween(7000L, 7200L);
			assertThat(repository.findById(session.getId()).getMaxInactiveInterval()).isEqualTo(Duration.ofHours(2));
			found.setMaxInactiveInterval(Duration.ofSeconds(5));
			repository.save(found);
			assertThat(redis.getExpire(key)).isBetween(1L, 5L);
			// Never expiring: as long as the absolute lifetime allows.
			found.setMaxInactiveInterval(Duration.ofSeconds(-1));
			repository.save(found);
			assertThat(redis.getExpire(key)).isBetween(3 * 3600L - 60, 3 * 3600L);
		});
	}

	@Test
	void onlyThePrincipalIndexIsKept() {
		standalone().run((context) -> {
			SessionStoreRepository repository = repository(context);
			StoredSession session = repository.createSession();
			session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, "carol");
			repository.save(session);
			assertThat(repository.findByPrincipalName("carol")).containsOnlyKeys(session.getId());
			assertThat(repository.findByIndexNameAndIndexValue("department", "carol")).isEmpty();
			assertThat(context.getBean(SessionStore.class).findByUser("carol")).hasSize(1);
			// Another principal moves it; no principal any more moves it out of the
			// index.
			StoredSession found = repository.findById(session.getId());
			found.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, "dave");
			repository.save(found);
			assertThat(repository.findByPrincipalName("carol")).isEmpty();
			assertThat(repository.findByPrincipalName("dave")).containsOnlyKeys(found.getId());
			String daves = found.getId();
			found.removeAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME);
			repository.save(found);
			assertThat(repository.findByPrincipalName("dave")).isEmpty();
			assertThat(repository.findById(found.getId())).isNotNull();
			// The id that was dave's is dead, even though the session kept its id.
			assertThat(found.getId()).isNotEqualTo(daves);
			assertThat(repository.findById(daves)).isNull();
		});
	}

	@Test
	void byDefaultAnOutageFailsTheRequest() {
		DedicatedRedis redis = RedisServers.dedicated();
		try (redis) {
			runner(redis.springProperties()).run((context) -> {
				SessionStoreRepository repository = repository(context);
				StoredSession session = repository.createSession();
				repository.save(session);
				redis.stop();
				assertThatExceptionOfType(RedisUnavailableException.class)
					.isThrownBy(() -> repository.findById(session.getId()));
				StoredSession fresh = repository.createSession();
				assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> repository.save(fresh));
			});
		}
	}

	@Test
	void theAnonymousPolicyServesRequestsWithoutTheirSessionDuringAnOutage() {
		DedicatedRedis redis = RedisServers.dedicated();
		try (redis) {
			runner(redis.springProperties(), "redis.session.http.outage-policy=anonymous").run((context) -> {
				SessionStoreRepository repository = repository(context);
				StoredSession session = repository.createSession();
				session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, "alice");
				repository.save(session);
				redis.pause();
				try {
					assertThat(repository.findById(session.getId())).isNull();
					assertThat(repository.findByPrincipalName("alice")).isEmpty();
					StoredSession fresh = repository.createSession();
					fresh.setAttribute("a", "1");
					repository.save(fresh);
					repository.deleteById(session.getId());
				}
				finally {
					redis.resume();
				}
				// Back with Redis (once the outage back-off lets calls through): the
				// session was kept.
				long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
				while (repository.findById(session.getId()) == null && System.nanoTime() < deadline) {
					Thread.sleep(100);
				}
				assertThat(repository.findById(session.getId())).isNotNull();
			});
		}
	}

	private String sessionKey(String id) {
		String token = id.substring(0, 16);
		return this.prefix + ":session:{" + token + "}:s:" + id.substring(17);
	}

}
