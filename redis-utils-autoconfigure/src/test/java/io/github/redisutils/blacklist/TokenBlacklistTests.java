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
package io.github.redisutils.blacklist;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsBlacklistAutoConfiguration;
import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisEndpoint;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Contract of {@link TokenBlacklist} against a real Redis, with the local cache off (so
 * every answer comes from Redis) unless a test says otherwise.
 *
 * @author redis-utils authors
 */
class TokenBlacklistTests {

	private final String prefix = "bl-" + UUID.randomUUID().toString().substring(0, 8);

	private ApplicationContextRunner runner(RedisEndpoint redis, String... properties) {
		return runner(redis.springProperties(), properties);
	}

	private ApplicationContextRunner runner(String[] redisProperties, String... properties) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					RedisUtilsAutoConfiguration.class, RedisUtilsBlacklistAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues(redisProperties)
			.withPropertyValues("redis.key-prefix=" + this.prefix, "redis.token-blacklist.local-cache.enabled=false")
			.withPropertyValues(properties);
	}

	private ApplicationContextRunner standalone(String... properties) {
		return runner(RedisServers.standalone(), properties);
	}

	@Test
	void revokedTokenLivesInRedisUntilItExpires() {
		standalone().run((context) -> {
			TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
			assertThat(blacklist.isRevoked("t-1")).isFalse();
			assertThat(blacklist.revoke("t-1", Instant.now().plusSeconds(120))).isTrue();
			assertThat(blacklist.isRevoked("t-1")).isTrue();
			long ttl = redis(context).getExpire(this.prefix + ":blacklist:token:t-1", TimeUnit.MILLISECONDS);
			assertThat(ttl).isCloseTo(120_000, within(5_000L));
		});
	}

	@Test
	void revocationDisappearsWhenTheTokenExpires() {
		standalone().run((context) -> {
			TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
			assertThat(blacklist.revoke("short", Instant.now().plusMillis(300))).isTrue();
			assertThat(blacklist.isRevoked("short")).isTrue();
			Thread.sleep(600);
			assertThat(blacklist.isRevoked("short")).isFalse();
			assertThat(redis(context).hasKey(this.prefix + ":blacklist:token:short")).isFalse();
		});
	}

	@Test
	void idsAndSubjectsThatCannotBeKeyPartsAreHashedNotRejected() {
		standalone().run((context) -> {
			TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
			String longId = "j".repeat(600);
			String oddSubject = "user\u0001with-control";
			assertThat(blacklist.revoke(longId, Instant.now().plusSeconds(60))).isTrue();
			assertThat(blacklist.isRevoked(longId)).isTrue();
			assertThat(blacklist.isRevoked(TokenDescriptor.ofId("j".repeat(599)))).isFalse();
			blacklist.revokeAllForUser(oddSubject);
			assertThat(blacklist.isRevoked(new TokenDescriptor("other", oddSubject, Instant.now().minusSeconds(5),
					Instant.now().plusSeconds(60))))
				.isTrue();
			assertThat(redis(context).keys(this.prefix + ":blacklist:*"))
				.allSatisfy((key) -> assertThat(key).contains("#sha256:"));
		});
	}

	@Test
	void alreadyExpiredTokenIsANoOp() {
		standalone().run((context) -> {
			TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
			assertThat(blacklist.revoke("old", Instant.now().minusSeconds(1))).isFalse();
			assertThat(blacklist.isRevoked("old")).isFalse();
			assertThat(redis(context).keys(this.prefix + ":*")).isEmpty();
		});
	}

	@Test
	void revokeTokenStoresTheJtiUntilExpNeverTheRawToken() {
		standalone().run((context) -> {
			TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
			Instant now = Instant.now();
			String jwt = TestJwts.sign("jti-42", "alice", now, now.plusSeconds(300));
			assertThat(blacklist.revokeToken(jwt)).isTrue();
			assertThat(blacklist.isRevoked("jti-42")).isTrue();
			assertThat(blacklist.isTokenRevoked(jwt)).isTrue();
			Set<String> keys = redis(context).keys(this.prefix + ":*");
			assertThat(keys).containsExactly(this.prefix + ":blacklist:token:jti-42");
			assertThat(redis(context).getExpire(keys.iterator().next(), TimeUnit.SECONDS)).isBetween(290L, 300L);
			assertThat(redis(context).opsForValue().get(keys.iterator().next())).isEqualTo("1");
		});
	}

	@Test
	void opaqueTokensAndJwtsWithoutJtiAreStoredByTheirHash() {
		standalone().run((context) -> {
			TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
			String opaque = "opaque-" + UUID.randomUUID();
			Instant now = Instant.now();
			String jwtWithoutId = TestJwts.sign(null, "bob", now, now.plusSeconds(60));
			assertThat(blacklist.revokeToken(opaque, now.plusSeconds(60))).isTrue();
			assertThat(blacklist.revokeToken(jwtWithoutId)).isTrue();
			assertThat(blacklist.isTokenRevoked(opaque)).isTrue();
			assertThat(blacklist.isTokenRevoked(jwtWithoutId)).isTrue();
			assertThat(blacklist.isTokenRevoked("another-opaque")).isFalse();
			assertThat(redis(context).keys(this.prefix + ":*")).containsExactlyInAnyOrder(
					this.prefix + ":blacklist:token:" + TokenDescriptor.hash(opaque),
					this.prefix + ":blacklist:token:" + TokenDescriptor.hash(jwtWithoutId));
		});
	}

	@Test
	void opaqueTokenWithoutKnownExpiryIsKeptForTheLongestTokenLifetime() {
		standalone("redis.token-blacklist.max-token-lifetime=2h").run((context) -> {
			TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
			assertThat(blacklist.revokeToken("opaque-without-expiry")).isTrue();
			String key = this.prefix + ":blacklist:token:" + TokenDescriptor.hash("opaque-without-expiry");
			assertThat(redis(context).getExpire(key, TimeUnit.SECONDS)).isBetween(7190L, 7200L);
		});
	}

	@Test
	void revokeAllForUserRevokesTokensIssuedUpToTheSecondOfRevocation() {
		standalone("redis.token-blacklist.max-token-lifetime=1h").run((context) -> {
			TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
			Instant notBefore = blacklist.revokeAllForUser("carol");
			Instant revocationSecond = notBefore.minusSeconds(1);
			assertThat(notBefore.getNano()).isZero();
			assertThat(notBefore).isBetween(Instant.now().minusSeconds(5), Instant.now().plusSeconds(5));
			assertThat(blacklist.isRevoked(token("a", "carol", revocationSecond.minusSeconds(30)))).isTrue();
			// Same second as the revocation: revoked, even if issued a moment after it.
			assertThat(blacklist.isRevoked(token("b", "carol", revocationSecond.plusMillis(999)))).isTrue();
			assertThat(blacklist.isRevoked(token("c", "carol", notBefore))).isFalse();
			assertThat(blacklist.isRevoked(token("d", "dave", revocationSecond.minusSeconds(30)))).isFalse();
			// Without iat a token cannot prove it is newer.
			assertThat(blacklist.isRevoked(new TokenDescriptor("e", "carol", null, null))).isTrue();
			// By id alone, per-user revocation is not visible.
			assertThat(blacklist.isRevoked("a")).isFalse();
			long ttl = redis(context).getExpire(this.prefix + ":blacklist:user:carol", TimeUnit.MILLISECONDS);
			assertThat(ttl).isCloseTo(3_601_000, within(5_000L));
		});
	}

	@Test
	void theLatestNotBeforeWinsAndRestoreUserLiftsIt() {
		standalone().run((context) -> {
			TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
			StringRedisTemplate redis = redis(context);
			String key = this.prefix + ":blacklist:user:erin";
			long future = Instant.now().plusSeconds(3600).getEpochSecond();
			redis.opsForValue().set(key, Long.toString(future));
			assertThat(blacklist.revokeAllForUser("erin")).isEqualTo(Instant.ofEpochSecond(future));
			assertThat(redis.opsForValue().get(key)).isEqualTo(Long.toString(future));
			redis.delete(key);
			Instant first = blacklist.revokeAllForUser("erin");
			Thread.sleep(1100);
			Instant second = blacklist.revokeAllForUser("erin");
			assertThat(second).isAfter(first);
			assertThat(redis.opsForValue().get(key)).isEqualTo(Long.toString(second.getEpochSecond()));
			assertThat(blacklist.isRevoked(token("x", "erin", first.plusMillis(10)))).isTrue();
			assertThat(blacklist.restoreUser("erin")).isTrue();
			assertThat(blacklist.restoreUser("erin")).isFalse();
			assertThat(blacklist.isRevoked(token("x", "erin", first.plusMillis(10)))).isFalse();
		});
	}

	@Test
	void restoreLiftsARevocation() {
		standalone().run((context) -> {
			TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
			blacklist.revoke("r-1", Instant.now().plusSeconds(60));
			assertThat(blacklist.restore("r-1")).isTrue();
			assertThat(blacklist.restore("r-1")).isFalse();
			assertThat(blacklist.isRevoked("r-1")).isFalse();
		});
	}

	@Test
	void checksAndRevocationsAreCounted() {
		standalone().run((context) -> {
			TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			blacklist.revoke("m-1", Instant.now().plusSeconds(60));
			blacklist.revokeAllForUser("mia");
			blacklist.isRevoked("m-1");
			blacklist.isRevoked("m-2");
			blacklist.isRevoked("m-3");
			assertThat(meters.get("redis.token.blacklist.checks").tag("outcome", "revoked").counter().count())
				.isEqualTo(1);
			assertThat(meters.get("redis.token.blacklist.checks").tag("outcome", "valid").counter().count())
				.isEqualTo(2);
			assertThat(meters.get("redis.token.blacklist.revocations").tag("scope", "token").counter().count())
				.isEqualTo(1);
			assertThat(meters.get("redis.token.blacklist.revocations").tag("scope", "user").counter().count())
				.isEqualTo(1);
		});
	}

	@Test
	void clusterChecksBothKeysAcrossSlotsAndRunsTheScripts() {
		runner(RedisServers.cluster().springProperties()).run((context) -> {
			TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
			Instant now = Instant.now();
			assertThat(blacklist.isRevoked(token("k-1", "frank", now.minusSeconds(10)))).isFalse();
			assertThat(blacklist.revoke("k-1", now.plusSeconds(60))).isTrue();
			assertThat(blacklist.isRevoked(token("k-1", "frank", now.minusSeconds(10)))).isTrue();
			assertThat(blacklist.isRevoked(token("k-2", "frank", now.minusSeconds(10)))).isFalse();
			blacklist.revokeAllForUser("frank");
			assertThat(blacklist.isRevoked(token("k-2", "frank", now.minusSeconds(10)))).isTrue();
			assertThat(blacklist.restoreUser("frank")).isTrue();
			assertThat(blacklist.restore("k-1")).isTrue();
			assertThat(blacklist.isRevoked(token("k-1", "frank", now.minusSeconds(10)))).isFalse();
		});
	}

	@Test
	void reactiveBlacklistSharesTheSameRevocations() {
		standalone().run((context) -> {
			TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
			ReactiveTokenBlacklist reactive = context.getBean(ReactiveTokenBlacklist.class);
			Instant now = Instant.now();
			assertThat(reactive.revoke("rx-1", now.plusSeconds(60)).block()).isTrue();
			assertThat(blacklist.isRevoked("rx-1")).isTrue();
			assertThat(reactive.isRevoked(TokenDescriptor.ofId("rx-1")).block()).isTrue();
			assertThat(reactive.isRevoked(token("rx-2", "gina", now.minusSeconds(5))).block()).isFalse();
			Instant notBefore = reactive.revokeAllForUser("gina").block();
			assertThat(notBefore).isNotNull();
			assertThat(reactive.isRevoked(token("rx-2", "gina", now.minusSeconds(5))).block()).isTrue();
			assertThat(reactive.restoreUser("gina").block()).isTrue();
			assertThat(reactive.restore("rx-1").block()).isTrue();
			assertThat(reactive.revoke("rx-3", now.minusSeconds(1)).block()).isFalse();
			assertThat(reactive.revokeToken(TestJwts.sign("rx-4", "gina", now, now.plusSeconds(60))).block()).isTrue();
			assertThat(blacklist.isRevoked("rx-4")).isTrue();
		});
	}

	@Test
	void reactiveBlacklistWorksOnCluster() {
		runner(RedisServers.cluster().springProperties()).run((context) -> {
			ReactiveTokenBlacklist reactive = context.getBean(ReactiveTokenBlacklist.class);
			Instant now = Instant.now();
			reactive.revokeAllForUser("hank").block();
			assertThat(reactive.isRevoked(token("c-1", "hank", now.minusSeconds(5))).block()).isTrue();
			assertThat(reactive.isRevoked(token("c-1", "ivan", now.minusSeconds(5))).block()).isFalse();
		});
	}

	@Test
	void redisDownFailsClosedByDefaultAndCountsTheFailure() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			runner(redis, "spring.data.redis.timeout=500ms").run((context) -> {
				TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
				ReactiveTokenBlacklist reactive = context.getBean(ReactiveTokenBlacklist.class);
				assertThat(blacklist.isRevoked("down-1")).isFalse();
				redis.stop();
				long start = System.nanoTime();
				assertThat(blacklist.isRevoked("down-1")).isTrue();
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
				assertThat(reactive.isRevoked(TokenDescriptor.ofId("down-1")).block(Duration.ofSeconds(5))).isTrue();
				assertThatExceptionOfType(RedisUnavailableException.class)
					.isThrownBy(() -> blacklist.revoke("down-2", Instant.now().plusSeconds(60)));
				TokenBlacklistMonitor monitor = context.getBean(TokenBlacklistMonitor.class);
				assertThat(monitor.failures()).isEqualTo(2);
				assertThat(monitor.lastError()).isNotBlank();
				assertThat(context.getBean(MeterRegistry.class)
					.get("redis.token.blacklist.checks")
					.tag("outcome", "error")
					.counter()
					.count()).isEqualTo(2);
			});
		}
	}

	@Test
	void redisDownFailsOpenWhenConfigured() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			runner(redis, "spring.data.redis.timeout=500ms", "redis.token-blacklist.on-failure=open").run((context) -> {
				TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
				blacklist.revoke("open-1", Instant.now().plusSeconds(60));
				redis.stop();
				assertThat(blacklist.isRevoked("open-1")).isFalse();
				assertThat(context.getBean(ReactiveTokenBlacklist.class)
					.isRevoked(TokenDescriptor.ofId("open-1"))
					.block(Duration.ofSeconds(5))).isFalse();
				assertThat(context.getBean(TokenBlacklistMonitor.class).failures()).isEqualTo(2);
			});
		}
	}

	@Test
	void concurrentRevocationsAndChecksFromSeveralInstancesAgree() throws Exception {
		List<String> revoked = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			revoked.add("c-" + i);
		}
		Set<String> wronglyValid = ConcurrentHashMap.newKeySet();
		standalone("redis.token-blacklist.local-cache.enabled=true")
			.run((first) -> standalone("redis.token-blacklist.local-cache.enabled=true").run((second) -> {
				List<TokenBlacklist> instances = List.of(first.getBean(TokenBlacklist.class),
						second.getBean(TokenBlacklist.class));
				ExecutorService pool = Executors.newFixedThreadPool(8);
				try {
					CountDownLatch start = new CountDownLatch(1);
					List<Future<?>> tasks = new ArrayList<>();
					for (int t = 0; t < 8; t++) {
						TokenBlacklist mine = instances.get(t % 2);
						int offset = t;
						tasks.add(pool.submit(() -> {
							start.await();
							for (int i = offset; i < revoked.size(); i += 8) {
								String id = revoked.get(i);
								mine.isRevoked(id);
								mine.revoke(id, Instant.now().plusSeconds(60));
								for (TokenBlacklist instance : instances) {
									if (!instance.isRevoked(id)) {
										// Another instance may see it a moment later
										// (pub/sub),
										// but the revoking instance must see it at once.
										if (instance == mine) {
											wronglyValid.add(id);
										}
									}
								}
							}
							return null;
						}));
					}
					start.countDown();
					for (Future<?> task : tasks) {
						task.get(60, TimeUnit.SECONDS);
					}
				}
				finally {
					pool.shutdownNow();
				}
				assertThat(wronglyValid).isEmpty();
				long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
				for (TokenBlacklist instance : instances) {
					for (String id : revoked) {
						while (!instance.isRevoked(id) && System.nanoTime() < deadline) {
							Thread.sleep(5);
						}
						assertThat(instance.isRevoked(id)).as(id).isTrue();
					}
				}
			}));
	}

	private static TokenDescriptor token(String id, String subject, Instant issuedAt) {
		return new TokenDescriptor(id, subject, issuedAt, issuedAt.plusSeconds(600));
	}

	private static StringRedisTemplate redis(AssertableApplicationContext context) {
		return new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
	}

}
