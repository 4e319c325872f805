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
import java.util.concurrent.atomic.AtomicInteger;

import io.github.redisutils.blacklist.TokenBlacklist;
import io.github.redisutils.cache.CacheHit;
import io.github.redisutils.cache.CacheStore;
import io.github.redisutils.core.RedisPermissionException;
import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.core.RedisUtilsException;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.pubsub.RedisPubSub;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.ratelimit.RateLimitOutcome;
import io.github.redisutils.ratelimit.RateLimitResult;
import io.github.redisutils.ratelimit.RateLimiterRegistry;
import io.github.redisutils.session.SessionStore;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every feature reports the same Redis condition with the same exception type, through
 * the core call layer: a server out of memory under {@code noeviction} (OOM, raised
 * inside scripts too) is {@link RedisUnavailableException} with the server's text, or the
 * feature's documented fallback; an ACL user lacking a permission is
 * {@link RedisPermissionException}, never an outage.
 *
 * @author redis-utils authors
 */
@TestInstance(Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class RedisErrorClassificationTests {

	private static final String OOM = "OOM command not allowed";

	private DedicatedRedis redis;

	@BeforeAll
	void startRedis() {
		this.redis = RedisServers.dedicated();
	}

	@AfterAll
	void stopRedis() {
		this.redis.close();
	}

	// Out of memory: an outage everywhere

	@Test
	void cacheFallsThroughToTheLoaderWhenRedisRefusesWritesForMemory(CapturedOutput output) {
		outOfMemory((context) -> {
			CacheStore cache = context.getBean(CacheStore.class);
			AtomicInteger loads = new AtomicInteger();
			assertThat(cache.getOrLoad("k", String.class, Duration.ofMinutes(1), () -> "v" + loads.incrementAndGet()))
				.isEqualTo("v1");
			assertThat(cache.getOrLoad("k", String.class, Duration.ofMinutes(1), () -> "v" + loads.incrementAndGet()))
				.isEqualTo("v2");
			// The documented fallback serves every call; the logged failure says why.
			assertThat(output).contains("serving from the loader").contains(OOM);
		});
	}

	@Test
	void lockAcquisitionUnderOomIsUnavailableWithTheServerText() {
		outOfMemory((context) -> assertThatExceptionOfType(RedisUnavailableException.class)
			.isThrownBy(() -> context.getBean(DistributedLocks.class).tryAcquire("oom", Duration.ZERO))
			.withMessageContaining(OOM));
	}

	@Test
	void sessionCreationUnderOomIsUnavailableWithTheServerText() {
		outOfMemory((context) -> assertThatExceptionOfType(RedisUnavailableException.class)
			.isThrownBy(() -> context.getBean(SessionStore.class).create("user"))
			.withMessageContaining(OOM));
	}

	@Test
	void rateLimitsApplyTheirFailurePolicyUnderOom() {
		outOfMemory((context) -> {
			RateLimitResult result = context.getBean(RateLimiterRegistry.class).limiter("api").tryAcquire("k");
			assertThat(result.outcome()).isEqualTo(RateLimitOutcome.ERROR);
			assertThat(result.allowed()).isFalse();
		});
	}

	@Test
	void blacklistRevocationUnderOomIsUnavailableWithTheServerText() {
		outOfMemory((context) -> assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(
				() -> context.getBean(TokenBlacklist.class).revoke("jti-1", Instant.now().plus(Duration.ofMinutes(5))))
			.withMessageContaining(OOM));
	}

	@Test
	void queueEnqueueUnderOomIsUnavailableWithTheServerText() {
		outOfMemory((context) -> assertThatExceptionOfType(RedisUnavailableException.class)
			.isThrownBy(() -> context.getBean(JobQueues.class).queue("mail").enqueue("send", "x"))
			.withMessageContaining(OOM));
	}

	@Test
	void reliablePublishingUnderOomIsUnavailableWithTheServerText() {
		outOfMemory((context) -> assertThatExceptionOfType(RedisUnavailableException.class)
			.isThrownBy(() -> context.getBean(RedisPubSub.class).publishReliably("orders", "x"))
			.withMessageContaining(OOM));
	}

	@Test
	void aFullRedisRefusesWritesWithoutStartingAnOutageSoReadsGoOn() {
		runner().withPropertyValues("redis.outage.backoff=30s", "redis.cache.outage-backoff=30s").run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			SessionStore sessions = context.getBean(SessionStore.class);
			CacheStore cache = context.getBean(CacheStore.class);
			TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
			String sessionId = sessions.create("reader").id();
			cache.put("kept", "cached", Duration.ofMinutes(1));
			blacklist.revoke("revoked-before", Instant.now().plus(Duration.ofMinutes(5)));
			config(template, "maxmemory-policy", "noeviction");
			config(template, "maxmemory", "1");
			try {
				for (int i = 0; i < 3; i++) {
					assertThatExceptionOfType(RedisUnavailableException.class)
						.isThrownBy(() -> context.getBean(DistributedLocks.class).tryAcquire("full", Duration.ZERO))
						.withMessageContaining(OOM);
					assertThatExceptionOfType(RedisUnavailableException.class)
						.isThrownBy(() -> sessions.create("writer"))
						.withMessageContaining(OOM);
				}
				// Refused writes are reported, but Redis still answers: reads are never
				// skipped.
				assertThat(sessions.find(sessionId)).isPresent();
				assertThat(cache.get("kept", String.class)).contains(new CacheHit<>("cached"));
				assertThat(blacklist.isRevoked("revoked-before")).isTrue();
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				for (String feature : List.of("lock", "session", "cache", "token-blacklist")) {
					assertThat(meters.get("redis.outage.active").tag("feature", feature).gauge().value()).as(feature)
						.isZero();
					assertThat(meters.get("redis.outage.bypassed").tag("feature", feature).functionCounter().count())
						.as(feature)
						.isZero();
				}
			}
			finally {
				config(template, "maxmemory", "0");
			}
		});
	}

	// ACL refusals: a permission error everywhere, never an outage

	@Test
	void cacheServesFromTheLoaderAndLogsThePermissionErrorWithoutWritePermission(CapturedOutput output) {
		limitedUser("-set", (context) -> {
			CacheStore cache = context.getBean(CacheStore.class);
			assertThat(cache.getOrLoad("k", String.class, Duration.ofMinutes(1), () -> "loaded")).isEqualTo("loaded");
			assertThat(output).contains("serving from the loader").contains("NOPERM");
		});
	}

	@Test
	void locksWithoutScriptingPermissionArePermissionErrors() {
		limitedUser("-evalsha -eval", (context) -> assertThatExceptionOfType(RedisPermissionException.class)
			.isThrownBy(() -> context.getBean(DistributedLocks.class).tryAcquire("acl", Duration.ZERO)));
	}

	@Test
	void sessionsWithoutTimePermissionArePermissionErrorsRaisedInsideTheScript() {
		limitedUser("-time",
				(context) -> assertThatExceptionOfType(RedisPermissionException.class)
					.isThrownBy(() -> context.getBean(SessionStore.class).create("user"))
					.withMessageContaining("The user executing the script can't"));
	}

	@Test
	void rateLimitsWithoutPermissionDoNotFailOpen() {
		limitedUser("-time", (context) -> assertThatExceptionOfType(RedisPermissionException.class)
			.isThrownBy(() -> context.getBean(RateLimiterRegistry.class).limiter("open").tryAcquire("k")));
	}

	@Test
	void blacklistChecksWithoutPermissionDoNotApplyTheFailurePolicy() {
		limitedUser("-get -mget",
				(context) -> assertThatExceptionOfType(RedisPermissionException.class)
					.isThrownBy(() -> context.getBean(TokenBlacklist.class).isRevoked("jti-2"))
					.withMessageContaining("NOPERM"));
	}

	@Test
	void queueScriptsWithoutPermissionArePermissionErrors() {
		limitedUser("-time", (context) -> assertThatExceptionOfType(RedisPermissionException.class)
			.isThrownBy(() -> context.getBean(JobQueues.class).queue("mail").enqueue("send", "x")));
	}

	@Test
	void publishingWithoutPermissionIsAPermissionError() {
		limitedUser("-publish -xadd", (context) -> {
			RedisPubSub pubSub = context.getBean(RedisPubSub.class);
			assertThatExceptionOfType(RedisPermissionException.class).isThrownBy(() -> pubSub.publish("orders", "x"))
				.withMessageContaining("NOPERM");
			assertThatExceptionOfType(RedisPermissionException.class)
				.isThrownBy(() -> pubSub.publishReliably("orders", "x"))
				.withMessageContaining("NOPERM");
		});
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					RedisUtilsAutoConfiguration.class, RedisUtilsCacheAutoConfiguration.class,
					RedisUtilsLockAutoConfiguration.class, RedisUtilsSessionAutoConfiguration.class,
					RedisUtilsRateLimitAutoConfiguration.class, RedisUtilsBlacklistAutoConfiguration.class,
					RedisUtilsPubSubAutoConfiguration.class, RedisUtilsQueueAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues(this.redis.springProperties())
			.withPropertyValues("redis.key-prefix=errors", "redis.rate-limit.policies.api.limit=5",
					"redis.rate-limit.policies.api.window=1m", "redis.rate-limit.policies.api.on-failure=closed",
					"redis.rate-limit.policies.open.limit=5", "redis.rate-limit.policies.open.window=1m",
					"redis.rate-limit.policies.open.on-failure=open", "redis.cache.outage-backoff=0");
	}

	private void outOfMemory(ContextConsumer<AssertableApplicationContext> assertions) {
		runner().run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			config(template, "maxmemory-policy", "noeviction");
			config(template, "maxmemory", "1");
			try {
				assertions.accept(context);
			}
			finally {
				config(template, "maxmemory", "0");
			}
		});
	}

	private void limitedUser(String denied, ContextConsumer<AssertableApplicationContext> assertions) {
		List<String> rules = new java.util.ArrayList<>(List.of("reset", "on", ">secret", "~*", "&*", "+@all"));
		rules.addAll(List.of(denied.split(" ")));
		runner().run((admin) -> {
			StringRedisTemplate template = admin.getBean(StringRedisTemplate.class);
			template.execute((RedisCallback<Object>) (connection) -> connection.execute("ACL",
					bytes("SETUSER", "limited", rules.toArray(String[]::new))));
			runner().withPropertyValues("spring.data.redis.username=limited", "spring.data.redis.password=secret")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertions.accept(context);
				});
		});
	}

	private static byte[][] bytes(String first, String second, String... rest) {
		byte[][] args = new byte[rest.length + 2][];
		args[0] = first.getBytes();
		args[1] = second.getBytes();
		for (int i = 0; i < rest.length; i++) {
			args[i + 2] = rest[i].getBytes();
		}
		return args;
	}

	private static void config(StringRedisTemplate template, String name, String value) {
		template.execute((RedisCallback<Void>) (connection) -> {
			connection.serverCommands().setConfig(name, value);
			return null;
		});
	}

	static {
		// RedisUtilsException is the root of every type asserted here.
		assertThat(RedisPermissionException.class).isAssignableTo(RedisUtilsException.class);
	}

}
