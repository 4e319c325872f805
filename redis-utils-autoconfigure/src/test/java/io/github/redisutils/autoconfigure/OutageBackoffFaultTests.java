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
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.redisutils.blacklist.TokenBlacklist;
import io.github.redisutils.core.OutageBackoffs;
import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.pubsub.RedisPubSub;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.ratelimit.RateLimitOutcome;
import io.github.redisutils.ratelimit.RateLimiterRegistry;
import io.github.redisutils.session.Session;
import io.github.redisutils.session.SessionStore;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.github.redisutils.actuate.RedisHealthContributor;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every feature's outage back-off against a Redis paused with SIGSTOP: after the first
 * call has waited for the command timeout, calls answer with the feature's fallback at
 * once, meters and health show it, and normal use resumes once Redis answers a probe.
 *
 * @author redis-utils authors
 */
class OutageBackoffFaultTests {

	private static final String[] FEATURES = { "cache", "lock", "rate-limit", "session", "token-blacklist", "pubsub",
			"queue" };

	/**
	 * Below the 500 ms command timeout, for all features' calls together: calls this fast
	 * did not wait for Redis.
	 */
	private static final Duration AT_ONCE = Duration.ofMillis(400);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsHealthContributorAutoConfiguration.class, RedisUtilsBlacklistAutoConfiguration.class,
				RedisUtilsBlacklistHealthContributorAutoConfiguration.class, RedisUtilsRateLimitAutoConfiguration.class,
				RedisUtilsRateLimitHealthContributorAutoConfiguration.class, RedisUtilsCacheAutoConfiguration.class,
				RedisUtilsLockAutoConfiguration.class, RedisUtilsQueueAutoConfiguration.class,
				RedisUtilsPubSubAutoConfiguration.class, RedisUtilsSessionAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("spring.data.redis.timeout=500ms", "redis.outage.backoff=30s",
				"redis.cache.outage-backoff=30s", "redis.rate-limit.policies.api.limit=10",
				"redis.rate-limit.policies.api.window=1m", "redis.rate-limit.policies.closed.limit=10",
				"redis.rate-limit.policies.closed.window=1m", "redis.rate-limit.policies.closed.on-failure=closed",
				"redis.cache.caches.books.ttl=1m");

