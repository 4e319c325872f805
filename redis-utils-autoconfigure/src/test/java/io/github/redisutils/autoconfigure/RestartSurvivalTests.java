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
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import io.github.redisutils.blacklist.TokenBlacklist;
import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.lock.LockHandle;
import io.github.redisutils.lock.LockNotHeldException;
import io.github.redisutils.pubsub.RedisPubSub;
import io.github.redisutils.queue.JobHandlers;
import io.github.redisutils.queue.JobOptions;
import io.github.redisutils.queue.JobQueue;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.ratelimit.RateLimitResult;
import io.github.redisutils.ratelimit.RateLimiter;
import io.github.redisutils.ratelimit.RateLimiterRegistry;
import io.github.redisutils.session.Session;
import io.github.redisutils.session.SessionStore;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What each feature's state looks like after Redis is killed ({@code SIGKILL}) and
 * started again, once with AOF and {@code appendfsync always}, once without persistence:
 * the figures of the README's "What survives a restart" table.
 *
 * @author redis-utils authors
 */
class RestartSurvivalTests {

	/** Holds the worker's handler, so that its job is in flight when Redis is killed. */
	private final CountDownLatch inFlight = new CountDownLatch(1);

	/** Messages the reliable subscriber handled, in order. */
	private final List<String> received = new CopyOnWriteArrayList<>();

	@AfterEach
	void releaseWorker() {
		this.inFlight.countDown();
	}

