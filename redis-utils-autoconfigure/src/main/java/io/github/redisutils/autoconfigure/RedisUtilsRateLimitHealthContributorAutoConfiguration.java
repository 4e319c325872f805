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
package io.github.redisutils.autoconfigure;

import io.github.redisutils.actuate.RateLimitsHealthIndicator;
import io.github.redisutils.actuate.RedisHealthContribution;
import io.github.redisutils.ratelimit.RateLimiterRegistry;
import io.github.redisutils.ratelimit.RateLimitsStatus;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Adds a {@code rate-limit} child to the {@code redis} health composite: the policies,
 * and those whose last decision found Redis unavailable (and so fell back to their
 * failure mode). It stays UP: an outage shows in the {@code connection} child, and taking
 * an instance out of load balancing would not bring Redis back. Switched off alone by
 * {@code management.health.redis.rate-limit.enabled=false}.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = RedisUtilsRateLimitAutoConfiguration.class,
		before = RedisUtilsHealthContributorAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(RateLimiterRegistry.class)
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("redis")
public final class RedisUtilsRateLimitHealthContributorAutoConfiguration {

	/**
	 * Name of the child in the {@code redis} health composite.
	 */
	static final String CHILD = RateLimiterRegistry.FEATURE;

	@Bean
	@ConditionalOnMissingBean(name = "rateLimitHealthContribution")
	@ConditionalOnEnabledHealthIndicator("redis.rate-limit")
	RedisHealthContribution rateLimitHealthContribution(RateLimiterRegistry rateLimiterRegistry) {
		return new RedisHealthContribution(RateLimiterRegistry.FEATURE,
				new RateLimitsHealthIndicator(() -> RateLimitsStatus.of(rateLimiterRegistry)));
	}

}
