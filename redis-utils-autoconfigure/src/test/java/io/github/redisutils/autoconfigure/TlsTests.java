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

package io.github.redisutils.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.redisutils.blacklist.LocalRevocationCache;
import io.github.redisutils.blacklist.TokenBlacklist;
import io.github.redisutils.core.SentinelPrimaryWatcher;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.lock.LockHandle;
import io.github.redisutils.pubsub.RedisPubSub;
import io.github.redisutils.queue.JobHandlers;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.ratelimit.RateLimitOutcome;
import io.github.redisutils.ratelimit.RateLimiter;
import io.github.redisutils.ratelimit.RateLimiterRegistry;
import io.github.redisutils.session.Session;
import io.github.redisutils.session.SessionStore;
import io.github.redisutils.test.ClusterRedis;
import io.github.redisutils.test.RedisServers;
import io.github.redisutils.test.SentinelRedis;
import io.github.redisutils.test.StandaloneRedis;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every feature over TLS, on each topology kind, configured only through
 * {@code spring.data.redis.ssl.*} and a Spring Boot SSL bundle: two full applications
 * (every auto-configuration, actuator health) against servers that listen with TLS only
 * ({@code port 0}), so nothing can fall back to plain TCP. The Sentinel topology runs its
 * replication and Sentinel connections over TLS, the Cluster its bus.
 *
 * @author redis-utils authors
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsTests {

	@Nested
	class Standalone {

		@Test
		void everyFeatureWorksOverTls(CapturedOutput output) throws Exception {
			StandaloneRedis redis = RedisServers.standaloneTls();
			everyFeature(redis.springProperties(), output, (context) -> {
			});
		}

	}

	@Nested
	class Sentinel {

		@Test
		void everyFeatureWorksOverTlsAndTheWatcherFollowsThePrimaryOverTls(CapturedOutput output) throws Exception {
			SentinelRedis redis = RedisServers.sentinelTls();
			everyFeature(redis.springProperties(), output, (context) -> {
				SentinelPrimaryWatcher watcher = context.getBean(SentinelPrimaryWatcher.class);
				await(() -> redis.primary().toString().equals(watcher.primary()),
						"the primary watcher to ask the Sentinel over TLS");
			});
		}

	}

	@Nested
	class Cluster {

		@Test
		void everyFeatureWorksOverTls(CapturedOutput output) throws Exception {
			ClusterRedis redis = RedisServers.clusterTls();
			everyFeature(redis.springProperties(), output, (context) -> {
			});
		}

	}

	/**
	 * Starts two instances of the application and runs every feature across them.
	 */
	private static void everyFeature(String[] redis, CapturedOutput output, TopologyCheck topologyCheck)
			throws Exception {
		String prefix = "tls-" + UUID.randomUUID().toString().substring(0, 8);
		long started = System.nanoTime();
		try (ConfigurableApplicationContext a = start(redis, prefix);
				ConfigurableApplicationContext b = start(redis, prefix)) {
			assertThat(((LettuceConnectionFactory) a.getBean(RedisConnectionFactory.class)).getClientConfiguration()
				.isUseSsl()).isTrue();
			cache(a, b);
			locks(a, b);
			rateLimit(a, b);
			sessions(a, b);
			blacklist(a, b);
			pubSub(a, b);
			reliablePubSub(a, b);
			queue(a);
			topologyCheck.check(a);
			health(a);
			health(b);
		}
		System.out.println("Every feature over TLS, two instances (ms): " + (System.nanoTime() - started) / 1_000_000);
		assertThat(output.getAll()).doesNotContainPattern("(?m)^\\S+\\s+(WARN|ERROR) .*io\\.github\\.redisutils");
	}

	private static ConfigurableApplicationContext start(String[] redis, String prefix) {
		return new SpringApplicationBuilder(TlsApplication.class).web(WebApplicationType.NONE)
			.properties(redis)
			.properties("spring.main.banner-mode=off", "spring.data.redis.timeout=2s", "redis.key-prefix=" + prefix,
					"redis.cache.cache-names=products", "redis.rate-limit.policies.api.limit=2",
					"redis.rate-limit.policies.api.window=1m", "redis.queue.queues.mail.concurrency=1",
					"redis.token-blacklist.local-cache.time-to-live=10m",
					"management.endpoint.health.show-details=always")
			.run();
	}

	private static void cache(ConfigurableApplicationContext a, ConfigurableApplicationContext b) {
		Cache onA = a.getBean(CacheManager.class).getCache("products");
		Cache onB = b.getBean(CacheManager.class).getCache("products");
		onA.put("p1", "tea");
		assertThat(onB.get("p1", String.class)).isEqualTo("tea");
		onB.evict("p1");
		assertThat(onA.get("p1", String.class)).isNull();
	}

	private static void locks(ConfigurableApplicationContext a, ConfigurableApplicationContext b) {
		DistributedLocks onA = a.getBean(DistributedLocks.class);
		DistributedLocks onB = b.getBean(DistributedLocks.class);
		LockHandle held = onA.tryAcquire("stock", Duration.ZERO).orElseThrow();
		assertThat(onB.tryAcquire("stock", Duration.ZERO)).isEmpty();
		held.release();
		Optional<LockHandle> next = onB.tryAcquire("stock", Duration.ofSeconds(2));
		assertThat(next).isPresent();
		assertThat(next.get().fencingToken()).isGreaterThan(held.fencingToken());
		next.get().release();
	}

	private static void rateLimit(ConfigurableApplicationContext a, ConfigurableApplicationContext b) {
		RateLimiter onA = a.getBean(RateLimiterRegistry.class).limiter("api");
		RateLimiter onB = b.getBean(RateLimiterRegistry.class).limiter("api");
		assertThat(onA.tryAcquire("client").outcome()).isEqualTo(RateLimitOutcome.ALLOWED);
		assertThat(onB.tryAcquire("client").outcome()).isEqualTo(RateLimitOutcome.ALLOWED);
		assertThat(onA.tryAcquire("client").outcome()).isEqualTo(RateLimitOutcome.REJECTED);
	}

	private static void sessions(ConfigurableApplicationContext a, ConfigurableApplicationContext b) {
		Session session = a.getBean(SessionStore.class).create("u1");
		SessionStore onB = b.getBean(SessionStore.class);
		assertThat(onB.find(session.id())).isPresent();
		assertThat(onB.findByUser("u1")).extracting(Session::id).containsExactly(session.id());
		assertThat(onB.destroy(session.id())).isTrue();
		assertThat(a.getBean(SessionStore.class).find(session.id())).isEmpty();
	}

	private static void blacklist(ConfigurableApplicationContext a, ConfigurableApplicationContext b) {
		await(() -> a.getBean(LocalRevocationCache.class).status().subscribed(), "A's revocation sync subscribed");
		await(() -> b.getBean(LocalRevocationCache.class).status().subscribed(), "B's revocation sync subscribed");
		TokenBlacklist onB = b.getBean(TokenBlacklist.class);
		assertThat(onB.isRevoked("t1")).isFalse();
		assertThat(onB.isRevoked("t1")).isFalse();
		long hits = b.getBean(LocalRevocationCache.class).status().hits();
		assertThat(hits).as("B answers from its local cache").isPositive();
		a.getBean(TokenBlacklist.class).revoke("t1", Instant.now().plusSeconds(60));
		// Only the sync message can drop B's cached "not revoked" within its 10 minutes.
		await(() -> onB.isRevoked("t1"), "B rejects the token A revoked");
	}

	private static void pubSub(ConfigurableApplicationContext a, ConfigurableApplicationContext b) {
		RedisPubSub onB = b.getBean(RedisPubSub.class);
		List<String> received = new CopyOnWriteArrayList<>();
		onB.subscribe("news", String.class, received::add);
		await(() -> onB.status().connected() && onB.status().channels() > 0, "B subscribed");
		RedisPubSub onA = a.getBean(RedisPubSub.class);
		await(() -> {
			onA.publish("news", "hello");
			return received.contains("hello");
		}, "B receives what A published");
	}

	private static void reliablePubSub(ConfigurableApplicationContext a, ConfigurableApplicationContext b) {
		RedisPubSub onB = b.getBean(RedisPubSub.class);
		List<String> received = new CopyOnWriteArrayList<>();
		onB.subscribeReliably("orders", String.class, (message) -> received.add(message.payload()));
		await(() -> onB.status().reliable().stream().anyMatch((reliable) -> reliable.consuming()),
				"B's reliable consumer started");
		assertThat(a.getBean(RedisPubSub.class).publishReliably("orders", "o1")).isNotEmpty();
		await(() -> received.contains("o1"), "B receives the reliable message A published");
	}

	private static void queue(ConfigurableApplicationContext a) {
		List<String> handled = new CopyOnWriteArrayList<>();
		a.getBean(JobHandlers.class).register("send", String.class, (payload, job) -> handled.add(payload));
		assertThat(a.getBean(JobQueues.class).queue("mail").enqueue("send", "hi")).isNotEmpty();
		await(() -> handled.contains("hi"), "a worker handles the job");
	}

	private static void health(ConfigurableApplicationContext context) {
		HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
		await(() -> Status.UP.equals(endpoint.health().getStatus()), "/actuator/health UP");
		HealthDescriptor redis = endpoint.healthForPath("redis");
		assertThat(redis).isInstanceOf(CompositeHealthDescriptor.class);
		assertThat(((CompositeHealthDescriptor) redis).getComponents())
			.containsKeys("connection", "blacklist", "rate-limits", "cache", "locks", "queues", "pubsub", "sessions")
			.allSatisfy((name, child) -> assertThat(child.getStatus()).as(name).isEqualTo(Status.UP));
	}

	private static void await(Callable<Boolean> condition, String what) {
		Awaitility.await(what).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(condition);
	}

	@FunctionalInterface
	interface TopologyCheck {

		void check(ConfigurableApplicationContext context) throws Exception;

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableCaching
	static class TlsApplication {

	}

}
