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
import java.util.Set;

import io.github.redisutils.blacklist.TokenBlacklist;
import io.github.redisutils.blacklist.TokenDescriptor;
import io.github.redisutils.cache.CacheStore;
import io.github.redisutils.core.MalformedRedisDataException;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.queue.JobHandlers;
import io.github.redisutils.queue.JobInfo;
import io.github.redisutils.queue.JobQueue;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.queue.JobStatus;
import io.github.redisutils.ratelimit.RateLimiterRegistry;
import io.github.redisutils.session.Session;
import io.github.redisutils.session.SessionStore;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * State written by another client (here a plain {@link StringRedisTemplate}) that does
 * not have the shape the library wrote turns into {@link MalformedRedisDataException}
 * naming the key and the field, or into the feature's documented fallback; never a JDK
 * exception, a silent default or a wrong answer.
 *
 * @author redis-utils authors
 */
class HostileDataTests {

	private final String prefix = "hostile-" + Long.toHexString(System.nanoTime());

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsCacheAutoConfiguration.class, RedisUtilsLockAutoConfiguration.class,
				RedisUtilsSessionAutoConfiguration.class, RedisUtilsRateLimitAutoConfiguration.class,
				RedisUtilsBlacklistAutoConfiguration.class, RedisUtilsQueueAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues(RedisServers.standalone().springProperties())
		.withPropertyValues("redis.key-prefix=" + this.prefix, "redis.rate-limit.policies.bucket.limit=5",
				"redis.rate-limit.policies.bucket.window=1m", "redis.rate-limit.policies.bucket.algorithm=token-bucket",
				"redis.rate-limit.policies.fixed.limit=5", "redis.rate-limit.policies.fixed.window=1m",
				"redis.rate-limit.policies.fixed.algorithm=fixed-window", "redis.rate-limit.policies.gcra.limit=5",
				"redis.rate-limit.policies.gcra.window=1m", "redis.rate-limit.policies.gcra.algorithm=gcra",
				"redis.rate-limit.policies.approximate.limit=5", "redis.rate-limit.policies.approximate.window=1m",
				"redis.rate-limit.policies.approximate.algorithm=sliding-window-approximate",
				"redis.queue.shutdown-timeout=2s", "redis.queue.queues.work.concurrency=1");

