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

package io.github.redisutils.batch;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.redisutils.ApplicationInstances;
import io.github.redisutils.autoconfigure.RedisUtilsBatchAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsValuesAutoConfiguration;
import io.github.redisutils.core.MalformedRedisDataException;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.core.RedisUtilsException;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.github.redisutils.values.RedisValues;
import io.github.redisutils.values.ValueExpiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link RedisBatches} against real servers, standalone and Cluster: results in call
 * order across types, one bad entry among good ones, an empty batch, TTLs, keys across
 * many slots, the size limit, an outage, and meters.
 *
 * @author redis-utils authors
 */
class RedisBatchesTests {

	private static ApplicationContextRunner runner(String[] redisProperties) {
		return ApplicationInstances
			.runner(RedisUtilsBatchAutoConfiguration.class, redisProperties, "batch-" + System.nanoTime())
			.withConfiguration(AutoConfigurations.of(RedisUtilsValuesAutoConfiguration.class));
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void resultsComeBackInCallOrderWithTheirTypes(String[] redisProperties) {
		runner(redisProperties).run((context) -> {
			RedisBatches batches = context.getBean(RedisBatches.class);
			BatchResults results = batches.batch()
				.set("name", "alice")
				.set("account", new Account("alice", 10), Duration.ofMinutes(1))
				.get("missing", String.class)
				.increment("hits", 5)
				.increment("hits", -2)
				.hashPut("profile", "city", "Oslo")
				.hashPut("profile", "city", "Bergen")
				.hashGet("profile", "city", String.class)
				.hashGet("profile", "zip", String.class)
				.get("account", Account.class)
				.get("name", String.class)
				.get("hits", Long.class)
				.delete("name")
				.delete("name")
				.get("name", String.class)
				.execute();
			assertThat(results.allSucceeded()).isTrue();
			assertThat(results.entries()).extracting(BatchResult::index)
				.containsExactlyElementsOf(IntStream.range(0, 15).boxed().toList());
			assertThat(results.entries()).extracting(BatchResult::value)
				.containsExactly(true, true, Optional.empty(), 5L, 3L, true, false, Optional.of("Bergen"),
						Optional.empty(), Optional.of(new Account("alice", 10)), Optional.of("alice"), Optional.of(3L),
						true, false, Optional.empty());
			assertThat(results.read(9, Account.class)).contains(new Account("alice", 10));
			assertThat(results.get(9).operation()).isEqualTo("get");
			assertThat(results.get(7).operation()).isEqualTo("hash-get");
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void oneBadEntryFailsAloneAmongGoodOnes(String[] redisProperties) {
		runner(redisProperties).run((context) -> {
			RedisBatches batches = context.getBean(RedisBatches.class);
			batches.batch().set("text", "not a number").hashPut("hash", "f", 1).execute();
			BatchResults results = batches.batch()
				.set("a", 1)
				.hashGet("text", "f", String.class)
				.get("hash", String.class)
				.increment("text", 1)
				.get("text", Integer.class)
				.set("b", 2)
				.get("a", Integer.class)
				.execute();
			assertThat(results.size()).isEqualTo(7);
			assertThat(results.failures()).extracting(BatchResult::index).containsExactly(1, 2, 3, 4);
			assertThat(results.get(1).error()).isInstanceOf(RedisUtilsException.class)
				.hasMessageContaining("WRONGTYPE")
				.hasMessageContaining(key(context, "text"));
			assertThat(results.get(2).error()).hasMessageContaining("WRONGTYPE");
			assertThat(results.get(3).error()).hasMessageContaining("not an integer");
			assertThat(results.get(4).error()).as("the codec could not read it")
				.isInstanceOf(MalformedRedisDataException.class)
				.hasMessageContaining(key(context, "text"));
			assertThatExceptionOfType(MalformedRedisDataException.class)
				.isThrownBy(() -> results.read(4, Integer.class));
			assertThat(results.read(6, Integer.class)).contains(1);
			assertThat(results.get(5).value()).isEqualTo(true);
			assertThat(context.getBean(RedisValues.class).get("b", Integer.class)).contains(2);
			assertThat(context.getBean(MeterRegistry.class)
				.get("redis.batch.executions")
				.tag("outcome", "partial")
				.timer()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void anEmptyBatchAnswersWithoutRedis() {
		runner(RedisServers.standalone().springProperties()).run((context) -> {
			RedisBatch batch = context.getBean(RedisBatches.class).batch();
			assertThat(batch.size()).isZero();
			assertThat(batch.execute().entries()).isEmpty();
			assertThat(context.getBean(MeterRegistry.class).get("redis.batch.size").summary().count()).isZero();
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void timeToLiveIsAppliedPerEntry(String[] redisProperties) {
		runner(redisProperties).run((context) -> {
			RedisBatches batches = context.getBean(RedisBatches.class);
			context.getBean(RedisValues.class).set("plain", "old", ValueExpiry.after(Duration.ofMinutes(5)));
			batches.batch()
				.set("session", "s1", Duration.ofSeconds(30))
				.set("plain", "forever")
				.increment("counter", 1, Duration.ofMinutes(2))
				.increment("untimed", 1)
				.execute();
			assertThat(pttl(context, "session")).isBetween(1L, 30_000L);
			assertThat(pttl(context, "plain")).as("a set without TTL removes it").isEqualTo(-1);
			assertThat(pttl(context, "counter")).isBetween(60_000L, 120_000L);
			assertThat(pttl(context, "untimed")).isEqualTo(-1);
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void keysAcrossManySlotsRoundTripInOrder(String[] redisProperties) {
		runner(redisProperties).run((context) -> {
			RedisBatches batches = context.getBean(RedisBatches.class);
			List<String> names = IntStream.range(0, 300).mapToObj((i) -> "item-" + i).toList();
			Set<Integer> slots = names.stream()
				.map((name) -> SlotHash.getSlot(key(context, name)))
				.collect(Collectors.toSet());
			assertThat(slots).hasSizeGreaterThan(250);
			RedisBatch writes = batches.batch();
			names.forEach((name) -> writes.set(name, new Account(name, name.length()), Duration.ofMinutes(1)));
			assertThat(writes.execute().allSucceeded()).isTrue();
			RedisBatch reads = batches.batch();
			for (int i = names.size() - 1; i >= 0; i--) {
				reads.get(names.get(i), Account.class);
			}
			BatchResults results = reads.execute();
			for (int i = 0; i < names.size(); i++) {
				String name = names.get(names.size() - 1 - i);
				assertThat(results.read(i, Account.class)).contains(new Account(name, name.length()));
			}
		});
	}

	@Test
	void aBatchHoldsAtMostTheMaximumSizeAndRunsOnce() {
		runner(RedisServers.standalone().springProperties()).withPropertyValues("redis.batch.max-size=2")
			.run((context) -> {
				RedisBatch batch = context.getBean(RedisBatches.class).batch().get("a", String.class).delete("b");
				assertThatIllegalArgumentException().isThrownBy(() -> batch.increment("c", 1))
					.withMessageContaining("redis.batch.max-size");
				assertThat(batch.execute().size()).isEqualTo(2);
				assertThatExceptionOfType(IllegalStateException.class).isThrownBy(batch::execute);
			});
	}

	@Test
	void anOutageFailsTheWholeBatchAndIsThenSkipped() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			runner(redis.springProperties())
				.withPropertyValues("spring.data.redis.timeout=300ms", "redis.outage.backoff=30s")
				.run((context) -> {
					RedisBatches batches = context.getBean(RedisBatches.class);
					batches.batch().set("v", 1).execute();
					redis.pause();
					try {
						assertThatExceptionOfType(RedisUnavailableException.class)
							.isThrownBy(() -> batches.batch().get("v", Integer.class).increment("v", 1).execute());
						assertThatExceptionOfType(RedisUnavailableException.class)
							.isThrownBy(() -> batches.batch().get("v", Integer.class).execute())
							.withMessageContaining("skipped for the outage back-off");
					}
					finally {
						redis.resume();
					}
					MeterRegistry meters = context.getBean(MeterRegistry.class);
					assertThat(meters.get("redis.batch.executions").tag("outcome", "error").timer().count())
						.isEqualTo(2);
					assertThat(meters.get("redis.outage.bypassed")
						.tag("feature", RedisBatches.FEATURE)
						.functionCounter()
						.count()).isEqualTo(1);
				});
		}
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
