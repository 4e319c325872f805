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

import org.springframework.util.Assert;

/**
 * One rate-limit decision.
 *
 * @param policy name of the policy that decided
 * @param outcome why the decision came out the way it did
 * @param allowed whether the request may proceed
 * @param limit the policy's limit (bucket capacity or requests per window)
 * @param remaining requests of cost 1 that would be allowed right after this one (0 when
 * unknown because Redis was unavailable)
 * @param retryAfter how long until a request of the same cost could be allowed; zero when
 * allowed
 * @param resetAfter how long until the full limit is available again (the bucket full,
 * the window empty); zero when unknown
 * @author redis-utils authors
 */
public record RateLimitResult(String policy, RateLimitOutcome outcome, boolean allowed, long limit, long remaining,
		Duration retryAfter, Duration resetAfter) {

	/**
	 * Create a result, checking that it is consistent.
	 * @param policy name of the policy that decided
	 * @param outcome why the decision came out the way it did
	 * @param allowed whether the request may proceed
	 * @param limit the policy's limit
	 * @param remaining requests of cost 1 still allowed
	 * @param retryAfter how long until a retry could succeed; zero when allowed
	 * @param resetAfter how long until the full limit is available again
	 */
	public RateLimitResult {
		Assert.hasText(policy, "'policy' must not be empty");
		Assert.notNull(outcome, "'outcome' must not be null");
		Assert.isTrue(remaining >= 0, "'remaining' must not be negative");
		Assert.isTrue(!retryAfter.isNegative() && !resetAfter.isNegative(), "durations must not be negative");
		Assert.isTrue(!allowed || retryAfter.isZero(), "'retryAfter' must be zero when allowed");
		Assert.isTrue(outcome == RateLimitOutcome.ERROR || allowed == (outcome == RateLimitOutcome.ALLOWED),
				"'allowed' must match the outcome");
	}

}
