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

/**
 * Decides, for one {@link RateLimitPolicy}, whether requests of a key are within the
 * limit. Each decision is one {@code EVALSHA} timed by the Redis server's clock, so
 * application instances whose clocks disagree still share one exact limit.
 * <p>
 * Keys are the caller's: a client address, a user, an API key. They are validated (not
 * empty, at most 512 characters, no control characters, no braces) and never appear in
 * meters or logs.
 *
 * @author redis-utils authors
 */
public interface RateLimiter {

	/**
	 * Return the policy this limiter applies.
	 * @return the policy
	 */
	RateLimitPolicy policy();

	/**
	 * Take the policy's default cost for a key, if the limit allows it.
	 * @param key the client key
	 * @return the decision; when Redis is unavailable, an {@link RateLimitOutcome#ERROR}
	 * result allowed or not as the policy's {@link RateLimitFailureMode} says
	 * @throws io.github.redisutils.core.InvalidKeyPartException if the key is not
	 * acceptable
	 */
	default RateLimitResult tryAcquire(String key) {
		return tryAcquire(key, policy().cost());
	}

	/**
	 * Take {@code cost} tokens or requests for a key, if the limit allows it. A rejected
	 * request takes nothing.
	 * @param key the client key
	 * @param cost from 1 to the policy's limit
	 * @return the decision; when Redis is unavailable, an {@link RateLimitOutcome#ERROR}
	 * result allowed or not as the policy's {@link RateLimitFailureMode} says
	 * @throws IllegalArgumentException if the cost is out of range
	 * @throws io.github.redisutils.core.InvalidKeyPartException if the key is not
	 * acceptable
	 */
	RateLimitResult tryAcquire(String key, long cost);

	/**
	 * Forget what this policy counted for a key, as if it had never sent a request.
	 * Blocks stay.
	 * @param key the client key
	 * @throws io.github.redisutils.core.RedisUnavailableException if Redis cannot be
	 * reached
	 */
	void reset(String key);

}
