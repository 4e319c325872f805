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
import java.time.Instant;
import java.util.List;

import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Usage counters per subject, metric and calendar period, with quotas. A subject is who
 * uses something (a workspace, a user, an API key), a metric what is used (tokens, cost,
 * requests). Every usage adds to the counters of every period configured (hour, day,
 * month) in one round trip, by the Redis server's clock, so instances whose clocks differ
 * still count in the same periods.
 * <p>
 * Amounts are integers, or decimals up to the metric's scale (cost with scale 6 counts
 * micro-units), stored as integers: no floating-point drift. Counters hold up to
 * 2<sup>53</sup> units.
 * <p>
 * On Cluster all counters of one subject share a slot; the top sets of a metric live in
 * the slot of the metric's name, so with top sets on a usage takes a second round trip
 * there.
 *
 * @author redis-utils authors
 */
public interface UsageTracker {

	/**
	 * The feature's name in meters, properties and keys.
	 */
	String FEATURE = "usage";

	/**
	 * Add usage to every period's counter of a subject and metric.
	 * @param subject who used it
	 * @param metric what was used
	 * @param amount how much, not negative
	 * @return the subject's usage of the metric in the current period of each kind
	 */
	List<Usage> record(String subject, String metric, long amount);

	/**
	 * Add usage given as a decimal to every period's counter of a subject and metric.
	 * @param subject who used it
	 * @param metric what was used
	 * @param amount how much, not negative, with at most the metric's decimal places
	 * @return the subject's usage of the metric in the current period of each kind
	 * @throws IllegalArgumentException if the amount has more decimal places than the
	 * metric's scale (it is never rounded)
	 */
	List<Usage> record(String subject, String metric, BigDecimal amount);

	/**
	 * Read a subject's usage of a metric in the period of a kind that holds an instant.
	 * @param subject the subject
	 * @param metric the metric
	 * @param period the kind of period
	 * @param at an instant in the period
	 * @return the usage, zero when there is none (or it is past its retention)
	 */
	Usage usage(String subject, String metric, UsagePeriod period, Instant at);

	/**
	 * Read a subject's usage of a metric in every period of a kind from one instant to
	 * another, in one round trip.
	 * @param subject the subject
	 * @param metric the metric
	 * @param period the kind of period
	 * @param from an instant in the first period
	 * @param to an instant in the last period, not before {@code from}
	 * @return the usage per period, oldest first
	 * @throws IllegalArgumentException if the range spans more than {@value #MAX_RANGE}
	 * periods
	 */
	List<Usage> usage(String subject, String metric, UsagePeriod period, Instant from, Instant to);

	/**
	 * Most periods one range read returns.
	 */
	int MAX_RANGE = 1_000;

	/**
	 * The subjects with the highest usage of a metric in a period.
	 * @param metric the metric
	 * @param period the kind of period
	 * @param at an instant in the period
	 * @param count how many, from 1 to {@value #MAX_TOP}
	 * @return the subjects, highest first
	 * @throws IllegalStateException if top sets are switched off
	 */
	List<UsageRank> top(String metric, UsagePeriod period, Instant at, int count);

	/**
	 * Most subjects one top read returns.
	 */
	int MAX_TOP = 1_000;

	/**
	 * Add usage only if it fits every limit of a quota, atomically and by the server's
	 * clock: concurrent consumers on any number of instances never exceed a limit.
	 * @param subject who uses it
	 * @param amount how much, positive
	 * @param quota the quota's name
	 * @return the decision
	 * @throws IllegalArgumentException if no quota has that name
	 */
	QuotaResult tryConsume(String subject, long amount, String quota);

	/**
	 * Add usage given as a decimal only if it fits every limit of a quota.
	 * @param subject who uses it
	 * @param amount how much, positive, with at most the metric's decimal places
	 * @param quota the quota's name
	 * @return the decision
	 * @throws IllegalArgumentException if no quota has that name or the amount has more
	 * decimal places than the metric's scale
	 */
	QuotaResult tryConsume(String subject, BigDecimal amount, String quota);

	/**
	 * Create a tracker without outage back-off or meters.
	 * @param connectionFactory the connection factory
	 * @param keys the application's key builder
	 * @param options how usage is counted
	 * @return the tracker
	 */
	static UsageTracker create(RedisConnectionFactory connectionFactory, RedisKeys keys, UsageOptions options) {
		return create(connectionFactory, keys, options, OutageBackoff.disabled(FEATURE), new CompositeMeterRegistry());
	}

	/**
	 * Create a tracker.
	 * @param connectionFactory the connection factory
	 * @param keys the application's key builder
	 * @param options how usage is counted
	 * @param outage the back-off that skips Redis during an outage
	 * @param meterRegistry where the usage meters go
	 * @return the tracker
	 */
	static UsageTracker create(RedisConnectionFactory connectionFactory, RedisKeys keys, UsageOptions options,
			OutageBackoff outage, MeterRegistry meterRegistry) {
		return new DefaultUsageTracker(connectionFactory, keys, options, outage,
				new UsageMetrics(meterRegistry, options));
	}

}
