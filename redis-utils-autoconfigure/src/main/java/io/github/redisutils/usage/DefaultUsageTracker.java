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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisReplies;
import io.github.redisutils.core.RedisTemplates;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.util.Assert;

/**
 * {@link UsageTracker} on one script per usage. The caller computes the periods from its
 * clock corrected by what it learnt of the server's; the script checks them against the
 * server's time and, when they are off, answers with that time so the caller computes
 * them again: by the server's clock in every case, one round trip in the usual one.
 */
final class DefaultUsageTracker implements UsageTracker {

	private static final RedisSerializer<byte[]> BYTES = RedisSerializer.byteArray();

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static final RedisSerializer<List> ELEMENTS = (RedisSerializer) BYTES;

	/**
	 * Attempts of a usage whose periods the server's clock refused; the second uses the
	 * server's time, so a third happens only when a period ends between the two.
	 */
	private static final int ATTEMPTS = 3;

	private static final long NO_LIMIT = -1;

	private final RedisTemplate<String, byte[]> template;

	private final RedisKeys.FeatureKeys keys;

	private final UsageOptions options;

	private final OutageBackoff outage;

	private final UsageMetrics metrics;

	private final List<UsagePeriod> periods;

	/**
	 * Whether Redis is a Cluster, where the top sets live in another slot than the
	 * counters and need a call of their own. Learnt on first use.
	 */
	private volatile @Nullable Boolean cluster;

	/**
	 * The server's clock minus this JVM's, as last seen by a refused usage.
	 */
	private volatile long serverOffsetMillis;

