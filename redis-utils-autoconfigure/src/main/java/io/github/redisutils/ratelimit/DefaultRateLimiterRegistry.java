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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.redisutils.core.RedisCalls;
import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisKeys;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Default {@link RateLimiterRegistry}: a limiter per policy over one
 * {@link StringRedisTemplate}.
 *
 * @author redis-utils authors
 */
final class DefaultRateLimiterRegistry implements RateLimiterRegistry {

	private final StringRedisTemplate redis;

	private final RedisKeys.FeatureKeys keys;

	private final MeterRegistry meterRegistry;

	private final FailureTracker failures = new FailureTracker();

	private final OutageBackoff outage;

	private final Map<String, RedisRateLimiter> limiters = new ConcurrentHashMap<>();

	private final List<RateLimitPolicy> order = new ArrayList<>();

	DefaultRateLimiterRegistry(RedisConnectionFactory connectionFactory, RedisKeys keys, MeterRegistry meterRegistry,
			Collection<RateLimitPolicy> policies, OutageBackoff outage) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.outage = outage;
		this.keys = keys.feature(FEATURE);
		this.meterRegistry = meterRegistry;
		policies.forEach(this::register);
	}

	@Override
	public RateLimiter limiter(String policyName) {
		RedisRateLimiter limiter = this.limiters.get(policyName);
		if (limiter == null) {
			throw new IllegalArgumentException("No rate-limit policy named '" + policyName + "'; known policies: "
					+ this.limiters.keySet().stream().sorted().toList());
		}
		return limiter;
	}

	@Override
	public Optional<RateLimiter> find(String policyName) {
		return Optional.ofNullable(this.limiters.get(policyName));
	}

	@Override
	public synchronized RateLimiter register(RateLimitPolicy policy) {
		RedisRateLimiter existing = this.limiters.get(policy.name());
		if (existing != null) {
			if (existing.policy().equals(policy)) {
				return existing;
			}
			throw new IllegalStateException(
					"A different rate-limit policy named '" + policy.name() + "' exists already: " + existing.policy());
		}
		RedisRateLimiter limiter = new RedisRateLimiter(policy, this.redis, this.keys,
				new RateLimitMetrics(this.meterRegistry, policy.name()), this.failures, this.outage);
		this.limiters.put(policy.name(), limiter);
		this.order.add(policy);
		return limiter;
	}

	@Override
	public synchronized Collection<RateLimitPolicy> policies() {
		return List.copyOf(this.order);
	}

	@Override
	public void block(String key, Duration duration) {
		if (duration.toMillis() < 1) {
			throw new IllegalArgumentException("A block must last at least 1 ms (was " + duration + ")");
		}
		String blockKey = RedisRateLimiter.blockKey(this.keys, key);
		RedisCalls.run(() -> this.redis.opsForValue().set(blockKey, "1", duration), "block a key", blockKey);
	}

	@Override
	public void unblock(String key) {
		String blockKey = RedisRateLimiter.blockKey(this.keys, key);
		RedisCalls.run(() -> this.redis.delete(blockKey), "unblock a key", blockKey);
	}

	@Override
	public Optional<Duration> blockRemaining(String key) {
		String blockKey = RedisRateLimiter.blockKey(this.keys, key);
		Long millis = RedisCalls.call(() -> this.redis.getExpire(blockKey, java.util.concurrent.TimeUnit.MILLISECONDS),
				"read a block", blockKey);
		return (millis != null && millis > 0) ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
	}

	@Override
	public Set<String> failingPolicies() {
		return this.failures.failing();
	}

}