	@Test
	@SuppressWarnings("unchecked")
	void everyFeatureAnswersAtOnceWhileRedisIsSkippedAndResumesAfterAProbe() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			this.contextRunner.withPropertyValues(redis.springProperties()).run((context) -> {
				Session session = context.getBean(SessionStore.class).create("alice");
				Features features = new Features(context, session.id());
				features.useEach();
				redis.pause();
				try {
					// The first call of each feature waits for the command timeout ...
					features.failEach();
					// ... then every call answers at once, with the feature's fallback.
					for (int round = 0; round < 3; round++) {
						assertAtOnce(features::failEach);
					}
					MeterRegistry meters = context.getBean(MeterRegistry.class);
					for (String feature : FEATURES) {
						assertThat(meters.get("redis.outage.active").tag("feature", feature).gauge().value())
							.as(feature)
							.isEqualTo(1);
						assertThat(
								meters.get("redis.outage.bypassed").tag("feature", feature).functionCounter().count())
							.as(feature)
							.isGreaterThanOrEqualTo(3);
						assertThat(
								meters.get("redis.outage.failures").tag("feature", feature).functionCounter().count())
							.as(feature)
							.isGreaterThanOrEqualTo(1);
					}
					Health rateLimit = ((HealthIndicator) context.getBean(RedisHealthContributor.class)
						.getContributor("rate-limit")).health();
					assertThat(rateLimit.getDetails()).containsKey("outage");
					assertThat((Map<String, Object>) rateLimit.getDetails().get("outage"))
						.containsEntry("bypassing", true)
						.containsEntry("backoff", "30000ms")
						.containsKeys("since", "failures", "bypassed", "lastError");
				}
				finally {
					redis.resume();
				}
			});
		}
	}

	@Test
	void normalUseResumesOnceAProbeFindsRedisAnswering() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			this.contextRunner.withPropertyValues(redis.springProperties())
				.withPropertyValues("redis.outage.backoff=1s")
				.run((context) -> {
					RateLimiterRegistry limits = context.getBean(RateLimiterRegistry.class);
					MeterRegistry meters = context.getBean(MeterRegistry.class);
					HealthIndicator health = (HealthIndicator) context.getBean(RedisHealthContributor.class)
						.getContributor("rate-limit");
					assertThat(limits.limiter("api").tryAcquire("k").outcome()).isEqualTo(RateLimitOutcome.ALLOWED);
					redis.pause();
					try {
						assertThat(limits.limiter("api").tryAcquire("k").outcome()).isEqualTo(RateLimitOutcome.ERROR);
						assertAtOnce(() -> assertThat(limits.limiter("api").tryAcquire("k").outcome())
							.isEqualTo(RateLimitOutcome.ERROR));
						assertThat(health.health().getDetails()).containsKey("outage");
					}
					finally {
						redis.resume();
					}
					// Until the period ends, Redis is still skipped ...
					assertThat(limits.limiter("api").tryAcquire("k").outcome()).isEqualTo(RateLimitOutcome.ERROR);
					Thread.sleep(1_100);
					// ... then the first call probes it, and normal use resumes.
					assertThat(limits.limiter("api").tryAcquire("k").outcome()).isEqualTo(RateLimitOutcome.ALLOWED);
					assertThat(limits.limiter("api").tryAcquire("k").outcome()).isEqualTo(RateLimitOutcome.ALLOWED);
					assertThat(meters.get("redis.outage.active").tag("feature", "rate-limit").gauge().value()).isZero();
					assertThat(health.health().getDetails()).doesNotContainKey("outage");
				});
		}
	}

	@Test
	void idempotentReadsAreRetriedThroughABriefOutageAndWritesAreNot() throws Exception {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			this.contextRunner.withPropertyValues(redis.springProperties())
				.withPropertyValues("spring.data.redis.timeout=5s", "redis.retry.enabled=true",
						"redis.retry.max-attempts=10", "redis.retry.initial-interval=100ms", "redis.retry.multiplier=1",
						"redis.retry.max-interval=100ms")
				.run((context) -> {
					SessionStore sessions = context.getBean(SessionStore.class);
					Session session = sessions.create("alice");
					MeterRegistry meters = context.getBean(MeterRegistry.class);
					try (BusyScript busy = BusyScript.start(redis)) {
						// A write is never retried: BUSY fails it at once.
						assertThatExceptionOfType(RedisUnavailableException.class)
							.isThrownBy(() -> context.getBean(JobQueues.class).queue("orders").enqueue("order", "o-1"))
							.withMessageContaining("BUSY");
						busy.killAfter(Duration.ofMillis(400));
						// A read is retried until the server answers again.
						assertThat(sessions.find(session.id())).isPresent();
					}
					assertThat(meters.get("redis.retry.attempts").tag("feature", "session").functionCounter().count())
						.isGreaterThanOrEqualTo(2);
					assertThat(meters.get("redis.retry.attempts").tag("feature", "queue").functionCounter().count())
						.isZero();
					assertThat(meters.get("redis.outage.active").tag("feature", "session").gauge().value()).isZero();
				});
		}
	}

	@Test
	void withoutRetriesABriefOutageFailsAReadAtOnce() throws Exception {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			this.contextRunner.withPropertyValues(redis.springProperties())
				.withPropertyValues("spring.data.redis.timeout=5s")
				.run((context) -> {
					SessionStore sessions = context.getBean(SessionStore.class);
					Session session = sessions.create("alice");
					try (BusyScript busy = BusyScript.start(redis)) {
						assertThatExceptionOfType(RedisUnavailableException.class)
							.isThrownBy(() -> sessions.find(session.id()))
							.withMessageContaining("BUSY");
					}
				});
		}
	}

	@Test
	void anInvalidRetrySettingFailsStartUpNamingTheKey() {
		this.contextRunner.withPropertyValues("redis.retry.max-attempts=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("redis.retry.maxAttempts")
				.hasMessageContaining("must be from 1 to 10 (was 0)");
		});
	}

	@Test
	void aZeroBackoffAsksRedisEveryTime() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			this.contextRunner.withPropertyValues(redis.springProperties())
				.withPropertyValues("redis.outage.backoff=0s", "spring.data.redis.timeout=500ms")
				.run((context) -> {
					RateLimiterRegistry limits = context.getBean(RateLimiterRegistry.class);
					assertThat(limits.limiter("api").tryAcquire("k").outcome()).isEqualTo(RateLimitOutcome.ALLOWED);
					redis.pause();
					try {
						for (int i = 0; i < 2; i++) {
							long start = System.nanoTime();
							assertThat(limits.limiter("api").tryAcquire("k").outcome())
								.isEqualTo(RateLimitOutcome.ERROR);
							assertThat(Duration.ofNanos(System.nanoTime() - start))
								.isGreaterThanOrEqualTo(Duration.ofMillis(400));
						}
					}
					finally {
						redis.resume();
					}
					assertThat(context.getBean(MeterRegistry.class)
						.get("redis.outage.bypassed")
						.tag("feature", "rate-limit")
						.functionCounter()
						.count()).isZero();
				});
		}
	}

	@Test
	void theCacheTakesTheCommonPeriodUnlessItSetsItsOwn() {
		this.contextRunner.withPropertyValues(RedisServers.standalone().springProperties())
			.withPropertyValues("redis.outage.backoff=7s", "redis.cache.outage-backoff=")
			.run((context) -> {
				OutageBackoffs backoffs = context.getBean(OutageBackoffs.class);
				assertThat(backoffs.status("cache").backoff()).isEqualTo(Duration.ofSeconds(7));
				assertThat(backoffs.status("rate-limit").backoff()).isEqualTo(Duration.ofSeconds(7));
			});
		this.contextRunner.withPropertyValues(RedisServers.standalone().springProperties())
			.withPropertyValues("redis.outage.backoff=7s", "redis.cache.outage-backoff=2s")
			.run((context) -> assertThat(context.getBean(OutageBackoffs.class).status("cache").backoff())
				.isEqualTo(Duration.ofSeconds(2)));
	}

	@Test
	void aNegativeBackoffFailsStartUpNamingTheKey() {
		this.contextRunner.withPropertyValues("redis.outage.backoff=-1s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("redis.outage.backoff")
				.hasMessageContaining("must not be negative");
		});
	}

	@Test
	void aBackoffAboveAnHourFailsStartUpNamingTheKey() {
		this.contextRunner.withPropertyValues("redis.outage.backoff=2h").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("redis.outage.backoff")
				.hasMessageContaining("PT2H");
		});
		this.contextRunner.withPropertyValues("redis.cache.outage-backoff=2h").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("outage-backoff");
		});
	}

	private static void assertAtOnce(Runnable action) {
		long start = System.nanoTime();
		action.run();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(AT_ONCE);
	}

	/**
	 * One call per feature, with what each answers when Redis cannot be asked.
	 */
	private static final class Features {

		private final AssertableApplicationContext context;

		private final String sessionId;

		private final AtomicInteger tokens = new AtomicInteger();

		Features(AssertableApplicationContext context, String sessionId) {
			this.context = context;
			this.sessionId = sessionId;
		}

		/**
		 * Use every feature with Redis answering.
		 */
		void useEach() {
			RateLimiterRegistry limits = this.context.getBean(RateLimiterRegistry.class);
			assertThat(limits.limiter("api").tryAcquire("k").outcome()).isEqualTo(RateLimitOutcome.ALLOWED);
			assertThat(this.context.getBean(TokenBlacklist.class).isRevoked("token-" + this.tokens.incrementAndGet()))
				.isFalse();
			assertThat(this.context.getBean(SessionStore.class).find(this.sessionId)).isPresent();
			assertThat(this.context.getBean(JobQueues.class).queue("orders").enqueue("order", "o-1")).isNotBlank();
			this.context.getBean(DistributedLocks.class).tryAcquire("report", Duration.ZERO).orElseThrow().close();
			this.context.getBean(RedisPubSub.class).publish("news", "hello");
			Cache books = this.context.getBean(CacheManager.class).getCache("books");
			books.put("b-1", "stored");
			assertThat(books.get("b-1", () -> "loaded")).isEqualTo("stored");
		}

		/**
		 * Call every feature with Redis not answering: each gives its documented fallback
		 * or typed exception.
		 */
		void failEach() {
			RateLimiterRegistry limits = this.context.getBean(RateLimiterRegistry.class);
			assertThat(limits.limiter("api").tryAcquire("k")).satisfies((result) -> {
				assertThat(result.outcome()).isEqualTo(RateLimitOutcome.ERROR);
				assertThat(result.allowed()).as("fails open").isTrue();
			});
			assertThat(limits.limiter("closed").tryAcquire("k").allowed()).as("fails closed").isFalse();
			// A token never checked before: the local cache cannot answer for it.
			assertThat(this.context.getBean(TokenBlacklist.class).isRevoked("token-" + this.tokens.incrementAndGet()))
				.as("fails closed")
				.isTrue();
			unavailable(() -> this.context.getBean(SessionStore.class).find(this.sessionId));
			unavailable(() -> this.context.getBean(JobQueues.class).queue("orders").enqueue("order", "o-2"));
			unavailable(() -> this.context.getBean(DistributedLocks.class).tryAcquire("report", Duration.ZERO));
			unavailable(() -> this.context.getBean(RedisPubSub.class).publish("news", "hello"));
			AtomicReference<String> loaded = new AtomicReference<>();
			Cache books = this.context.getBean(CacheManager.class).getCache("books");
			assertThat(books.get("b-2", () -> {
				loaded.set("yes");
				return "loaded";
			})).isEqualTo("loaded");
			assertThat(loaded).hasValue("yes");
		}

		private static void unavailable(Callable<?> call) {
			assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(call::call);
		}

	}

	/**
	 * A Lua script that keeps the server busy: past {@code lua-time-limit} every other
	 * command gets {@code BUSY} until the script is killed, a brief outage that a retry
	 * rides through.
	 */
	private static final class BusyScript implements AutoCloseable {

		private final RedisClient client;

		private final StatefulRedisConnection<String, String> scriptConnection;

		private final StatefulRedisConnection<String, String> killConnection;

		private final RedisFuture<Object> script;

		private BusyScript(DedicatedRedis redis) throws InterruptedException {
			this.client = RedisClient.create(redis.url());
			this.client.setOptions(
					ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(30))).build());
			this.killConnection = this.client.connect();
			this.killConnection.sync().configSet("lua-time-limit", "50");
			this.scriptConnection = this.client.connect();
			this.script = this.scriptConnection.async().eval("while true do end", ScriptOutputType.STATUS);
			// Past the limit, the server answers BUSY.
			Thread.sleep(300);
		}

		static BusyScript start(DedicatedRedis redis) throws InterruptedException {
			return new BusyScript(redis);
		}

		void killAfter(Duration delay) {
			Thread killer = new Thread(() -> {
				try {
					Thread.sleep(delay.toMillis());
					kill();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			killer.setDaemon(true);
			killer.start();
		}

		private synchronized void kill() {
			if (!this.script.isDone()) {
				try {
					this.killConnection.sync().scriptKill();
				}
				catch (RedisException ex) {
					// NOTBUSY: already killed.
				}
			}
		}

		@Override
		public void close() throws Exception {
			kill();
			try {
				this.script.get(10, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				// The killed script's error.
			}
			this.scriptConnection.close();
			this.killConnection.close();
			this.client.shutdown();
		}

	}

}
