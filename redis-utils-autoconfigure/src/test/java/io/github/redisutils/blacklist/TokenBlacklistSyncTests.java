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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsBlacklistAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsBlacklistHealthContributorAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsHealthContributorAutoConfiguration;
import io.github.redisutils.actuate.RedisHealthContributor;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.github.redisutils.test.StandaloneRedis;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application contexts with local caches, standing for two instances: what one
 * revokes, the other rejects within a bound, also across a lost subscription.
 *
 * @author redis-utils authors
 */
class TokenBlacklistSyncTests {

	/**
	 * Generous for a shared 2-core machine; the target on loopback is 100 ms, and the
	 * measured delays are printed.
	 */
	private static final Duration BOUND = Duration.ofSeconds(2);

	/**
	 * Time Lettuce may take to see the socket of a killed server close.
	 */
	private static final Duration KILL_NOTICED = Duration.ofMillis(100);

	private final String prefix = "sync-" + UUID.randomUUID().toString().substring(0, 8);

	private ApplicationContextRunner instance(String... redisProperties) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					RedisUtilsAutoConfiguration.class, RedisUtilsBlacklistAutoConfiguration.class,
					RedisUtilsHealthContributorAutoConfiguration.class,
					RedisUtilsBlacklistHealthContributorAutoConfiguration.class))
			.withPropertyValues(redisProperties)
			.withPropertyValues("redis.key-prefix=" + this.prefix, "spring.data.redis.timeout=2s",
					"redis.token-blacklist.local-cache.time-to-live=10m");
	}

	@Test
	void revocationOnOneInstanceIsRejectedByTheOtherWithinTheBound() {
		StandaloneRedis redis = RedisServers.standalone();
		instance(redis.springProperties()).run((a) -> instance(redis.springProperties()).run((b) -> {
			awaitSubscribed(a);
			awaitSubscribed(b);
			TokenBlacklist onA = a.getBean(TokenBlacklist.class);
			TokenBlacklist onB = b.getBean(TokenBlacklist.class);
			List<Long> delays = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				TokenDescriptor token = token("p-" + i, "user-" + i);
				assertThat(onB.isRevoked(token)).isFalse();
				assertThat(onB.isRevoked(token)).isFalse();
				long start = System.nanoTime();
				onA.revoke(token.tokenId(), token.expiresAt());
				await(() -> onB.isRevoked(token), "B rejects " + token.tokenId());
				delays.add((System.nanoTime() - start) / 1000);
			}
			System.out.println("Revocation reached the other instance after (microseconds): " + delays);
			assertThat(b.getBean(LocalRevocationCache.class).status().hits()).isPositive();
		}));
	}

	@Test
	void perUserRevocationAndRestorationReachTheOtherInstance() {
		StandaloneRedis redis = RedisServers.standalone();
		instance(redis.springProperties()).run((a) -> instance(redis.springProperties()).run((b) -> {
			awaitSubscribed(a);
			awaitSubscribed(b);
			TokenBlacklist onA = a.getBean(TokenBlacklist.class);
			TokenBlacklist onB = b.getBean(TokenBlacklist.class);
			TokenDescriptor token = token("u-1", "zoe");
			assertThat(onB.isRevoked(token)).isFalse();
			onA.revokeAllForUser("zoe");
			await(() -> onB.isRevoked(token), "B rejects zoe's token");
			onA.restoreUser("zoe");
			await(() -> !onB.isRevoked(token), "B accepts zoe's token again");
			onA.revoke("u-1", token.expiresAt());
			await(() -> onB.isRevoked(token), "B rejects u-1");
			onA.restore("u-1");
			await(() -> !onB.isRevoked(token), "B accepts u-1 again");
		}));
	}

	@Test
	void revocationWhileTheSubscriptionIsCutIsStillRejectedAfterReconnecting() throws Exception {
		StandaloneRedis redis = RedisServers.standalone();
		try (CuttableProxy proxy = new CuttableProxy(redis.host(), redis.port())) {
			String[] viaProxy = { "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + proxy.port() };
			instance(redis.springProperties()).run((a) -> instance(viaProxy).run((b) -> {
				awaitSubscribed(a);
				awaitSubscribed(b);
				TokenBlacklist onA = a.getBean(TokenBlacklist.class);
				TokenBlacklist onB = b.getBean(TokenBlacklist.class);
				LocalRevocationCache cacheB = b.getBean(LocalRevocationCache.class);
				TokenDescriptor token = token("cut-1", "yan");
				assertThat(onB.isRevoked(token)).isFalse();
				assertThat(onB.isRevoked(token)).isFalse();
				assertThat(cacheB.status().hits()).isPositive();

				proxy.cutSubscriptions();
				await(() -> !cacheB.status().subscribed(), "B notices the lost subscription");
				assertThat(health(b).getDetails()).containsKey("warning");
				onA.revoke("cut-1", token.expiresAt());
				// The message is lost, but B asks Redis while unsubscribed.
				assertThat(onB.isRevoked(token)).isTrue();

				proxy.heal();
				// Lettuce's reconnect back-off grew while connections were refused.
				await(() -> cacheB.status().subscribed(), "B subscribes again", Duration.ofSeconds(40));
				assertThat(cacheB.status().resubscriptions()).isEqualTo(1);
				assertThat(onB.isRevoked(token)).isTrue();
				assertThat(onB.isRevoked(token)).isTrue();
				assertThat(health(b).getDetails()).doesNotContainKey("warning");
			}));
		}
	}

	@Test
	void aTokenCachedAsValidIsNeverAnsweredFromMemoryOnceRedisIsKilled() throws Exception {
		DedicatedRedis redis = RedisServers.dedicated();
		instance(redis.springProperties())
			.withPropertyValues("redis.token-blacklist.on-failure=closed", "spring.data.redis.timeout=200ms")
			.run((a) -> {
				awaitSubscribed(a);
				TokenBlacklist blacklist = a.getBean(TokenBlacklist.class);
				LocalRevocationCache cache = a.getBean(LocalRevocationCache.class);
				TokenDescriptor token = token("kill-1", "vic");
				assertThat(blacklist.isRevoked(token)).isFalse();
				assertThat(blacklist.isRevoked(token)).isFalse();
				long hitsBefore = cache.status().hits();
				assertThat(hitsBefore).isPositive();

				// Checks run all along, as under load; the server is killed meanwhile.
				AtomicLong validAfterKill = new AtomicLong();
				AtomicLong checks = new AtomicLong();
				AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
				long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
				Thread checker = new Thread(() -> {
					while (System.nanoTime() < end) {
						boolean revoked = blacklist.isRevoked(token);
						// Not from the local copy: once Lettuce had a moment to see the
						// socket close, Redis is asked, fails, and the policy answers.
						if (!revoked && System.nanoTime() - killedAt.get() > KILL_NOTICED.toNanos()) {
							validAfterKill.incrementAndGet();
						}
						checks.incrementAndGet();
					}
				});
				checker.start();
				LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
				// kill -9: the connection drops at once and Lettuce reports it.
				redis.stop();
				killedAt.set(System.nanoTime());
				checker.join();
				System.out.println("Checks during the kill test: " + checks + ", answered valid after the kill: "
						+ validAfterKill);
				assertThat(validAfterKill).hasValue(0);
				assertThat(cache.status().subscribed()).isFalse();
				assertThat(cache.size()).isZero();
				long hitsAfterOutage = cache.status().hits();
				assertThat(blacklist.isRevoked(token)).isTrue();
				assertThat(cache.status().hits()).isEqualTo(hitsAfterOutage);

				redis.start();
				await(() -> cache.status().subscribed(), "subscribed again", Duration.ofSeconds(30));
				// The shared connection reconnects on Lettuce's own back-off.
				await(() -> !blacklist.isRevoked(token), "valid again once Redis answers", Duration.ofSeconds(30));
			});
	}

	@Test
	void healthShowsTheSyncState() {
		StandaloneRedis redis = RedisServers.standalone();
		instance(redis.springProperties()).run((a) -> {
			awaitSubscribed(a);
			a.getBean(TokenBlacklist.class).revoke("h-1", Instant.now().plusSeconds(30));
			await(() -> a.getBean(LocalRevocationCache.class).status().lastMessage() != null, "a message arrives");
			Health health = health(a);
			assertThat(health.getStatus().getCode()).isEqualTo("UP");
			assertThat(health.getDetails()).containsEntry("onFailure", "closed").containsEntry("failedChecks", 0L);
			assertThat(health.getDetails().get("localCache").toString()).contains("subscribed=true")
				.contains("lastMessage=20");
		});
	}

	private static Health health(AssertableApplicationContext context) {
		RedisHealthContributor redis = context.getBean(RedisHealthContributor.class);
		return ((HealthIndicator) redis.getContributor("token-blacklist")).health();
	}

	private static void awaitSubscribed(AssertableApplicationContext context) {
		LocalRevocationCache cache = context.getBean(LocalRevocationCache.class);
		// Connecting is not what is measured: the first connection of a JVM is slow.
		await(() -> cache.status().subscribed(), "the subscription", Duration.ofSeconds(15));
	}

	private static void await(BooleanSupplier condition, String what) {
		await(condition, what, BOUND);
	}

	private static void await(BooleanSupplier condition, String what, Duration bound) {
		long deadline = System.nanoTime() + bound.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Not within " + bound.toMillis() + " ms: " + what);
			}
			LockSupport.parkNanos(100_000);
		}
	}

	private static TokenDescriptor token(String id, String subject) {
		Instant now = Instant.now();
		return new TokenDescriptor(id, subject, now.minusSeconds(60), now.plusSeconds(600));
	}

}