	@ParameterizedTest
	@ValueSource(strings = { "ct", "la", "exp", "abs" })
	void aSessionWithANonNumericTimeFieldIsMalformedWhenFound(String field) {
		this.runner.run((context) -> {
			SessionStore sessions = context.getBean(SessionStore.class);
			Session session = sessions.create("alice");
			String key = onlyKey(context, "*session*", "hash", "uid");
			template(context).opsForHash().put(key, field, "abc");
			assertMalformed(() -> sessions.find(session.id()), key, field);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "la", "exp", "abs", "idle" })
	void touchingASessionWithANonNumericFieldIsMalformedNamingTheKeyAndField(String field) {
		this.runner.run((context) -> {
			SessionStore sessions = context.getBean(SessionStore.class);
			Session session = sessions.create("bob");
			String key = onlyKey(context, "*session*", "hash", "uid");
			template(context).opsForHash().put(key, field, "abc");
			assertMalformed(() -> sessions.touch(session.id()), key, field);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "attempt", "max", "prio", "state" })
	void aJobWithAMalformedFieldIsMalformedWhenFound(String field) {
		this.runner.run((context) -> {
			JobQueue queue = context.getBean(JobQueues.class).queue("find");
			String id = queue.enqueue("send", "x");
			String key = onlyKey(context, "*job:" + id, "hash", "state");
			template(context).opsForHash().put(key, field, "abc");
			assertMalformed(() -> queue.find(id), key, field);
		});
	}

	@Test
	void aWorkerSendsAJobWithAMalformedAttemptToTheDeadLettersAndKeepsServingTheQueue() {
		this.runner.run((context) -> {
			JobQueue queue = context.getBean(JobQueues.class).queue("work");
			String bad = queue.enqueue("send", "bad");
			String key = onlyKey(context, "*job:" + bad, "hash", "state");
			template(context).opsForHash().put(key, "attempt", "abc");
			String good = queue.enqueue("send", "good");
			Set<String> handled = java.util.concurrent.ConcurrentHashMap.newKeySet();
			context.getBean(JobHandlers.class).register("send", String.class, (payload, job) -> handled.add(payload));
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (!handled.contains("good") && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(handled).containsExactly("good");
			// Completions are written in batches, just after the handler returns.
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> queue.find(good).map(JobInfo::status).orElse(null) == JobStatus.COMPLETED);
			assertThat(queue.sizes().dead()).isEqualTo(1);
			assertThat(template(context).opsForHash().get(key, "state")).isEqualTo("dead");
			assertThat((String) template(context).opsForHash().get(key, "err")).contains("attempt");
			// Reading it still says what is wrong, rather than guessing.
			assertThatExceptionOfType(MalformedRedisDataException.class).isThrownBy(() -> queue.find(bad));
		});
	}

	@Test
	void aLockWhoseFencingCounterIsNotANumberIsMalformed() {
		this.runner.run((context) -> {
			String fence = RedisKeys.withPrefix(this.prefix).feature("lock").tagged("fenced", "fence");
			template(context).opsForValue().set(fence, "abc");
			assertThatExceptionOfType(MalformedRedisDataException.class)
				.isThrownBy(() -> context.getBean(DistributedLocks.class).tryAcquire("fenced", Duration.ZERO));
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "bucket", "gcra", "fixed", "approximate" })
	void rateLimitStateThatIsNotANumberIsMalformedInsteadOfAFreshLimit(String policy) {
		this.runner.run((context) -> {
			RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
			registry.limiter(policy).tryAcquire("client");
			StringRedisTemplate template = template(context);
			String key = template.keys(this.prefix + ":rate-limit:*" + policy + "*")
				.stream()
				.filter((candidate) -> !candidate.endsWith("blocked"))
				.findFirst()
				.orElseThrow();
			if ("string".equals(template.type(key).code())) {
				template.opsForValue().set(key, "abc");
			}
			else {
				template.opsForHash().keys(key).forEach((field) -> template.opsForHash().put(key, field, "abc"));
			}
			assertThatExceptionOfType(MalformedRedisDataException.class)
				.isThrownBy(() -> registry.limiter(policy).tryAcquire("client"))
				.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(key));
		});
	}

	@Test
	void aSubjectRevocationThatIsNotANumberIsMalformedNotAnAnswer() {
		this.runner.run((context) -> {
			TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
			blacklist.revokeAllForUser("carol");
			String key = onlyKey(context, "*blacklist*carol*", "string", null);
			template(context).opsForValue().set(key, "abc");
			TokenDescriptor token = new TokenDescriptor("jti-9", "carol", Instant.now(), null);
			assertThatExceptionOfType(MalformedRedisDataException.class).isThrownBy(() -> blacklist.isRevoked(token))
				.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(key));
		});
	}

	@Test
	void aCacheEntryThatCannotBeDecodedIsAMissAndTheLoaderReplacesIt() {
		this.runner.run((context) -> {
			CacheStore cache = context.getBean(CacheStore.class);
			cache.put("entry", "value", Duration.ofMinutes(1));
			String key = onlyKey(context, "*cache*entry*", "string", null);
			template(context).opsForValue().set(key, "abc");
			assertThat(cache.get("entry", String.class)).isEmpty();
			assertThat(cache.getOrLoad("entry", String.class, Duration.ofMinutes(1), () -> "loaded"))
				.isEqualTo("loaded");
			assertThat(cache.get("entry", String.class))
				.hasValueSatisfying((hit) -> assertThat(hit.value()).isEqualTo("loaded"));
		});
	}

	private static void assertMalformed(ThrowingCallable call, String key, String field) {
		assertThatExceptionOfType(MalformedRedisDataException.class).isThrownBy(call).satisfies((ex) -> {
			assertThat(ex.getKey()).isEqualTo(key);
			assertThat(ex.getField()).isEqualTo(field);
		});
	}

	private String onlyKey(org.springframework.context.ApplicationContext context, String pattern, String type,
			String requiredField) {
		StringRedisTemplate template = template(context);
		return template.keys(this.prefix + ":" + pattern)
			.stream()
			.filter((key) -> type.equals(template.type(key).code()))
			.filter((key) -> requiredField == null || template.opsForHash().hasKey(key, requiredField))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + type + " key matches " + pattern));
	}

	private static StringRedisTemplate template(org.springframework.context.ApplicationContext context) {
		return context.getBean(StringRedisTemplate.class);
	}

}
