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
package io.github.redisutils.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.core.InvalidKeyPartException;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Contract of {@link SessionStore} against a real standalone Redis.
 *
 * @author redis-utils authors
 */
class SessionStoreTests {

	private final String prefix = SessionTesting.newPrefix();

	private ApplicationContextRunner standalone(String... properties) {
		return SessionTesting.runner(RedisServers.standalone().springProperties(), this.prefix, properties);
	}

	@Test
	void createdSessionIsFoundWithItsAttributesMetadataAndTimes() {
		standalone().run((context) -> {
			SessionStore store = SessionTesting.store(context);
			SessionOptions options = SessionOptions.defaults()
				.withMetadata(SessionOptions.USER_AGENT, "curl/8")
				.withMetadata(SessionOptions.IP_ADDRESS, "203.0.113.7");
			Session created = store.create("alice", Map.of("cart", List.of("apple", "pear"), "theme", "dark"), options);
			assertThat(created.id()).matches("[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{22}");
			assertThat(created.expiresAt()).isEqualTo(created.createdAt().plus(Duration.ofMinutes(30)));
			assertThat(created.absoluteExpiresAt()).isEqualTo(created.createdAt().plus(Duration.ofHours(12)));
			Session found = store.find(created.id()).orElseThrow();
			assertThat(found.userId()).isEqualTo("alice");
			assertThat(found.createdAt()).isEqualTo(created.createdAt());
			assertThat(found.lastAccessedAt()).isEqualTo(created.createdAt());
			assertThat(found.expiresAt()).isEqualTo(created.expiresAt());
			assertThat(found.metadata()).containsEntry(SessionOptions.USER_AGENT, "curl/8")
				.containsEntry(SessionOptions.IP_ADDRESS, "203.0.113.7");
			assertThat(found.attributes().names()).containsExactlyInAnyOrder("cart", "theme");
			assertThat(found.attributes().get("theme", String.class)).isEqualTo("dark");
			assertThat(found.attributes().get("cart", new ParameterizedTypeReference<List<String>>() {
			})).containsExactly("apple", "pear");
			assertThat(found.attributes().get("missing", String.class)).isNull();
			long ttl = SessionTesting.redis(context)
				.getExpire(SessionTesting.sessionKey(this.prefix, created.id()), TimeUnit.MILLISECONDS);
			assertThat(ttl).isCloseTo(Duration.ofMinutes(30).toMillis(), within(10_000L));
		});
	}

	@Test
	void idsAreUniqueAndTheSameUserKeepsOneSlotToken() {
		standalone().run((context) -> {
			SessionStore store = SessionTesting.store(context);
			Set<String> ids = new java.util.HashSet<>();
			for (int i = 0; i < 20; i++) {
				ids.add(store.create("bob").id());
			}
			assertThat(ids).hasSize(20);
			assertThat(ids.stream().map(SessionTesting::token).distinct()).hasSize(1);
			assertThat(SessionTesting.token(store.create("carol").id()))
				.isNotEqualTo(SessionTesting.token(ids.iterator().next()));
			assertThat(ids.iterator().next()).doesNotContain("bob");
		});
	}

	@Test
	void anAnonymousSessionIsCreatedUnderItsReservedIdInASlotOfItsOwn() {
		standalone().run((context) -> {
			SessionStore store = SessionTesting.store(context);
			String reserved = store.newAnonymousId();
			assertThat(store.find(reserved)).isEmpty();
			assertThat(store.newAnonymousId()).isNotEqualTo(reserved);
			Session session = store.createAnonymous(reserved, Map.of("theme", "dark"), SessionOptions.defaults());
			assertThat(session.id()).isEqualTo(reserved);
			assertThat(store.find(reserved)).hasValueSatisfying((found) -> {
				assertThat(found.isAnonymous()).isTrue();
				assertThat(found.userId()).isEmpty();
				assertThat(found.attributes().get("theme", String.class)).isEqualTo("dark");
			});
			assertThat(SessionTesting.token(store.createAnonymous(Map.of(), SessionOptions.defaults()).id()))
				.isNotEqualTo(SessionTesting.token(reserved));
			assertThat(store.destroy(reserved)).isTrue();
			assertThat(store.find(reserved)).isEmpty();
		});
	}