	@Test
	void withAppendOnlyAlwaysEveryFeatureKeepsItsState() {
		try (DedicatedRedis redis = RedisServers.dedicated("--appendonly", "yes", "--appendfsync", "always")) {
			application(redis).run((context) -> {
				State before = write(context);
				restart(redis, context);
				Cache products = context.getBean(CacheManager.class).getCache("products");
				assertThat(products.get("p1", String.class)).as("cache entry").isEqualTo("tea");
				assertThat(before.lock().isHeld()).as("lock held").isTrue();
				assertThat(context.getBean(DistributedLocks.class).tryAcquire("stock", Duration.ZERO))
					.as("lock refused to another holder")
					.isEmpty();
				RateLimitResult next = limiter(context).tryAcquire("client");
				assertThat(next.remaining()).as("consumed budget kept").isEqualTo(before.remaining() - 1);
				SessionStore sessions = context.getBean(SessionStore.class);
				assertThat(sessions.find(before.session().id())).as("session").isPresent();
				assertThat(sessions.findByUser("u1")).as("per-user index").hasSize(1);
				assertThat(context.getBean(TokenBlacklist.class).isRevoked("t1")).as("revocation").isTrue();
				assertThat(queue(context).sizes().waiting()).as("queued job").isEqualTo(1);
				assertThat(queue(context).sizes().delayed()).as("delayed job").isEqualTo(1);
				assertThat(work(context).sizes().active()).as("job in flight").isEqualTo(1);
				before.lock().release();
				assertThat(lost(context)).as("lost-lock signals").isZero();
				this.inFlight.countDown();
				Awaitility.await("the reliable messages published before the restart")
					.atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(this.received).as("reliable messages")
						.containsAll(List.of("m1", "m2", "m3", "m4", "m5")));
			});
		}
	}

	@Test
	void withoutPersistenceEveryFeatureStartsEmptyAndALockWhoseKeyVanishedIsReportedLost() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			application(redis).run((context) -> {
				State before = write(context);
				restart(redis, context);
				Cache products = context.getBean(CacheManager.class).getCache("products");
				assertThat(products.get("p1", String.class)).as("cache entry").isNull();
				assertThat(before.lock().isHeld()).as("lock held").isFalse();
				assertThatExceptionOfType(LockNotHeldException.class).as("release of a lock whose key vanished")
					.isThrownBy(() -> before.lock().release());
				assertThat(lost(context)).as("lost-lock signal on release").isEqualTo(1);
				LockHandle again = context.getBean(DistributedLocks.class)
					.tryAcquire("stock", Duration.ZERO)
					.orElseThrow();
				assertThat(again.fencingToken()).as("fencing token after the restart")
					.isGreaterThan(before.lock().fencingToken());
				again.release();
				RateLimitResult next = limiter(context).tryAcquire("client");
				assertThat(next.remaining()).as("budget starts over").isEqualTo(next.limit() - 1);
				SessionStore sessions = context.getBean(SessionStore.class);
				assertThat(sessions.find(before.session().id())).as("session").isEmpty();
				assertThat(sessions.findByUser("u1")).as("per-user index").isEmpty();
				assertThat(context.getBean(TokenBlacklist.class).isRevoked("t1")).as("revocation").isFalse();
				assertThat(queue(context).sizes().waiting()).as("queued job").isZero();
				assertThat(queue(context).sizes().delayed()).as("delayed job").isZero();
				assertThat(work(context).sizes().active()).as("job in flight").isZero();
				assertThat(work(context).sizes().waiting()).isZero();
				this.inFlight.countDown();
				// The message in the handler's hands completes; those still in the stream
				// are gone, and what is published after the restart is delivered.
				context.getBean(RedisPubSub.class).publishReliably("orders", "m6");
				Awaitility.await("a reliable message published after the restart")
					.atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(this.received).contains("m6"));
				assertThat(this.received).as("reliable messages").containsExactly("m1", "m6");
			});
		}
	}

	private State write(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		context.getBean(CacheManager.class).getCache("products").put("p1", "tea");
		LockHandle lock = context.getBean(DistributedLocks.class)
			.tryAcquire("stock", Duration.ZERO, Duration.ofMinutes(5))
			.orElseThrow();
		limiter(context).tryAcquire("client");
		long remaining = limiter(context).tryAcquire("client").remaining();
		Session session = context.getBean(SessionStore.class).create("u1");
		context.getBean(TokenBlacklist.class).revoke("t1", Instant.now().plusSeconds(600));
		assertThat(context.getBean(TokenBlacklist.class).isRevoked("t1")).isTrue();
		queue(context).enqueue("send", "now");
		queue(context).enqueue("send", "later", JobOptions.defaults().withDelay(Duration.ofMinutes(10)));
		context.getBean(JobHandlers.class).register("slow", String.class, (payload, job) -> this.inFlight.await());
		work(context).enqueue("slow", "running");
		Awaitility.await("a worker takes the job")
			.atMost(Duration.ofSeconds(10))
			.until(() -> work(context).sizes().active() == 1);
		// The reliable subscriber holds m1 in its handler; m2 to m5 wait in the stream.
		RedisPubSub pubSub = context.getBean(RedisPubSub.class);
		pubSub.subscribeReliably("orders", String.class, (message) -> {
			this.received.add(message.payload());
			if ("m1".equals(message.payload())) {
				this.inFlight.await();
			}
		});
		Awaitility.await("the consumer joins its group")
			.atMost(Duration.ofSeconds(10))
			.until(() -> pubSub.status().reliable().get(0).consuming());
		for (int i = 1; i <= 5; i++) {
			pubSub.publishReliably("orders", "m" + i);
		}
		Awaitility.await("the subscriber holds the first message")
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.received.contains("m1"));
		return new State(lock, remaining, session);
	}

	private static void restart(DedicatedRedis redis, AssertableApplicationContext context) {
		redis.stop();
		redis.start();
		Awaitility.await("the application reconnected")
			.atMost(Duration.ofSeconds(20))
			.ignoreExceptionsInstanceOf(RedisUnavailableException.class)
			.until(() -> {
				context.getBean(SessionStore.class).find("probe");
				return true;
			});
	}

	private static RateLimiter limiter(AssertableApplicationContext context) {
		return context.getBean(RateLimiterRegistry.class).limiter("api");
	}

	private static JobQueue work(AssertableApplicationContext context) {
		return context.getBean(JobQueues.class).queue("work");
	}

	private static JobQueue queue(AssertableApplicationContext context) {
		return context.getBean(JobQueues.class).queue("mail");
	}

	private static double lost(AssertableApplicationContext context) {
		return Search.in(context.getBean(MeterRegistry.class))
			.name("redis.lock.lost")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private static ApplicationContextRunner application(DedicatedRedis redis) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					RedisUtilsAutoConfiguration.class, RedisUtilsCacheAutoConfiguration.class,
					RedisUtilsLockAutoConfiguration.class, RedisUtilsRateLimitAutoConfiguration.class,
					RedisUtilsSessionAutoConfiguration.class, RedisUtilsBlacklistAutoConfiguration.class,
					RedisUtilsQueueAutoConfiguration.class, RedisUtilsPubSubAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues(redis.springProperties())
			.withPropertyValues("spring.data.redis.timeout=1s",
					"redis.key-prefix=rs-" + UUID.randomUUID().toString().substring(0, 8),
					"redis.cache.cache-names=products", "redis.rate-limit.policies.api.limit=10",
					"redis.rate-limit.policies.api.window=1h", "redis.queue.queues.work.concurrency=1",
					"redis.pubsub.reliable.batch-size=1");
	}

	record State(LockHandle lock, long remaining, Session session) {
	}

}
