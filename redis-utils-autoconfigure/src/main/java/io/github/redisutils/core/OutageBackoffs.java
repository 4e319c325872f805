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

package io.github.redisutils.core;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The application's {@link OutageBackoff outage back-offs}, one per feature, all with the
 * same period unless a feature asks for its own. Each is reported as meters tagged with
 * the feature's name:
 * <ul>
 * <li>{@code redis.outage.failures}: calls that found Redis unavailable;</li>
 * <li>{@code redis.outage.bypassed}: calls that skipped Redis and answered with the
 * fallback;</li>
 * <li>{@code redis.outage.active}: 1 while the feature skips Redis, else 0;</li>
 * <li>{@code redis.retry.attempts}: retries of idempotent reads
 * ({@link OutageBackoff#read}).</li>
 * </ul>
 * The {@code redis} health contributor shows a feature's state in its child while the
 * feature skips Redis.
 *
 * @author redis-utils authors
 */
public final class OutageBackoffs {

	private final Duration backoff;

	private final RedisRetry retry;

	private final Duration commandTimeout;

	private final MeterRegistry meterRegistry;

	private final Map<String, OutageBackoff> backoffs = new ConcurrentHashMap<>();

	/**
	 * Create the back-offs.
	 * @param backoff how long a feature skips Redis after a failure; zero turns skipping
	 * off
	 * @param meterRegistry where the back-offs' meters go
	 * @throws IllegalArgumentException if the back-off is negative
	 */
	public OutageBackoffs(Duration backoff, MeterRegistry meterRegistry) {
		this(backoff, RedisRetry.NONE, meterRegistry);
	}

	/**
	 * Create the back-offs, their features' idempotent reads retried by the given policy.
	 * @param backoff how long a feature skips Redis after a failure; zero turns skipping
	 * off
	 * @param retry how idempotent reads are retried ({@link RedisRetry#NONE} for not at
	 * all)
	 * @param meterRegistry where the back-offs' meters go
	 * @throws IllegalArgumentException if the back-off is negative or longer than
	 * {@link OutageBackoff#MAX_BACKOFF}
	 */
	public OutageBackoffs(Duration backoff, RedisRetry retry, MeterRegistry meterRegistry) {
		this(backoff, retry, Duration.ZERO, meterRegistry);
	}

	/**
	 * Create the back-offs, their features' idempotent reads retried by the given policy,
	 * a probe keeping its turn for at least the command timeout.
	 * @param backoff how long a feature skips Redis after a failure; zero turns skipping
	 * off
	 * @param retry how idempotent reads are retried ({@link RedisRetry#NONE} for not at
	 * all)
	 * @param commandTimeout how long a call may wait for an answer
	 * ({@code spring.data.redis.timeout})
	 * @param meterRegistry where the back-offs' meters go
	 * @throws IllegalArgumentException if the back-off is negative or longer than
	 * {@link OutageBackoff#MAX_BACKOFF}
	 */
	public OutageBackoffs(Duration backoff, RedisRetry retry, Duration commandTimeout, MeterRegistry meterRegistry) {
		SettingProblems.throwIfAny("outage back-off", OutageBackoff.problems("backoff", backoff));
		this.backoff = backoff;
		this.retry = retry;
		this.commandTimeout = commandTimeout;
		this.meterRegistry = meterRegistry;
	}

	/**
	 * Return back-offs that never skip Redis and record no meters.
	 * @return disabled back-offs
	 */
	public static OutageBackoffs disabled() {
		return new OutageBackoffs(Duration.ZERO, new CompositeMeterRegistry());
	}

	/**
	 * Return the feature's back-off, with the common period, creating it on first use.
	 * @param feature the feature's name, as in health ({@code rate-limit},
	 * {@code session})
	 * @return the feature's back-off
	 */
	public OutageBackoff forFeature(String feature) {
		return forFeature(feature, this.backoff);
	}

	/**
	 * Return the feature's back-off, creating it with the given period on first use.
	 * @param feature the feature's name, as in health
	 * @param backoff how long the feature skips Redis after a failure, or {@code null}
	 * for the common period
	 * @return the feature's back-off
	 * @throws IllegalStateException if the feature's back-off exists with another period
	 */
	public OutageBackoff forFeature(String feature, @Nullable Duration backoff) {
		Duration period = (backoff != null) ? backoff : this.backoff;
		OutageBackoff existing = this.backoffs.computeIfAbsent(feature,
				(name) -> register(new OutageBackoff(name, period, this.retry, this.commandTimeout)));
		if (!existing.backoff().equals(period)) {
			// Two parts of one feature asking for different periods would silently share
			// the first one's.
			throw new IllegalStateException("The outage back-off of '" + feature + "' exists with a period of "
					+ existing.backoff() + ", not " + period);
		}
		return existing;
	}

	private OutageBackoff register(OutageBackoff backoff) {
		String feature = backoff.feature();
		FunctionCounter.builder("redis.outage.failures", backoff, OutageBackoff::failureCount)
			.tag("feature", feature)
			.description("Calls that found Redis unavailable")
			.register(this.meterRegistry);
		FunctionCounter.builder("redis.outage.bypassed", backoff, OutageBackoff::bypassedCount)
			.tag("feature", feature)
			.description("Calls that skipped Redis during an outage back-off and answered with the fallback")
			.register(this.meterRegistry);
		FunctionCounter.builder("redis.retry.attempts", backoff, OutageBackoff::retryCount)
			.tag("feature", feature)
			.description("Retries of idempotent reads that found Redis unavailable (redis.retry.*)")
			.register(this.meterRegistry);
		Gauge.builder("redis.outage.active", backoff, (b) -> b.bypassing() ? 1 : 0)
			.tag("feature", feature)
			.description("1 while the feature skips Redis after a failure, else 0")
			.register(this.meterRegistry);
		return backoff;
	}

	/**
	 * Return the state of a feature's back-off.
	 * @param feature the feature's name
	 * @return its state, or {@code null} if the feature has no back-off
	 */
	public @Nullable OutageStatus status(String feature) {
		OutageBackoff backoff = this.backoffs.get(feature);
		return (backoff != null) ? backoff.status() : null;
	}

	/**
	 * Return the state of every feature's back-off.
	 * @return the states, by feature name
	 */
	public List<OutageStatus> statuses() {
		return this.backoffs.values()
			.stream()
			.map(OutageBackoff::status)
			.sorted(Comparator.comparing(OutageStatus::feature))
			.toList();
	}

}
