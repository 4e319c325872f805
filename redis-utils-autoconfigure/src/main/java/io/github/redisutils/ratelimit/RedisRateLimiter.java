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
package io.github.redisutils.ratelimit;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisCalls;
import io.github.redisutils.core.RedisReplies;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisUnavailableException;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * {@link RateLimiter} that runs its algorithm's script: one {@code EVALSHA} per decision.
 *
 * @author redis-utils authors
 */
final class RedisRateLimiter implements RateLimiter {

	private static final Log logger = LogFactory.getLog(RedisRateLimiter.class);

	private final RateLimitPolicy policy;

	private final StringRedisTemplate redis;

	private final RedisKeys.FeatureKeys keys;

	private final RateLimitMetrics metrics;

	private final FailureTracker failures;

	private final OutageBackoff outage;

	private final String limit;

	private final String window;

	private final String refill;

	RedisRateLimiter(RateLimitPolicy policy, StringRedisTemplate redis, RedisKeys.FeatureKeys keys,
			RateLimitMetrics metrics, FailureTracker failures, OutageBackoff outage) {
		this.policy = policy;
		this.redis = redis;
		this.keys = keys;
		this.metrics = metrics;
		this.failures = failures;
		this.outage = outage;
		this.limit = Long.toString(policy.limit());
		this.window = Long.toString(RateLimitPolicy.toMicros(policy.window()));
		this.refill = Long.toString(policy.refill());
	}

	@Override
	public RateLimitPolicy policy() {
		return this.policy;
	}

	@Override
	public RateLimitResult tryAcquire(String key, long cost) {
		return decide(key, cost, null);
	}

	/**
	 * Decide, optionally at a given time instead of the server's: only tests pass a time,
	 * to replay a schedule of requests exactly. Production code never does, so every
	 * decision it makes is timed by the Redis server.
	 */
	RateLimitResult decide(String key, long cost, @Nullable Long nowMicros) {
		if (cost < 1 || cost > this.policy.limit()) {
			throw new IllegalArgumentException("Cost " + cost + " is out of range for rate-limit policy '"
					+ this.policy.name() + "': it must be from 1 to the limit, " + this.policy.limit());
		}
		List<String> scriptKeys = List.of(stateKey(key), blockKey(this.keys, key));
		String costArg = Long.toString(cost);
		Object[] args = (nowMicros != null)
				? new Object[] { this.limit, this.window, this.refill, costArg, Long.toString(nowMicros) }
				: new Object[] { this.limit, this.window, this.refill, costArg };
		Timer.Sample sample = this.metrics.start();
		RateLimitResult result;
		try {
			Object answer = this.outage.call(
					() -> this.redis.execute(RateLimitScripts.of(this.policy.algorithm()), scriptKeys, args),
					"decide a rate limit", scriptKeys.get(0));
			result = toResult(answer, scriptKeys.get(0));
			this.failures.succeeded(this.policy.name());
		}
		catch (RedisUnavailableException ex) {
			result = failed(ex);
		}
		this.metrics.record(sample, result.outcome());
		return result;
	}

	@Override
	public void reset(String key) {
		String stateKey = stateKey(key);
		RedisCalls.run(() -> this.redis.delete(stateKey), "reset a rate limit", stateKey);
	}

	String stateKey(String key) {
		return this.keys.tagged(key, this.policy.name(), RateLimitScripts.keySuffix(this.policy.algorithm()));
	}

	static String blockKey(RedisKeys.FeatureKeys keys, String key) {
		return keys.tagged(key, "blocked");
	}

	private RateLimitResult toResult(@Nullable Object reply, String stateKey) {
		List<?> answer = RedisReplies.list(reply, 4, stateKey, "reply");
		long status = RedisReplies.number(answer.get(0), stateKey, RedisReplies.element(0));
		long remaining = RedisReplies.number(answer.get(1), stateKey, RedisReplies.element(1));
		long retryMicros = RedisReplies.number(answer.get(2), stateKey, RedisReplies.element(2));
		long resetMicros = RedisReplies.number(answer.get(3), stateKey, RedisReplies.element(3));
		RateLimitOutcome outcome = (status == RateLimitScripts.ALLOWED) ? RateLimitOutcome.ALLOWED
				: (status == RateLimitScripts.BLOCKED) ? RateLimitOutcome.BLOCKED : RateLimitOutcome.REJECTED;
		Duration retryAfter = (outcome == RateLimitOutcome.ALLOWED) ? Duration.ZERO : micros(retryMicros);
		return new RateLimitResult(this.policy.name(), outcome, outcome == RateLimitOutcome.ALLOWED,
				this.policy.limit(), Math.max(0, remaining), retryAfter, micros(resetMicros));
	}

	private RateLimitResult failed(RedisUnavailableException ex) {
		if (this.failures.failed(this.policy.name())) {
			logger.warn("Rate-limit policy '" + this.policy.name() + "' cannot reach Redis and fails "
					+ this.policy.failureMode().name().toLowerCase(Locale.ROOT) + " until it can: " + ex.getMessage());
		}
		boolean allowed = this.policy.failureMode() == RateLimitFailureMode.OPEN;
		return new RateLimitResult(this.policy.name(), RateLimitOutcome.ERROR, allowed, this.policy.limit(), 0,
				allowed ? Duration.ZERO : this.policy.window(), Duration.ZERO);
	}

	private static Duration micros(long micros) {
		return Duration.of(Math.max(0, micros), ChronoUnit.MICROS);
	}

}
