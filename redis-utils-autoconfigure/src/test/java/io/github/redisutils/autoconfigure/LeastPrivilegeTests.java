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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.redisutils.actuate.RedisHealthContributor;
import io.github.redisutils.blacklist.LocalRevocationCache;
import io.github.redisutils.blacklist.TokenBlacklist;
import io.github.redisutils.cache.CacheStore;
import io.github.redisutils.core.RedisPermissionException;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.lock.LockHandOver;
import io.github.redisutils.pubsub.RedisPubSub;
import io.github.redisutils.queue.JobHandlers;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.ratelimit.RateLimitOutcome;
import io.github.redisutils.ratelimit.RateLimiterRegistry;
import io.github.redisutils.session.Session;
import io.github.redisutils.session.SessionStore;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every feature run as the least-privileged ACL user the README documents: key, channel
 * and pattern rules limited to the key prefix, the command categories the features use,
 * {@code TIME} and {@code INFO}, and nothing {@code @dangerous}. Without {@code TIME} the
 * features that decide by the server's clock fail with a permission error, not as an
 * outage.
 *
 * @author redis-utils authors
 */
@TestInstance(Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class LeastPrivilegeTests {

	/** Far above a pub/sub wake-up, so a wake-up by polling is told apart. */
	private static final Duration POLL = Duration.ofSeconds(5);

	private final String prefix = "lp-" + UUID.randomUUID().toString().substring(0, 8);

	private DedicatedRedis redis;

	@BeforeAll
	void startRedis() {
		this.redis = RedisServers.dedicated();
	}

	@AfterAll
	void stopRedis() {
		this.redis.close();
	}

	/**
	 * The README's rule line, with the key prefix filled in. {@code INFO} is
	 * {@code @dangerous}, so it is granted after {@code -@dangerous}; Redis 6.2 grants
	 * every channel by default ({@code acl-pubsub-default}) and refuses a channel rule
	 * unless {@code resetchannels} comes first.
	 */
	private List<String> minimalRules() {
		String p = this.prefix;
		return List.of("~" + p + ":*", "resetchannels", "&" + p + ":*", "&" + p + ":lock:*", "+@read", "+@write",
				"+@scripting", "+@pubsub", "-@dangerous", "+ping", "+time", "+info");
	}

	@Test
	void everyFeatureRunsAsTheLeastPrivilegedUser() {
		aclSetUser(minimalRules());
		instance().run((context) -> {
			assertThat(context).hasNotFailed();
			cache(context);
			locks(context);
			rateLimit(context);
			sessions(context);
			blacklist(context);
			pubSub(context);
			reliablePubSub(context);
			queue(context);
			health(context);
			assertThat(aclLog()).as("ACL denials").isEmpty();
		});
	}

	@Test
	void withoutTimeTheFeaturesThatReadTheServerClockArePermissionErrors(CapturedOutput output) {
		List<String> rules = new ArrayList<>(minimalRules());
		rules.remove("+time");
		aclSetUser(rules);
		instance().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThatExceptionOfType(RedisPermissionException.class)
				.isThrownBy(() -> context.getBean(DistributedLocks.class).tryAcquire("stock", Duration.ZERO));
			assertThatExceptionOfType(RedisPermissionException.class)
				.isThrownBy(() -> context.getBean(RateLimiterRegistry.class).limiter("api").tryAcquire("k"));
			assertThatExceptionOfType(RedisPermissionException.class)
				.isThrownBy(() -> context.getBean(SessionStore.class).create("user"));
			assertThatExceptionOfType(RedisPermissionException.class)
				.isThrownBy(() -> context.getBean(TokenBlacklist.class).revoke("jti", Instant.now().plusSeconds(60)));
			assertThatExceptionOfType(RedisPermissionException.class)
				.isThrownBy(() -> context.getBean(JobQueues.class).queue("mail").enqueue("send", "x"));
			// A cache namespace takes its generation from the server clock: the loader
			// serves.
			CacheStore namespace = context.getBean(CacheStore.class).namespace("workspace:1");
			assertThat(namespace.getOrLoad("k", String.class, Duration.ofMinutes(1), () -> "loaded"))
				.isEqualTo("loaded");
			assertThat(output).contains("serving from the loader")
				.containsPattern("NOPERM|The user executing the script can't");
			// What does not read the clock still works.
			assertThat(context.getBean(TokenBlacklist.class).isRevoked("jti")).isFalse();
			context.getBean(RedisPubSub.class).publish("news", "x");
			context.getBean(CacheManager.class).getCache("products").put("p1", "tea");
		});
	}

	private void cache(AssertableApplicationContext context) {
		Cache products = context.getBean(CacheManager.class).getCache("products");
		products.put("p1", "tea");
		assertThat(products.get("p1", String.class)).isEqualTo("tea");
		products.evict("p1");
		assertThat(products.get("p1", String.class)).isNull();
		CacheStore store = context.getBean(CacheStore.class);
		assertThat(store.getOrLoad("k", String.class, Duration.ofMinutes(1), () -> "loaded")).isEqualTo("loaded");
		assertThat(store.getOrLoad("k", String.class, Duration.ofMinutes(1), () -> "again")).isEqualTo("loaded");
	}

	private void locks(AssertableApplicationContext context) throws Exception {
		DistributedLocks locks = context.getBean(DistributedLocks.class);
		// The first wait starts the subscription; the second hand-over measures it.
		LockHandOver.millis(locks, "warm-up");
		await(() -> locks.status().subscription().connected(), "lock waiters subscribed");
		long wakeUp = LockHandOver.millis(locks, "stock");
		System.out.println("Lock wake-up as the least-privileged user (ms): " + wakeUp);
		assertThat(wakeUp).as("wake-up by pub/sub (ms)").isLessThan(1000);
		assertThat(locks.status().subscription().refused()).isEmpty();
	}

	private void rateLimit(AssertableApplicationContext context) {
		RateLimiterRegistry limiters = context.getBean(RateLimiterRegistry.class);
		assertThat(limiters.limiter("api").tryAcquire("k").outcome()).isEqualTo(RateLimitOutcome.ALLOWED);
		assertThat(limiters.limiter("gcra").tryAcquire("k").outcome()).isEqualTo(RateLimitOutcome.ALLOWED);
		assertThat(limiters.limiter("fixed").tryAcquire("k").outcome()).isEqualTo(RateLimitOutcome.ALLOWED);
	}

	private void sessions(AssertableApplicationContext context) {
		SessionStore sessions = context.getBean(SessionStore.class);
		Session session = sessions.create("u1");
		assertThat(sessions.find(session.id())).isPresent();
		assertThat(sessions.touch(session.id())).isTrue();
		assertThat(sessions.destroy(session.id())).isTrue();
		assertThat(sessions.find(session.id())).isEmpty();
	}

	private void blacklist(AssertableApplicationContext context) {
		LocalRevocationCache local = context.getBean(LocalRevocationCache.class);
		await(() -> local.status().subscribed(), "blacklist sync subscription");
		TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
		assertThat(blacklist.isRevoked("t1")).isFalse();
		blacklist.revoke("t1", Instant.now().plusSeconds(60));
		assertThat(blacklist.isRevoked("t1")).isTrue();
	}

	private void pubSub(AssertableApplicationContext context) {
		RedisPubSub pubSub = context.getBean(RedisPubSub.class);
		List<String> received = new CopyOnWriteArrayList<>();
		pubSub.subscribe("news", String.class, received::add);
		await(() -> pubSub.status().connected() && pubSub.status().channels() > 0, "pub/sub subscribed");
		await(() -> {
			pubSub.publish("news", "hello");
			return received.contains("hello");
		}, "a published message received");
		assertThat(pubSub.status().refused()).isEmpty();
	}

	private void reliablePubSub(AssertableApplicationContext context) {
		RedisPubSub pubSub = context.getBean(RedisPubSub.class);
		List<String> received = new CopyOnWriteArrayList<>();
		pubSub.subscribeReliably("orders", String.class, (message) -> received.add(message.payload()));
		// The consumer group starts at the stream's end once it is created.
		await(() -> pubSub.status().reliable().stream().anyMatch((reliable) -> reliable.consuming()),
				"reliable consumer started");
		assertThat(pubSub.publishReliably("orders", "o1")).isNotEmpty();
		await(() -> received.contains("o1"), "a reliable message received");
	}

	private void queue(AssertableApplicationContext context) {
		List<String> handled = new CopyOnWriteArrayList<>();
		context.getBean(JobHandlers.class).register("send", String.class, (payload, job) -> handled.add(payload));
		String id = context.getBean(JobQueues.class).queue("mail").enqueue("send", "hi");
		assertThat(id).isNotEmpty();
		await(() -> handled.contains("hi"), "the job handled by a worker");
	}

	private void health(AssertableApplicationContext context) {
		RedisHealthContributor redis = context.getBean(RedisHealthContributor.class);
		redis.stream().map(CompositeHealthContributor.Entry::name).forEach((name) -> {
			Health health = ((HealthIndicator) redis.getContributor(name)).health();
			assertThat(health.getStatus().getCode()).as(name + " " + health.getDetails()).isEqualTo("UP");
			assertThat(health.getDetails()).as(name).doesNotContainKey("warning");
		});
		Health connection = ((HealthIndicator) redis.getContributor("connection")).health();
		assertThat(String.valueOf(connection.getDetails().get("version"))).isNotEqualTo("unknown");
	}

	private ApplicationContextRunner instance() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
							RedisUtilsCacheAutoConfiguration.class, RedisUtilsLockAutoConfiguration.class,
							RedisUtilsRateLimitAutoConfiguration.class, RedisUtilsSessionAutoConfiguration.class,
							RedisUtilsBlacklistAutoConfiguration.class, RedisUtilsPubSubAutoConfiguration.class,
							RedisUtilsQueueAutoConfiguration.class, RedisUtilsHealthContributorAutoConfiguration.class,
							RedisUtilsCacheHealthContributorAutoConfiguration.class,
							RedisUtilsLockHealthContributorAutoConfiguration.class,
							RedisUtilsRateLimitHealthContributorAutoConfiguration.class,
							RedisUtilsSessionHealthContributorAutoConfiguration.class,
							RedisUtilsBlacklistHealthContributorAutoConfiguration.class,
							RedisUtilsPubSubHealthContributorAutoConfiguration.class,
							RedisUtilsQueueHealthContributorAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues(this.redis.springProperties())
			.withPropertyValues("spring.data.redis.username=app", "spring.data.redis.password=secret",
					"redis.key-prefix=" + this.prefix, "redis.lock.poll-interval=" + POLL.toMillis() + "ms",
					"redis.cache.cache-names=products", "redis.rate-limit.policies.api.limit=10",
					"redis.rate-limit.policies.api.window=1m", "redis.rate-limit.policies.gcra.algorithm=gcra",
					"redis.rate-limit.policies.gcra.limit=10", "redis.rate-limit.policies.gcra.window=1m",
					"redis.rate-limit.policies.fixed.algorithm=fixed-window",
					"redis.rate-limit.policies.fixed.limit=10", "redis.rate-limit.policies.fixed.window=1m",
					"redis.queue.queues.mail.concurrency=1");
	}

	private void aclSetUser(List<String> rules) {
		List<String> command = new ArrayList<>(List.of("SETUSER", "app", "reset", "on", ">secret"));
		command.addAll(rules);
		admin((connection) -> {
			connection.sync().aclLogReset();
			connection.sync()
				.dispatch(CommandType.ACL, new StatusOutput<>(StringCodec.UTF8),
						new CommandArgs<>(StringCodec.UTF8).addKeys(command.toArray(String[]::new)));
			return null;
		});
	}

	/**
	 * Denials in the server's ACL log, except Lettuce's {@code CLIENT SETINFO} at connect
	 * (Redis 6.2 refuses {@code CLIENT} after {@code -@dangerous}; Lettuce ignores the
	 * answer).
	 */
	private List<String> aclLog() {
		return admin((connection) -> connection.sync()
			.aclLog()
			.stream()
			.filter((entry) -> !"client".equals(entry.get("object")))
			.map(String::valueOf)
			.toList());
	}

	private <T> T admin(java.util.function.Function<StatefulRedisConnection<String, String>, T> action) {
		RedisClient client = RedisClient.create(this.redis.url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return action.apply(connection);
		}
		finally {
			client.shutdown();
		}
	}

	private static void await(Callable<Boolean> condition, String what) {
		Awaitility.await(what).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(condition);
	}

}
