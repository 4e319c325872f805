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
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisKeys;

/**
 * The application's rate limiters, one per named policy, and the blocks that override
 * them all.
 *
 * @author redis-utils authors
 */
public interface RateLimiterRegistry {

	/**
	 * The feature's name in keys, health and the outage back-off's meters.
	 */
	String FEATURE = "rate-limit";

	/**
	 * Return the limiter of a policy.
	 * @param policyName the policy's name
	 * @return the limiter
	 * @throws IllegalArgumentException if no policy has that name, listing those that
	 * exist
	 */
	RateLimiter limiter(String policyName);

	/**
	 * Return the limiter of a policy, if there is one.
	 * @param policyName the policy's name
	 * @return the limiter, or empty
	 */
	Optional<RateLimiter> find(String policyName);

	/**
	 * Add a policy created in code. Registering a policy equal to an existing one returns
	 * the existing limiter.
	 * @param policy the policy
	 * @return its limiter
	 * @throws IllegalStateException if another policy already has the name
	 */
	RateLimiter register(RateLimitPolicy policy);

	/**
	 * Return every policy, configured or registered.
	 * @return the policies, in registration order
	 */
	Collection<RateLimitPolicy> policies();

	/**
	 * Reject every request of a key, under every policy, for a while. Checked by the same
	 * script that decides, so a block costs no extra round trip. Blocking again replaces
	 * the remaining duration.
	 * @param key the client key
	 * @param duration how long, at least 1 ms
	 * @throws io.github.redisutils.core.RedisUnavailableException if Redis cannot be
	 * reached
	 */
	void block(String key, Duration duration);

	/**
	 * Lift a block before it ends. Does nothing if the key is not blocked.
	 * @param key the client key
	 * @throws io.github.redisutils.core.RedisUnavailableException if Redis cannot be
	 * reached
	 */
	void unblock(String key);

	/**
	 * Return how much longer a key stays blocked.
	 * @param key the client key
	 * @return the remaining block, or empty if the key is not blocked
	 * @throws io.github.redisutils.core.RedisUnavailableException if Redis cannot be
	 * reached
	 */
	Optional<Duration> blockRemaining(String key);

	/**
	 * Return the policies whose last decision found Redis unavailable, for health
	 * reporting.
	 * @return the policy names
	 */
	Set<String> failingPolicies();

	/**
	 * Create a registry.
	 * @param connectionFactory where the limits are kept
	 * @param keys the application's key builder; limits use the {@code rate-limit}
	 * feature's keys
	 * @param meterRegistry where decisions are counted and timed
	 * @param policies the initial policies
	 * @return the registry
	 */
	static RateLimiterRegistry create(RedisConnectionFactory connectionFactory, RedisKeys keys,
			MeterRegistry meterRegistry, Collection<RateLimitPolicy> policies) {
		return create(connectionFactory, keys, meterRegistry, policies, OutageBackoff.disabled(FEATURE));
	}

	/**
	 * Create a registry whose decisions skip Redis during an outage back-off: while it
	 * lasts, every decision answers at once with its policy's failure mode (outcome
	 * {@link RateLimitOutcome#ERROR}) instead of waiting for a command timeout.
	 * @param connectionFactory where the limits are kept
	 * @param keys the application's key builder; limits use the {@code rate-limit}
	 * feature's keys
	 * @param meterRegistry where decisions are counted and timed
	 * @param policies the initial policies
	 * @param outage the back-off decisions go through
	 * ({@code OutageBackoffs.forFeature(RateLimiterRegistry.FEATURE)})
	 * @return the registry
	 */
	static RateLimiterRegistry create(RedisConnectionFactory connectionFactory, RedisKeys keys,
			MeterRegistry meterRegistry, Collection<RateLimitPolicy> policies, OutageBackoff outage) {
		return new DefaultRateLimiterRegistry(connectionFactory, keys, meterRegistry, policies, outage);
	}

}