	DefaultUsageTracker(RedisConnectionFactory connectionFactory, RedisKeys keys, UsageOptions options,
			OutageBackoff outage, UsageMetrics metrics) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(keys, "'keys' must not be null");
		Assert.notNull(options, "'options' must not be null");
		Assert.notNull(outage, "'outage' must not be null");
		this.template = RedisTemplates.binary(connectionFactory);
		this.keys = keys.feature(FEATURE);
		this.options = options;
		this.outage = outage;
		this.metrics = metrics;
		this.periods = options.periods();
	}

	@Override
	public List<Usage> record(String subject, String metric, long amount) {
		Assert.isTrue(amount >= 0, () -> "'amount' must not be negative (was " + amount + ")");
		return add(subject, metric, amount, null).usage();
	}

	@Override
	public List<Usage> record(String subject, String metric, BigDecimal amount) {
		return record(subject, metric, units(metric, amount));
	}

	@Override
	public QuotaResult tryConsume(String subject, long amount, String quota) {
		Quota definition = quota(quota);
		Assert.isTrue(amount > 0, () -> "'amount' must be positive (was " + amount + ")");
		Added added;
		try {
			added = add(subject, definition.metric(), amount, definition);
		}
		catch (RuntimeException ex) {
			this.metrics.decided(quota, "error");
			throw ex;
		}
		QuotaResult result = decision(definition, amount, added);
		this.metrics.decided(quota, result.allowed() ? "allowed" : "rejected");
		return result;
	}

	@Override
	public QuotaResult tryConsume(String subject, BigDecimal amount, String quota) {
		Quota definition = quota(quota);
		return tryConsume(subject, units(definition.metric(), amount), quota);
	}

	@Override
	public Usage usage(String subject, String metric, UsagePeriod period, Instant at) {
		return usage(subject, metric, period, at, at).get(0);
	}

	@Override
	public List<Usage> usage(String subject, String metric, UsagePeriod period, Instant from, Instant to) {
		checkMetric(metric);
		Assert.notNull(period, "'period' must not be null");
		Assert.isTrue(!to.isBefore(from), () -> "'to' must not be before 'from' (" + from + " to " + to + ")");
		List<UsagePeriod.Bucket> buckets = new ArrayList<>();
		for (UsagePeriod.Bucket bucket = period.bucket(from, this.options.zone()); !bucket.start()
			.isAfter(to); bucket = bucket.next(this.options.zone())) {
			if (buckets.size() == MAX_RANGE) {
				throw new IllegalArgumentException("A usage range spans at most " + MAX_RANGE + " " + period.key()
						+ "s (" + from + " to " + to + ")");
			}
			buckets.add(bucket);
		}
		List<String> keys = buckets.stream().map((bucket) -> counterKey(subject, bucket)).toList();
		List<?> reply = RedisReplies
			.list(this.outage.read(() -> this.template.execute(UsageScripts.READ, BYTES, ELEMENTS, keys, bytes(metric)),
					"read usage", keys.get(0)), keys.size(), keys.get(0), "reply");
		return usages(subject, metric, buckets, keys, reply, 0);
	}

	/**
	 * The usage per period from a reply holding one counter per period, from an offset.
	 */
	private List<Usage> usages(String subject, String metric, List<UsagePeriod.Bucket> buckets, List<String> keys,
			List<?> reply, int offset) {
		int scale = this.options.scale(metric);
		List<Usage> usage = new ArrayList<>(buckets.size());
		for (int i = 0; i < buckets.size(); i++) {
			usage.add(new Usage(subject, metric, buckets.get(i),
					RedisReplies.number(reply.get(offset + i), keys.get(i), metric), scale));
		}
		return usage;
	}

	@Override
	public List<UsageRank> top(String metric, UsagePeriod period, Instant at, int count) {
		checkMetric(metric);
		Assert.state(this.options.top(), "Top sets are switched off (redis.usage.top.enabled)");
		Assert.isTrue(count >= 1 && count <= MAX_TOP,
				() -> "'count' must be from 1 to " + MAX_TOP + " (was " + count + ")");
		String key = topKey(metric, period.bucket(at, this.options.zone()));
		Set<TypedTuple<byte[]>> ranked = this.outage.read(
				() -> this.template.opsForZSet().reverseRangeWithScores(key, 0, count - 1L), "read the top usage", key);
		List<UsageRank> top = new ArrayList<>();
		int scale = this.options.scale(metric);
		if (ranked != null) {
			for (TypedTuple<byte[]> entry : ranked) {
				byte[] subject = RedisReplies.present(entry.getValue(), key, "member");
				double score = RedisReplies.present(entry.getScore(), key, "score");
				top.add(new UsageRank(top.size() + 1, new String(subject, StandardCharsets.UTF_8), Math.round(score),
						scale));
			}
		}
		return top;
	}

	private Added add(String subject, String metric, long units, @Nullable Quota quota) {
		checkMetric(metric);
		Assert.hasText(subject, "'subject' must not be empty");
		boolean topInScript = this.options.top() && !isCluster();
		Instant guess = Instant.now().plusMillis(this.serverOffsetMillis);
		for (int attempt = 1;; attempt++) {
			List<UsagePeriod.Bucket> buckets = buckets(guess);
			List<String> keys = new ArrayList<>();
			buckets.forEach((bucket) -> keys.add(counterKey(subject, bucket)));
			List<String> topKeys = this.options.top()
					? buckets.stream().map((bucket) -> topKey(metric, bucket)).toList() : List.of();
			if (topInScript) {
				keys.addAll(topKeys);
			}
			List<Object> args = new ArrayList<>(List.of(bytes(metric), bytes(Long.toString(units)), bytes(subject),
					bytes(Integer.toString(buckets.size())),
					bytes(topInScript ? Integer.toString(buckets.size()) : "0"),
					bytes(Integer.toString(this.options.topMaxSubjects()))));
			for (UsagePeriod.Bucket bucket : buckets) {
				args.add(bytes(Long.toString(bucket.start().toEpochMilli())));
				args.add(bytes(Long.toString(bucket.end().toEpochMilli())));
				args.add(bytes(Long.toString(expireAt(bucket))));
				args.add(bytes(Long.toString(limit(quota, bucket.period(), metric))));
			}
			String key = keys.get(0);
			List<?> reply = RedisReplies.list(this.outage.call(
					() -> this.template.execute(UsageScripts.CONSUME, BYTES, ELEMENTS, keys, args.toArray()),
					(quota != null) ? "consume a quota" : "record usage", key), 2, key, "reply");
			long outcome = RedisReplies.number(reply.get(0), key, "reply");
			Instant serverNow = Instant.ofEpochMilli(RedisReplies.number(reply.get(1), key, "time"));
			if (outcome < 0) {
				this.serverOffsetMillis = serverNow.toEpochMilli() - System.currentTimeMillis();
				if (attempt == ATTEMPTS) {
					throw new IllegalStateException("Usage periods moved " + ATTEMPTS + " times while recording ("
							+ "server time " + serverNow + ")");
				}
				guess = serverNow;
				continue;
			}
			RedisReplies.list(reply, 2 + buckets.size(), key, "reply");
			List<Usage> usage = usages(subject, metric, buckets, keys, reply, 2);
			int scale = this.options.scale(metric);
			boolean allowed = outcome == 1;
			if (allowed) {
				if (this.options.top() && !topInScript) {
					addToTop(subject, units, buckets, topKeys);
				}
				this.metrics.recorded(metric, BigDecimal.valueOf(units, scale).doubleValue());
			}
			return new Added(allowed, serverNow, usage);
		}
	}

	private void addToTop(String subject, long units, List<UsagePeriod.Bucket> buckets, List<String> topKeys) {
		// On Cluster the metric's top sets are in their own slot: a second call, after
		// the counters, so a failure here leaves the counters exact and the top short
		List<Object> args = new ArrayList<>(List.of(bytes(Long.toString(units)), bytes(subject),
				bytes(Integer.toString(this.options.topMaxSubjects()))));
		buckets.forEach((bucket) -> args.add(bytes(Long.toString(expireAt(bucket)))));
		this.outage.call(() -> this.template.execute(UsageScripts.ADD_TO_TOP, BYTES, null, topKeys, args.toArray()),
				"rank usage", topKeys.get(0));
	}

	private QuotaResult decision(Quota quota, long units, Added added) {
		// Allowed: the period with the least left binds. Refused: of the periods the
		// usage did not fit, the one that resets last (only then does it fit again).
		Usage binding = null;
		long bindingRemaining = 0;
		for (Usage usage : added.usage()) {
			long limit = limit(quota, usage.bucket().period(), quota.metric());
			if (limit == NO_LIMIT) {
				continue;
			}
			long remaining = Math.max(0, limit - usage.units());
			boolean binds;
			if (added.allowed()) {
				binds = binding == null || remaining < bindingRemaining;
			}
			else {
				binds = usage.units() + units > limit
						&& (binding == null || usage.bucket().end().isAfter(binding.bucket().end()));
			}
			if (binds) {
				binding = usage;
				bindingRemaining = remaining;
			}
		}
		Assert.state(binding != null, "A quota limits at least one period");
		int scale = this.options.scale(quota.metric());
		long limit = limit(quota, binding.bucket().period(), quota.metric());
		Duration resetAfter = Duration.between(added.serverNow(), binding.bucket().end());
		return new QuotaResult(quota.name(), added.allowed(), binding.bucket().period(),
				BigDecimal.valueOf(limit, scale), binding.amount(), BigDecimal.valueOf(bindingRemaining, scale),
				binding.bucket().end(), resetAfter.isNegative() ? Duration.ZERO : resetAfter);
	}

	private List<UsagePeriod.Bucket> buckets(Instant at) {
		return this.periods.stream().map((period) -> period.bucket(at, this.options.zone())).toList();
	}

	private long expireAt(UsagePeriod.Bucket bucket) {
		return bucket.end().plus(this.options.retention().get(bucket.period())).toEpochMilli();
	}

	private long limit(@Nullable Quota quota, UsagePeriod period, String metric) {
		if (quota == null) {
			return NO_LIMIT;
		}
		BigDecimal limit = quota.limits().get(period);
		return (limit != null) ? units(metric, limit) : NO_LIMIT;
	}

	private long units(String metric, BigDecimal amount) {
		Assert.notNull(amount, "'amount' must not be null");
		int scale = this.options.scale(metric);
		try {
			return amount.movePointRight(scale).longValueExact();
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException("Amount " + amount.toPlainString() + " of metric '" + metric
					+ "' has more than its " + scale + " decimal places (redis.usage.metrics." + metric
					+ ".scale), or is too large; it is never rounded", ex);
		}
	}

	private Quota quota(String name) {
		Quota quota = this.options.quotas().get(name);
		if (quota == null) {
			throw new IllegalArgumentException(
					"No quota '" + name + "' (redis.usage.quotas has " + this.options.quotas().keySet() + ")");
		}
		return quota;
	}

	private String counterKey(String subject, UsagePeriod.Bucket bucket) {
		return this.keys.tagged(subject, bucket.period().key(), bucket.id());
	}

	private String topKey(String metric, UsagePeriod.Bucket bucket) {
		// "top" is no period, so these never meet a subject's counters of the same name
		return this.keys.tagged(metric, "top", bucket.period().key(), bucket.id());
	}

	private static void checkMetric(String metric) {
		Assert.hasText(metric, "'metric' must not be empty");
	}

	private boolean isCluster() {
		Boolean cluster = this.cluster;
		if (cluster == null) {
			cluster = Boolean.TRUE.equals(this.outage.call(
					() -> this.template
						.execute((RedisCallback<Boolean>) (connection) -> connection instanceof RedisClusterConnection),
					"find the topology", null));
			this.cluster = cluster;
		}
		return cluster;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private record Added(boolean allowed, Instant serverNow, List<Usage> usage) {
	}

}
