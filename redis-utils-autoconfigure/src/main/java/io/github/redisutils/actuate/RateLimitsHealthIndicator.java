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
package io.github.redisutils.actuate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.github.redisutils.ratelimit.RateLimitPolicy;
import io.github.redisutils.ratelimit.RateLimitsStatus;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code rate-limit} child of the {@code redis} health contributor: the policies, and
 * those whose last decision found Redis unavailable (and so fell back to their failure
 * mode). It stays UP: an outage shows in the {@code connection} child, and taking an
 * instance out of load balancing would not bring Redis back.
 *
 * @author redis-utils authors
 */
public class RateLimitsHealthIndicator implements HealthIndicator {

	private final Supplier<RateLimitsStatus> status;

	/**
	 * Create an indicator.
	 * @param status reads the limiters' state, for example
	 * {@code () -> RateLimitsStatus.of(registry)}
	 */
	public RateLimitsHealthIndicator(Supplier<RateLimitsStatus> status) {
		this.status = status;
	}

	@Override
	public Health health() {
		RateLimitsStatus status = this.status.get();
		Map<String, String> policies = new LinkedHashMap<>();
		for (RateLimitPolicy policy : status.policies()) {
			policies.put(policy.name(),
					policy.algorithm().name().toLowerCase(Locale.ROOT).replace('_', '-') + ", " + policy.limit()
							+ " per " + policy.window() + ", fails "
							+ policy.failureMode().name().toLowerCase(Locale.ROOT));
		}
		return Health.up().withDetail("policies", policies).withDetail("failing", status.failingSorted()).build();
	}

}
