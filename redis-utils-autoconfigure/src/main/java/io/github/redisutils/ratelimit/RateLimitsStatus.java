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

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A snapshot of the rate limiters' state, for health reporting.
 *
 * @param policies every policy, in registration order
 * @param failing names of the policies whose last decision found Redis unavailable,
 * sorted
 * @author redis-utils authors
 */
public record RateLimitsStatus(List<RateLimitPolicy> policies, Set<String> failing) {

	/**
	 * Check and copy.
	 * @param policies the policies
	 * @param failing the failing policies' names
	 */
	public RateLimitsStatus {
		policies = List.copyOf(policies);
		failing = Set.copyOf(failing);
	}

	/**
	 * Read the state of a registry.
	 * @param registry the registry
	 * @return the snapshot
	 */
	public static RateLimitsStatus of(RateLimiterRegistry registry) {
		return new RateLimitsStatus(List.copyOf(registry.policies()), registry.failingPolicies());
	}

	/**
	 * Return the failing policies' names in alphabetical order.
	 * @return the names
	 */
	public List<String> failingSorted() {
		return List.copyOf(new TreeSet<>(this.failing));
	}

}
