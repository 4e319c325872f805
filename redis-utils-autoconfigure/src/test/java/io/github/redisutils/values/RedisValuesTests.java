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

package io.github.redisutils.values;

import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.redisutils.ApplicationInstances;
import io.github.redisutils.autoconfigure.RedisUtilsValuesAutoConfiguration;
import io.github.redisutils.core.MalformedRedisDataException;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.core.RedisUtilsException;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link RedisValues} against real servers, standalone and Cluster: each operation's
 * answer, what it does to the time to live, compare-and-set by encoded value (with and
 * without encryption), malformed data and outages as typed exceptions, and meters.
 *
 * @author redis-utils authors
 */
class RedisValuesTests {

	private static final String AES_128 = Base64.getEncoder().encodeToString(new byte[16]);

	private static ApplicationContextRunner runner(String[] redisProperties) {
		return ApplicationInstances.runner(RedisUtilsValuesAutoConfiguration.class, redisProperties,
				"values-" + System.nanoTime());
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void setIfAbsentWritesOnceWithItsTimeToLive(String[] redisProperties) {
		runner(redisProperties).run((context) -> {
			RedisValues values = context.getBean(RedisValues.class);
			assertThat(values.setIfAbsent("leader", "a", ValueExpiry.after(Duration.ofMinutes(1)))).isTrue();
			assertThat(values.setIfAbsent("leader", "b", ValueExpiry.after(Duration.ofMinutes(1)))).isFalse();
			assertThat(values.get("leader", String.class)).contains("a");
			assertThat(pttl(context, "leader")).isBetween(50_000L, 60_000L);
			assertThat(values.setIfAbsent("forever", "x", ValueExpiry.never())).isTrue();
			assertThat(pttl(context, "forever")).isEqualTo(-1);
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void compareAndSetReplacesOnlyTheExpectedValue(String[] redisProperties) {
		runner(redisProperties).run((context) -> {
			RedisValues values = context.getBean(RedisValues.class);
			assertThat(values.compareAndSet("state", "new", "running", ValueExpiry.keep())).as("no value").isFalse();
			values.set("state", "new", ValueExpiry.after(Duration.ofMinutes(1)));
			assertThat(values.compareAndSet("state", "other", "running", ValueExpiry.keep())).isFalse();
			assertThat(values.get("state", String.class)).contains("new");
			assertThat(values.compareAndSet("state", "new", "running", ValueExpiry.keep())).isTrue();
			assertThat(values.get("state", String.class)).contains("running");
			assertThat(pttl(context, "state")).as("kept").isBetween(50_000L, 60_000L);
			assertThat(values.compareAndSet("state", "running", "done", ValueExpiry.onCreate(Duration.ofSeconds(5))))
				.isTrue();
			assertThat(pttl(context, "state")).as("the key existed: kept").isGreaterThan(5_000L);
			assertThat(values.compareAndSet("state", "done", "archived", ValueExpiry.after(Duration.ofSeconds(5))))
				.isTrue();
			assertThat(pttl(context, "state")).isBetween(1L, 5_000L);
			assertThat(values.compareAndSet("state", "archived", "kept", ValueExpiry.never())).isTrue();
			assertThat(pttl(context, "state")).isEqualTo(-1);
		});
	}

	@Test
	void equalMapsCompareEqualWhateverTheirOrder() {
		runner(RedisServers.standalone().springProperties()).run((context) -> {
			RedisValues values = context.getBean(RedisValues.class);
			Map<String, Object> written = new LinkedHashMap<>();
			written.put("b", 2);
			written.put("a", List.of(1, 2));
			written.put("c", Map.of("y", 1, "x", 2));
			values.set("config", written, ValueExpiry.after(Duration.ofMinutes(1)));
			Map<String, Object> expected = new LinkedHashMap<>();
			expected.put("c", new LinkedHashMap<>(Map.of("x", 2, "y", 1)));
			expected.put("a", List.of(1, 2));
			expected.put("b", 2);
			assertThat(values.compareAndSet("config", expected, Map.of("v", 2), ValueExpiry.keep())).isTrue();
			assertThat(values.compareAndSet("config", Map.of("v", 3), Map.of("v", 4), ValueExpiry.keep())).isFalse();
		});
	}

	@Test
	void compareAndSetComparesEncryptedValuesByWhatTheyHold() {
		runner(RedisServers.standalone().springProperties())
			.withPropertyValues("redis.codec.encryption.enabled=true", "redis.codec.encryption.key=" + AES_128)
			.run((context) -> {
				RedisValues values = context.getBean(RedisValues.class);
				values.set("secret", new Account("alice", 10), ValueExpiry.after(Duration.ofMinutes(1)));
				String stored = context.getBean(StringRedisTemplate.class).opsForValue().get(key(context, "secret"));
				assertThat(stored).as("encrypted").doesNotContain("alice");
				assertThat(values.compareAndSet("secret", new Account("alice", 9), new Account("alice", 0),
						ValueExpiry.keep()))
					.isFalse();
				assertThat(values.compareAndSet("secret", new Account("alice", 10), new Account("alice", 11),
						ValueExpiry.keep()))
					.isTrue();
				assertThat(values.get("secret", Account.class)).contains(new Account("alice", 11));
			});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void getAndSetGetAndDeleteAndGetAndExpireReturnThePreviousValue(String[] redisProperties) {
		runner(redisProperties).run((context) -> {
			RedisValues values = context.getBean(RedisValues.class);
			assertThat(values.getAndSet("token", "t1", String.class, ValueExpiry.onCreate(Duration.ofSeconds(30))))
				.isEmpty();
			long created = pttl(context, "token");
			assertThat(created).isBetween(1L, 30_000L);
			assertThat(values.getAndSet("token", "t2", String.class, ValueExpiry.onCreate(Duration.ofHours(1))))
				.contains("t1");
			assertThat(pttl(context, "token")).as("set when created, kept after").isLessThanOrEqualTo(created);
			assertThat(values.getAndExpire("token", String.class, ValueExpiry.after(Duration.ofHours(1))))
				.contains("t2");
			assertThat(pttl(context, "token")).isGreaterThan(3_000_000L);
			assertThat(values.getAndExpire("token", String.class, ValueExpiry.never())).contains("t2");
			assertThat(pttl(context, "token")).isEqualTo(-1);
			assertThat(values.getAndExpire("missing", String.class, ValueExpiry.after(Duration.ofHours(1)))).isEmpty();
			assertThat(values.getAndDelete("token", String.class)).contains("t2");
			assertThat(values.getAndDelete("token", String.class)).isEmpty();
			assertThat(values.get("token", String.class)).isEmpty();
			assertThat(values.delete("token")).isFalse();
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void incrementSetsTheTimeToLiveOnCreationOrOnEveryIncrement(String[] redisProperties) {
		runner(redisProperties).run((context) -> {
			RedisValues values = context.getBean(RedisValues.class);
			assertThat(values.increment("hits", 5, ValueExpiry.onCreate(Duration.ofSeconds(30)))).isEqualTo(5);
			long created = pttl(context, "hits");
			assertThat(created).isBetween(1L, 30_000L);
			assertThat(values.increment("hits", -2, ValueExpiry.onCreate(Duration.ofHours(1)))).isEqualTo(3);
			assertThat(pttl(context, "hits")).isLessThanOrEqualTo(created);
			assertThat(values.increment("hits", 1, ValueExpiry.after(Duration.ofHours(1)))).isEqualTo(4);
			assertThat(pttl(context, "hits")).isGreaterThan(3_000_000L);
			assertThat(values.get("hits", Long.class)).contains(4L);
			assertThat(values.increment("hits", 1, ValueExpiry.never())).isEqualTo(5);
			assertThat(pttl(context, "hits")).isEqualTo(-1);
		});
	}

	@Test
	void malformedValuesAreTypedExceptionsNamingTheKey() {
		runner(RedisServers.standalone().springProperties()).run((context) -> {
			RedisValues values = context.getBean(RedisValues.class);
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			values.set("name", "alice", ValueExpiry.after(Duration.ofMinutes(1)));
			assertThatExceptionOfType(MalformedRedisDataException.class)
				.isThrownBy(() -> values.increment("name", 1, ValueExpiry.keep()))
				.withMessageContaining(key(context, "name"));
			assertThatExceptionOfType(MalformedRedisDataException.class)
				.isThrownBy(() -> values.get("name", Account.class))
				.withMessageContaining(key(context, "name"))
				.withMessageContaining(Account.class.getName());
			redis.opsForValue().set(key(context, "garbage"), "{not json");
			assertThatExceptionOfType(MalformedRedisDataException.class)
				.isThrownBy(() -> values.get("garbage", String.class))
				.withMessageContaining(key(context, "garbage"));
			// Not the expected value, whatever it is: left alone
			assertThat(values.compareAndSet("garbage", "x", "y", ValueExpiry.keep())).isFalse();
			assertThat(redis.opsForValue().get(key(context, "garbage"))).isEqualTo("{not json");
			redis.opsForHash().put(key(context, "hash"), "f", "v");
			assertThatExceptionOfType(MalformedRedisDataException.class)
				.isThrownBy(() -> values.getAndSet("hash", "x", String.class, ValueExpiry.keep()))
				.withMessageContaining(key(context, "hash"));
			assertThatExceptionOfType(MalformedRedisDataException.class)
				.isThrownBy(() -> values.get("hash", String.class))
				.withMessageContaining(key(context, "hash"));
			redis.opsForValue().set(key(context, "big"), Long.toString(Long.MAX_VALUE));
			assertThatExceptionOfType(RedisUtilsException.class)
				.isThrownBy(() -> values.increment("big", 1, ValueExpiry.keep()))
				.withMessageContaining(key(context, "big"))
				.withMessageContaining("overflow");
			assertThat(redis.opsForValue().get(key(context, "big"))).isEqualTo(Long.toString(Long.MAX_VALUE));
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> values.set("name", null, ValueExpiry.keep()))
				.withMessageContaining("'value' must not be null");
		});
	}

	@Test
	void everyOperationIsTimedByOutcome() {
		runner(RedisServers.standalone().springProperties()).run((context) -> {
			RedisValues values = context.getBean(RedisValues.class);
			values.setIfAbsent("m", 1, ValueExpiry.after(Duration.ofMinutes(1)));
			values.setIfAbsent("m", 1, ValueExpiry.after(Duration.ofMinutes(1)));
			values.compareAndSet("m", 2, 3, ValueExpiry.keep());
			values.get("absent", String.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(count(meters, "set-if-absent", "success")).isEqualTo(1);
			assertThat(count(meters, "set-if-absent", "conflict")).isEqualTo(1);
			assertThat(count(meters, "compare-and-set", "conflict")).isEqualTo(1);
			assertThat(count(meters, "get", "absent")).isEqualTo(1);
		});
	}

	@Test
	void anOutageIsRedisUnavailableAndThenSkipped() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			runner(redis.springProperties())
				.withPropertyValues("spring.data.redis.timeout=300ms", "redis.outage.backoff=30s")
				.run((context) -> {
					RedisValues values = context.getBean(RedisValues.class);
					values.set("v", 1, ValueExpiry.after(Duration.ofMinutes(1)));
					redis.pause();
					try {
						assertThatExceptionOfType(RedisUnavailableException.class)
							.isThrownBy(() -> values.increment("v", 1, ValueExpiry.keep()));
						long start = System.nanoTime();
						assertThatExceptionOfType(RedisUnavailableException.class)
							.isThrownBy(() -> values.get("v", Integer.class))
							.withMessageContaining("skipped for the outage back-off");
						assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
					}
					finally {
						redis.resume();
					}
					assertThat(context.getBean(MeterRegistry.class)
						.get("redis.outage.bypassed")
						.tag("feature", RedisValues.FEATURE)
						.functionCounter()
						.count()).isEqualTo(1);
				});
		}
	}

	private static double count(MeterRegistry meters, String operation, String outcome) {
		return meters.get("redis.values.operations")
			.tag("operation", operation)
			.tag("outcome", outcome)
			.timer()
			.count();
	}

	private static long pttl(AssertableApplicationContext context, String name) {
		Long pttl = context.getBean(StringRedisTemplate.class)
			.execute(
					(RedisCallback<Long>) (connection) -> connection.keyCommands().pTtl(key(context, name).getBytes()));
		return Optional.ofNullable(pttl).orElseThrow();
	}

	private static String key(AssertableApplicationContext context, String name) {
		return context.getBean(RedisKeys.class).feature(RedisValues.FEATURE).key(name);
	}

	record Account(String owner, long balance) {
	}

}