	@Test
	void anAnonymousSessionUnderAnIdNotFromTheStoreIsRefused() {
		standalone().run((context) -> {
			SessionStore store = SessionTesting.store(context);
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> store.createAnonymous("chosen-by-the-client", Map.of(), SessionOptions.defaults()))
				.withMessageContaining("newAnonymousId()");
		});
	}

	@Test
	void idleSessionExpires() {
		standalone().run((context) -> {
			SessionStore store = SessionTesting.store(context);
			Session session = store.create("idle", Map.of(),
					SessionOptions.defaults().withIdleTimeout(Duration.ofSeconds(1)));
			assertThat(store.find(session.id())).isPresent();
			Thread.sleep(1600);
			assertThat(store.find(session.id())).isEmpty();
			assertThat(store.touch(session.id())).isFalse();
			assertThat(store.isOnline("idle")).isFalse();
			// Expiry is Redis's TTL: without keyspace notifications nothing announces it.
			assertThat(context.getBean(SessionTesting.EventRecorder.class).events)
				.containsExactly(new SessionCreatedEvent(session.id(), "idle"));
		});
	}

	@Test
	void touchSlidesTheIdleExpiry() {
		standalone("redis.session.touch-interval=0s").run((context) -> {
			SessionStore store = SessionTesting.store(context);
			Session session = store.create("slider", Map.of(),
					SessionOptions.defaults().withIdleTimeout(Duration.ofSeconds(2)));
			Thread.sleep(1200);
			assertThat(store.touch(session.id())).isTrue();
			Thread.sleep(1200);
			Session touched = store.find(session.id()).orElseThrow();
			assertThat(touched.lastAccessedAt()).isAfter(session.lastAccessedAt());
			assertThat(touched.expiresAt()).isAfter(session.expiresAt());
			Thread.sleep(2500);
			assertThat(store.find(session.id())).isEmpty();
		});
	}

	@Test
	void absoluteLifetimeEndsAnActiveSession() {
		standalone("redis.session.touch-interval=0s").run((context) -> {
			SessionStore store = SessionTesting.store(context);
			Session session = store.create("busy", Map.of(),
					SessionOptions.defaults().withAbsoluteLifetime(Duration.ofMillis(1500)));
			assertThat(session.expiresAt()).isEqualTo(session.absoluteExpiresAt());
			for (int i = 0; i < 3; i++) {
				Thread.sleep(300);
				assertThat(store.touch(session.id())).isTrue();
			}
			assertThat(store.extend(session.id(), Duration.ofHours(1))).contains(session.absoluteExpiresAt());
			Thread.sleep(1200);
			assertThat(store.find(session.id())).isEmpty();
		});
	}

	@Test
	void extendPushesTheExpiryButNeverBackwards() {
		standalone().run((context) -> {
			SessionStore store = SessionTesting.store(context);
			Session session = store.create("ext");
			Instant extended = store.extend(session.id(), Duration.ofHours(2)).orElseThrow();
			assertThat(Duration.between(session.createdAt(), extended)).isGreaterThanOrEqualTo(Duration.ofHours(2));
			assertThat(store.extend(session.id(), Duration.ofSeconds(1))).contains(extended);
			assertThat(store.find(session.id()).orElseThrow().expiresAt()).isEqualTo(extended);
			long ttl = SessionTesting.redis(context)
				.getExpire(SessionTesting.sessionKey(this.prefix, session.id()), TimeUnit.MILLISECONDS);
			assertThat(ttl).isCloseTo(Duration.ofHours(2).toMillis(), within(10_000L));
		});
	}

	@Test
	void touchesWithinTheIntervalWriteNothing() {
		try (var redis = RedisServers.dedicated()) {
			SessionTesting.runner(redis.springProperties(), this.prefix, "redis.session.touch-interval=10m")
				.run((context) -> {
					SessionStore store = SessionTesting.store(context);
					Session session = store.create("throttled");
					StringRedisTemplate template = SessionTesting.redis(context);
					template.execute((org.springframework.data.redis.core.RedisCallback<Object>) (connection) -> {
						connection.serverCommands().resetConfigStats();
						return null;
					});
					for (int i = 0; i < 100; i++) {
						assertThat(store.touch(session.id())).isTrue();
					}
					Map<String, Long> calls = commandCalls(template);
					// One script call per touch (plus one EVAL if the script was not
					// cached yet).
					assertThat(calls.getOrDefault("evalsha", 0L) + calls.getOrDefault("eval", 0L)).isBetween(100L,
							101L);
					assertThat(calls).doesNotContainKeys("hset", "pexpireat", "zadd", "zremrangebyscore");
					assertThat(context.getBean(MeterRegistry.class).counter("redis.session.touches.skipped").count())
						.isEqualTo(100);
					assertThat(store.find(session.id()).orElseThrow().lastAccessedAt())
						.isEqualTo(session.lastAccessedAt());
				});
			SessionTesting.runner(redis.springProperties(), this.prefix, "redis.session.touch-interval=0s")
				.run((context) -> {
					SessionStore store = SessionTesting.store(context);
					Session session = store.create("eager");
					StringRedisTemplate template = SessionTesting.redis(context);
					template.execute((org.springframework.data.redis.core.RedisCallback<Object>) (connection) -> {
						connection.serverCommands().resetConfigStats();
						return null;
					});
					for (int i = 0; i < 10; i++) {
						Thread.sleep(2);
						store.touch(session.id());
					}
					// Each written touch: the session's fields and TTL, its index entry
					// and TTL, then the presence sets (active sessions, online users,
					// their versions) with their TTLs.
					assertThat(commandCalls(template)).containsEntry("hset", 10L)
						.containsEntry("zadd", 40L)
						.containsEntry("pexpireat", 50L);
				});
		}
	}

	private static Map<String, Long> commandCalls(StringRedisTemplate template) {
		java.util.Properties stats = template
			.execute((org.springframework.data.redis.core.RedisCallback<java.util.Properties>) (
					connection) -> connection.serverCommands().info("commandstats"));
		Map<String, Long> calls = new java.util.HashMap<>();
		stats.forEach((name, value) -> {
			String command = String.valueOf(name).replace("cmdstat_", "");
			String text = String.valueOf(value);
			calls.put(command, Long.parseLong(text.substring(text.indexOf("calls=") + 6, text.indexOf(','))));
		});
		return calls;
	}

	@Test
	void concurrentUpdatesOfDifferentAttributesAreAllKept() {
		standalone().run((context) -> {
			SessionStore store = SessionTesting.store(context);
			Session session = store.create("writer", Map.of("start", 0), SessionOptions.defaults());
			int threads = 16;
			int rounds = 25;
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(executor.submit(() -> {
					start.await();
					for (int r = 1; r <= rounds; r++) {
						assertThat(store.update(session.id(), SessionChanges.set("attr-" + thread, r))).isTrue();
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
			executor.shutdown();
			Session updated = store.find(session.id()).orElseThrow();
			assertThat(updated.attributes().size()).isEqualTo(threads + 1);
			for (int t = 0; t < threads; t++) {
				assertThat(updated.attributes().get("attr-" + t, Integer.class)).isEqualTo(rounds);
			}
		});
	}

	@Test
	void updateSetsAndRemovesButNeverCreates() {
		standalone().run((context) -> {
			SessionStore store = SessionTesting.store(context);
			Session session = store.create("upd", Map.of("a", "1", "b", "2"), SessionOptions.defaults());
			assertThat(store.update(session.id(), SessionChanges.set("c", 3).without("a"))).isTrue();
			Session updated = store.find(session.id()).orElseThrow();
			assertThat(updated.attributes().names()).containsExactlyInAnyOrder("b", "c");
			assertThat(store.update(session.id(), SessionChanges.none())).isTrue();
			store.destroy(session.id());
			assertThat(store.update(session.id(), SessionChanges.set("d", 4))).isFalse();
			assertThat(SessionTesting.redis(context).hasKey(SessionTesting.sessionKey(this.prefix, session.id())))
				.isFalse();
		});
	}

	@Test
	void destroyRemovesTheSessionAndPublishesAnEvent() {
		standalone().run((context) -> {
			SessionStore store = SessionTesting.store(context);
			Session session = store.create("leaver");
			assertThat(store.destroy(session.id())).isTrue();
			assertThat(store.destroy(session.id())).isFalse();
			assertThat(store.find(session.id())).isEmpty();
			assertThat(store.findByUser("leaver")).isEmpty();
			SessionTesting.EventRecorder recorder = context.getBean(SessionTesting.EventRecorder.class);
			assertThat(recorder.events).containsExactly(new SessionCreatedEvent(session.id(), "leaver"),
					new SessionDestroyedEvent(session.id(), "leaver"));
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.counter("redis.session.creations").count()).isEqualTo(1);
			assertThat(meters.counter("redis.session.destructions").count()).isEqualTo(1);
		});
	}

	@Test
	void findByUserCountAndOnlineStatus() {
		standalone().run((context) -> {
			SessionStore store = SessionTesting.store(context);
			assertThat(store.isOnline("dave")).isFalse();
			assertThat(store.countByUser("dave")).isZero();
			Session first = store.create("dave");
			Session second = store.create("dave");
			store.create("erin");
			assertThat(store.isOnline("dave")).isTrue();
			assertThat(store.countByUser("dave")).isEqualTo(2);
			assertThat(store.findByUser("dave")).extracting(Session::id)
				.containsExactlyInAnyOrder(first.id(), second.id());
			assertThat(store.findByUser("nobody")).isEmpty();
		});
	}

	@Test
	void destroyAllForUserCanKeepTheCurrentSession() {
		standalone().run((context) -> {
			SessionStore store = SessionTesting.store(context);
			Session current = store.create("frank");
			store.create("frank");
			store.create("frank");
			Session other = store.create("grace");
			assertThat(store.destroyAllForUser("frank", current.id())).isEqualTo(2);
			assertThat(store.findByUser("frank")).extracting(Session::id).containsExactly(current.id());
			assertThat(store.destroyAllForUser("frank")).isEqualTo(1);
			assertThat(store.isOnline("frank")).isFalse();
			assertThat(store.find(current.id())).isEmpty();
			assertThat(store.find(other.id())).isPresent();
			assertThat(store.destroyAllForUser("nobody")).isZero();
			SessionTesting.EventRecorder recorder = context.getBean(SessionTesting.EventRecorder.class);
			assertThat(recorder.of(SessionDestroyedEvent.class)).hasSize(3)
				.allSatisfy((event) -> assertThat(event.userId()).isEqualTo("frank"));
		});
	}

	@Test
	void indexIsPrunedOnWriteAndExpiresWithItsLastSession() {
		standalone().run((context) -> {
			SessionStore store = SessionTesting.store(context);
			StringRedisTemplate redis = SessionTesting.redis(context);
			SessionOptions brief = SessionOptions.defaults().withIdleTimeout(Duration.ofSeconds(1));
			Session shortLived = store.create("henry", Map.of(), brief);
			Session longLived = store.create("henry");
			String index = SessionTesting.indexKey(this.prefix, shortLived.id());
			Thread.sleep(1500);
			Session later = store.create("henry");
			assertThat(redis.opsForZSet().range(index, 0, -1))
				.containsExactlyInAnyOrder(SessionTesting.secret(longLived.id()), SessionTesting.secret(later.id()));
			store.destroyAllForUser("henry");
			for (int i = 0; i < 3; i++) {
				store.create("ivy", Map.of(), brief);
			}
			Thread.sleep(1500);
			// Nothing was written since: the index expired on its own with its last
			// member, and only the user's slot token remains, with a bounded TTL. The
			// online users' versions are one shared key kept a minute after the last
			// change (late presence updates must find them), not a per-user leftover.
			assertThat(redis.keys(this.prefix + ":session:{*"))
				.containsExactly(this.prefix + ":session:{presence}:online-versions");
			assertThat(redis.keys(this.prefix + ":session:*")).containsExactlyInAnyOrder(
					this.prefix + ":session:user:henry", this.prefix + ":session:user:ivy",
					this.prefix + ":session:{presence}:online-versions");
			assertThat(redis.getExpire(this.prefix + ":session:user:ivy", TimeUnit.SECONDS)).isBetween(1L,
					Duration.ofHours(12).plusMinutes(1).toSeconds());
		});
	}

	@Test
	void maxPerUserEvictsTheSessionsThatExpireFirst() {
		standalone("redis.session.max-per-user=2").run((context) -> {
			SessionStore store = SessionTesting.store(context);
			Session first = store.create("judy");
			Thread.sleep(5);
			Session second = store.create("judy");
			Thread.sleep(5);
			store.extend(first.id(), Duration.ofHours(1));
			Session third = store.create("judy");
			assertThat(store.findByUser("judy")).extracting(Session::id)
				.containsExactlyInAnyOrder(first.id(), third.id());
			assertThat(store.find(second.id())).isEmpty();
			SessionTesting.EventRecorder recorder = context.getBean(SessionTesting.EventRecorder.class);
			assertThat(recorder.of(SessionEvictedEvent.class))
				.containsExactly(new SessionEvictedEvent(second.id(), "judy"));
			assertThat(context.getBean(MeterRegistry.class).counter("redis.session.evictions").count()).isEqualTo(1);
		});
	}

	@Test
	void maxPerUserCanRefuse() {
		standalone("redis.session.max-per-user=1", "redis.session.limit-policy=refuse").run((context) -> {
			SessionStore store = SessionTesting.store(context);
			Session first = store.create("kim");
			assertThatExceptionOfType(SessionLimitExceededException.class).isThrownBy(() -> store.create("kim"))
				.satisfies((ex) -> assertThat(ex.maxPerUser()).isEqualTo(1));
			assertThat(store.findByUser("kim")).extracting(Session::id).containsExactly(first.id());
			store.destroy(first.id());
			assertThat(store.create("kim")).isNotNull();
		});
	}

	@Test
	void presenceGaugesCountLiveSessionsAndOnlineUsers() {
		standalone().run((context) -> {
			SessionStore store = SessionTesting.store(context);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			Session one = store.create("leo");
			store.create("mia");
			store.create("mia", Map.of(), SessionOptions.defaults().withIdleTimeout(Duration.ofSeconds(1)));
			assertThat(meters.get("redis.session.active").gauge().value()).isEqualTo(3);
			assertThat(meters.get("redis.session.online.users").gauge().value()).isEqualTo(2);
			store.destroy(one.id());
			Thread.sleep(1500);
			assertThat(meters.get("redis.session.active").gauge().value()).isEqualTo(1);
			assertThat(meters.get("redis.session.online.users").gauge().value()).isEqualTo(1);
		});
	}

	@Test
	void badUserIdsAreRejectedWithTheKeyRules() {
		standalone().run((context) -> {
			SessionStore store = SessionTesting.store(context);
			assertThatExceptionOfType(InvalidKeyPartException.class).isThrownBy(() -> store.create(""));
			assertThatExceptionOfType(InvalidKeyPartException.class).isThrownBy(() -> store.create("a\nb"));
		});
	}

	@Test
	void unknownWellFormedIdIsNotFound() {
		standalone().run((context) -> {
			SessionStore store = SessionTesting.store(context);
			String id = SessionIds.id(SessionIds.newSlotToken(), SessionIds.newSecret());
			assertThat(store.find(id)).isEmpty();
			assertThat(store.touch(id)).isFalse();
			assertThat(store.update(id, SessionChanges.set("a", 1))).isFalse();
			assertThat(store.extend(id, Duration.ofMinutes(1))).isEqualTo(Optional.empty());
			assertThat(store.destroy(id)).isFalse();
			assertThat(SessionTesting.redis(context).keys(this.prefix + ":*")).isEmpty();
		});
	}

	@Test
	void typicalSessionTakesLessThanAKilobyteOfRedisMemory() {
		standalone().run((context) -> {
			SessionStore store = SessionTesting.store(context);
			SessionOptions options = SessionOptions.defaults()
				.withMetadata(SessionOptions.USER_AGENT,
						"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
								+ "Chrome/130.0.0.0 Safari/537.36")
				.withMetadata(SessionOptions.IP_ADDRESS, "203.0.113.42");
			Map<String, Object> attributes = Map.of("roles", List.of("USER", "EDITOR"), "locale", "en-GB", "csrf",
					"3f9a1c2e7b4d4e0f9a8b7c6d5e4f3a2b");
			Session session = store.create("user-1234567", attributes, options);
			StringRedisTemplate redis = SessionTesting.redis(context);
			long hash = memoryUsage(redis, SessionTesting.sessionKey(this.prefix, session.id()));
			long index = memoryUsage(redis, SessionTesting.indexKey(this.prefix, session.id()));
			long slot = memoryUsage(redis, this.prefix + ":session:user:user-1234567");
			Session compact = store.create("user-7654321", attributes,
					SessionOptions.defaults().withMetadata(SessionOptions.IP_ADDRESS, "203.0.113.42"));
			long compactHash = memoryUsage(redis, SessionTesting.sessionKey(this.prefix, compact.id()));
			long active = memoryUsage(redis, this.prefix + ":session:{presence}:active");
			System.out.printf(
					"MEMORY USAGE of a typical session: hash %d B (%d B without the User-Agent), user index %d B, "
							+ "slot token %d B, active set with 2 sessions %d B%n",
					hash, compactHash, index, slot, active);
			// A value over hash-max-listpack-value (64 bytes), like a browser's
			// User-Agent, turns the hash from a listpack into a hash table.
			assertThat(hash).isLessThan(1536);
			assertThat(compactHash).isLessThan(512);
			assertThat(index + slot).isLessThan(512);
		});
	}

	private static long memoryUsage(StringRedisTemplate redis, String key) {
		Long usage = redis.execute(RedisScript.of("return redis.call('MEMORY', 'USAGE', KEYS[1])", Long.class),
				List.of(key));
		return (usage != null) ? usage : 0;
	}

}
