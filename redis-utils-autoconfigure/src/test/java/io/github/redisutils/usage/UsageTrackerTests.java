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

package io.github.redisutils.usage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import io.github.redisutils.ApplicationInstances;
import io.github.redisutils.autoconfigure.RedisUtilsUsageAutoConfiguration;
import io.github.redisutils.core.MalformedRedisDataException;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link UsageTracker} against real servers, standalone and Cluster: counters per period
 * with their retention, decimal amounts without drift, range reads, top subjects, quotas,
 * malformed counters and property validation.
 *
 * @author redis-utils authors
 */
class UsageTrackerTests {

	private static ApplicationContextRunner runner(String[] redisProperties) {
		return ApplicationInstances
			.runner(RedisUtilsUsageAutoConfiguration.class, redisProperties, "usage-" + System.nanoTime())
			.withPropertyValues("redis.usage.metrics.cost.scale=6", "redis.usage.quotas.daily-tokens.metric=tokens",
					"redis.usage.quotas.daily-tokens.limits.day=100",
					"redis.usage.quotas.daily-tokens.limits.month=150", "redis.usage.quotas.spend.metric=cost",
					"redis.usage.quotas.spend.limits.day=0.5");
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void recordAddsToEveryPeriodWithItsRetention(String[] redisProperties) {
		runner(redisProperties).run((context) -> {
			UsageTracker usage = context.getBean(UsageTracker.class);
			List<Usage> after = usage.record("acme", "tokens", 40);
			assertThat(after).extracting((u) -> u.bucket().period())
				.containsExactly(UsagePeriod.HOUR, UsagePeriod.DAY, UsagePeriod.MONTH);
			assertThat(after).extracting(Usage::units).containsExactly(40L, 40L, 40L);
			assertThat(usage.record("acme", "tokens", 2)).extracting(Usage::units).containsExactly(42L, 42L, 42L);
			Instant now = Instant.now();
			assertThat(usage.usage("acme", "tokens", UsagePeriod.DAY, now).units()).isEqualTo(42);
			assertThat(usage.usage("acme", "other", UsagePeriod.DAY, now).units()).isZero();
			assertThat(usage.usage("acme", "tokens", UsagePeriod.DAY, now.minus(Duration.ofDays(3))).units()).isZero();
			UsagePeriod.Bucket hour = UsagePeriod.HOUR.bucket(now, ZoneOffset.UTC);
			long ttl = pttl(context, keys(context).tagged("acme", "hour", hour.id()));
			// Kept for 2 days after the hour ends
			assertThat(ttl).isBetween(Duration.ofDays(2).toMillis(), Duration.ofDays(2).plusHours(1).toMillis());
		});
	}

	@Test
	void decimalAmountsAddUpExactlyAndAreNeverRounded() {
		runner(RedisServers.standalone().springProperties()).run((context) -> {
			UsageTracker usage = context.getBean(UsageTracker.class);
			for (int i = 0; i < 10; i++) {
				usage.record("acme", "cost", new BigDecimal("0.1"));
			}
			Usage day = usage.usage("acme", "cost", UsagePeriod.DAY, Instant.now());
			assertThat(day.amount()).isEqualByComparingTo("1.0");
			assertThat(day.units()).isEqualTo(1_000_000);
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> usage.record("acme", "cost", new BigDecimal("0.0000001")))
				.withMessageContaining("redis.usage.metrics.cost.scale");
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> usage.record("acme", "tokens", new BigDecimal("1.5")))
				.withMessageContaining("0 decimal places");
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> usage.record("acme", "tokens", -1))
				.withMessageContaining("must not be negative");
		});
	}

	@Test
	void aRangeReadReturnsEveryPeriodOldestFirstInOneCall() {
		runner(RedisServers.standalone().springProperties()).run((context) -> {
			UsageTracker usage = context.getBean(UsageTracker.class);
			usage.record("acme", "tokens", 7);
			Instant now = Instant.now();
			List<Usage> days = usage.usage("acme", "tokens", UsagePeriod.DAY, now.minus(Duration.ofDays(6)), now);
			assertThat(days).hasSize(7);
			assertThat(days).extracting(Usage::units).containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 7L);
			assertThat(days.get(0).bucket().end()).isEqualTo(days.get(1).bucket().start());
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> usage.usage("acme", "tokens", UsagePeriod.HOUR, now.minus(Duration.ofDays(60)), now))
				.withMessageContaining("at most 1000");
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void topRanksSubjectsByUsage(String[] redisProperties) {
		runner(redisProperties).withPropertyValues("redis.usage.top.max-subjects=3").run((context) -> {
			UsageTracker usage = context.getBean(UsageTracker.class);
			usage.record("small", "tokens", 1);
			usage.record("big", "tokens", 50);
			usage.record("middle", "tokens", 10);
			usage.record("middle", "tokens", 15);
			usage.record("tiny", "tokens", 0);
			usage.record("huge", "tokens", 99);
			List<UsageRank> top = usage.top("tokens", UsagePeriod.MONTH, Instant.now(), 10);
			assertThat(top).extracting(UsageRank::subject).containsExactly("huge", "big", "middle");
			assertThat(top).extracting(UsageRank::units).containsExactly(99L, 50L, 25L);
			assertThat(top).extracting(UsageRank::rank).containsExactly(1, 2, 3);
			assertThat(usage.top("tokens", UsagePeriod.HOUR, Instant.now(), 1)).extracting(UsageRank::subject)
				.containsExactly("huge");
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void aQuotaAllowsWhatFitsEveryPeriodAndNamesTheBindingOne(String[] redisProperties) {
		runner(redisProperties).run((context) -> {
			UsageTracker usage = context.getBean(UsageTracker.class);
			QuotaResult first = usage.tryConsume("acme", 60, "daily-tokens");
			assertThat(first.allowed()).isTrue();
			assertThat(first.period()).isEqualTo(UsagePeriod.DAY);
			assertThat(first.used()).isEqualByComparingTo("60");
			assertThat(first.remaining()).isEqualByComparingTo("40");
			assertThat(first.limit()).isEqualByComparingTo("100");
			assertThat(first.retryAfter()).isZero();
			assertThat(first.resetAfter()).isPositive().isLessThanOrEqualTo(Duration.ofDays(1));
			QuotaResult refused = usage.tryConsume("acme", 41, "daily-tokens");
			assertThat(refused.allowed()).isFalse();
			assertThat(refused.used()).isEqualByComparingTo("60");
			assertThat(refused.remaining()).isEqualByComparingTo("40");
			assertThat(refused.retryAfter()).isEqualTo(refused.resetAfter()).isPositive();
			assertThat(usage.usage("acme", "tokens", UsagePeriod.DAY, Instant.now()).units()).as("nothing added")
				.isEqualTo(60);
			assertThat(usage.tryConsume("acme", 40, "daily-tokens").remaining()).isEqualByComparingTo("0");
			assertThat(usage.tryConsume("other", new BigDecimal("0.25"), "spend").remaining())
				.isEqualByComparingTo("0.25");
			assertThat(usage.tryConsume("other", new BigDecimal("0.26"), "spend").allowed()).isFalse();
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> usage.tryConsume("acme", 1, "missing"))
				.withMessageContaining("No quota 'missing'");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("redis.usage.quota.decisions")
				.tag("quota", "daily-tokens")
				.tag("outcome", "rejected")
				.counter()
				.count()).isEqualTo(1);
			assertThat(meters.get("redis.usage.recorded").tag("metric", "tokens").counter().count()).isEqualTo(100);
		});
	}

	@Test
	void theMonthBindsWhenItIsTheLimitThatRefuses() {
		runner(RedisServers.standalone().springProperties()).run((context) -> {
			UsageTracker usage = context.getBean(UsageTracker.class);
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			Instant now = Instant.now();
			// 140 used earlier this month, nothing today
			redis.opsForHash()
				.put(keys(context).tagged("acme", "month", UsagePeriod.MONTH.bucket(now, ZoneOffset.UTC).id()),
						"tokens", "140");
			QuotaResult refused = usage.tryConsume("acme", 20, "daily-tokens");
			assertThat(refused.allowed()).isFalse();
			assertThat(refused.period()).isEqualTo(UsagePeriod.MONTH);
			assertThat(refused.remaining()).isEqualByComparingTo("10");
			QuotaResult allowed = usage.tryConsume("acme", 5, "daily-tokens");
			assertThat(allowed.period()).as("the least left").isEqualTo(UsagePeriod.MONTH);
			assertThat(allowed.remaining()).isEqualByComparingTo("5");
		});
	}

	@Test
	void malformedCountersAreTypedExceptionsNamingTheKey() {
		runner(RedisServers.standalone().springProperties()).run((context) -> {
			UsageTracker usage = context.getBean(UsageTracker.class);
			String key = keys(context).tagged("acme", "day",
					UsagePeriod.DAY.bucket(Instant.now(), ZoneOffset.UTC).id());
			context.getBean(StringRedisTemplate.class).opsForHash().put(key, "tokens", "lots");
			assertThatExceptionOfType(MalformedRedisDataException.class)
				.isThrownBy(() -> usage.record("acme", "tokens", 1))
				.withMessageContaining(key);
			assertThatExceptionOfType(MalformedRedisDataException.class)
				.isThrownBy(() -> usage.usage("acme", "tokens", UsagePeriod.DAY, Instant.now()))
				.withMessageContaining(key);
			assertThat(usage.usage("acme", "tokens", UsagePeriod.MONTH, Instant.now()).units()).as("nothing added")
				.isZero();
		});
	}

	@Test
	void periodsFollowTheConfiguredZone() {
		ZoneId tokyo = ZoneId.of("Asia/Tokyo");
		Instant lateUtc = Instant.parse("2026-12-03T20:30:00Z");
		UsagePeriod.Bucket day = UsagePeriod.DAY.bucket(lateUtc, tokyo);
		assertThat(day.id()).isEqualTo("2026-12-04");
		assertThat(day.start()).isEqualTo(Instant.parse("2026-12-03T15:00:00Z"));
		assertThat(UsagePeriod.HOUR.bucket(lateUtc, ZoneOffset.UTC).id()).isEqualTo("2026-12-03T20Z");
		ZoneId berlin = ZoneId.of("Europe/Berlin");
		// Clocks go back at 03:00 on 2026-10-25: the repeated hour is another hour
		UsagePeriod.Bucket first = UsagePeriod.HOUR.bucket(Instant.parse("2026-10-25T00:30:00Z"), berlin);
		UsagePeriod.Bucket second = UsagePeriod.HOUR.bucket(Instant.parse("2026-10-25T01:30:00Z"), berlin);
		assertThat(first.id()).isNotEqualTo(second.id());
		assertThat(UsagePeriod.MONTH.bucket(lateUtc, tokyo).end()).isEqualTo(Instant.parse("2026-12-31T15:00:00Z"));
	}

	@Test
	void invalidPropertiesFailStartUpNamingTheKey() {
		ApplicationContextRunner runner = ApplicationInstances.runner(RedisUtilsUsageAutoConfiguration.class,
				RedisServers.standalone().springProperties(), "usage-invalid");
		runner.withPropertyValues("redis.usage.metrics.cost.scale=12").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("redis.usage.metrics.cost.scale")
				.hasMessageContaining("0 to 9");
		});
		runner
			.withPropertyValues("redis.usage.periods=day", "redis.usage.quotas.q.metric=tokens",
					"redis.usage.quotas.q.limits.hour=5")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("redis.usage.quotas.q.limits.hour")
					.hasMessageContaining("not counted");
			});
		runner.withPropertyValues("redis.usage.quotas.q.limits.day=5").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("redis.usage.quotas.q.metric");
		});
		runner.withPropertyValues("redis.usage.retention.day=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("redis.usage.retention.day");
		});
	}

	private static RedisKeys.FeatureKeys keys(AssertableApplicationContext context) {
		return context.getBean(RedisKeys.class).feature(UsageTracker.FEATURE);
	}

	private static long pttl(AssertableApplicationContext context, String key) {
		Long ttl = context.getBean(StringRedisTemplate.class)
			.getExpire(key, java.util.concurrent.TimeUnit.MILLISECONDS);
		return (ttl != null) ? ttl : -2;
	}

}
