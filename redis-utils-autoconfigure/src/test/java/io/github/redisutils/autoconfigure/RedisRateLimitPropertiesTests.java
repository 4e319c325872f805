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

import java.time.Duration;

import io.github.redisutils.ratelimit.RateLimitAlgorithm;
import io.github.redisutils.ratelimit.RateLimitFailureMode;
import io.github.redisutils.ratelimit.RateLimitPolicy;
import org.junit.jupiter.api.Test;

import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;

import static io.github.redisutils.autoconfigure.PropertiesBinding.assertRejected;
import static io.github.redisutils.autoconfigure.PropertiesBinding.bind;
import static io.github.redisutils.autoconfigure.PropertiesBinding.startUpFailure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding and validation of {@code redis.rate-limit.*}: every rejection names the policy
 * and the property.
 *
 * @author redis-utils authors
 */
class RedisRateLimitPropertiesTests {

	@Test
	void validPropertiesBindIntoSettings() {
		RedisRateLimitProperties properties = bind(RedisRateLimitProperties.class,
				"redis.rate-limit.policies.api.limit=100", "redis.rate-limit.policies.api.window=1s",
				"redis.rate-limit.policies.api.refill=10", "redis.rate-limit.policies.api.cost=2",
				"redis.rate-limit.policies.login.algorithm=sliding-window", "redis.rate-limit.policies.login.limit=5",
				"redis.rate-limit.policies.login.window=15m", "redis.rate-limit.policies.login.on-failure=closed",
				"redis.rate-limit.web.headers=false", "redis.rate-limit.web.trusted-proxies=10.0.0.0/8,::1",
				"redis.rate-limit.web.routes[0].paths=/api/**,/v2/api/**", "redis.rate-limit.web.routes[0].policy=api",
				"redis.rate-limit.web.routes[0].key=principal");
		assertThat(properties.toSettings()).containsExactly(
				new RateLimitPolicy("api", RateLimitAlgorithm.TOKEN_BUCKET, 100, Duration.ofSeconds(1), 10, 2,
						RateLimitFailureMode.OPEN),
				new RateLimitPolicy("login", RateLimitAlgorithm.SLIDING_WINDOW, 5, Duration.ofMinutes(15), 5, 1,
						RateLimitFailureMode.CLOSED));
		assertThat(properties.getWeb().isHeaders()).isFalse();
		assertThat(properties.getWeb().getRoutes()).singleElement()
			.satisfies((route) -> assertThat(route.getPaths()).containsExactly("/api/**", "/v2/api/**"));
	}

	@Test
	void aPolicyWithoutALimitFails() {
		assertRejected(RedisRateLimitProperties.class, "redis.rate-limit.policies[api].limit",
				"Policy 'api': must be set", "redis.rate-limit.policies.api.window=1m");
	}

	@Test
	void aPolicyWithoutAWindowFails() {
		assertRejected(RedisRateLimitProperties.class, "redis.rate-limit.policies[api].window",
				"Policy 'api': must be set", "redis.rate-limit.policies.api.limit=5");
	}

	@Test
	void aNegativeLimitFails() {
		assertRejected(RedisRateLimitProperties.class, "redis.rate-limit.policies[api].limit",
				"limit must be at least 1", "redis.rate-limit.policies.api.limit=-5",
				"redis.rate-limit.policies.api.window=1m");
	}

	@Test
	void refillOnAWindowAlgorithmFails() {
		assertRejected(RedisRateLimitProperties.class, "redis.rate-limit.policies[api].refill",
				"refill applies to token-bucket and gcra only, not to fixed-window",
				"redis.rate-limit.policies.api.algorithm=fixed-window", "redis.rate-limit.policies.api.limit=5",
				"redis.rate-limit.policies.api.window=1m", "redis.rate-limit.policies.api.refill=2");
	}

	@Test
	void aZeroRefillFails() {
		assertRejected(RedisRateLimitProperties.class, "redis.rate-limit.policies[api].refill",
				"must be at least 1 token", "redis.rate-limit.policies.api.limit=5",
				"redis.rate-limit.policies.api.window=1m", "redis.rate-limit.policies.api.refill=0");
	}

	@Test
	void aCostAboveTheLimitFails() {
		assertRejected(RedisRateLimitProperties.class, "redis.rate-limit.policies[api].cost", "would never be allowed",
				"redis.rate-limit.policies.api.limit=5", "redis.rate-limit.policies.api.window=1m",
				"redis.rate-limit.policies.api.cost=6");
	}

	@Test
	void anEmptyAlgorithmWithARefillFailsNamingTheAlgorithm() {
		// A null algorithm (an empty value bound to the setter) with a refill: whether
		// the refill applies is unknown, so only the algorithm is reported, by its key.
		RedisRateLimitProperties properties = new RedisRateLimitProperties();
		RedisRateLimitProperties.Policy policy = new RedisRateLimitProperties.Policy();
		policy.setAlgorithm(null);
		policy.setLimit(5);
		policy.setWindow(Duration.ofMinutes(1));
		policy.setRefill(2L);
		properties.getPolicies().put("api", policy);
		Errors errors = new BeanPropertyBindingResult(properties, "redis.rate-limit");
		properties.validate(properties, errors);
		assertThat(errors.getFieldErrors()).singleElement().satisfies((error) -> {
			assertThat(error.getField()).isEqualTo("policies[api].algorithm");
			assertThat(error.getDefaultMessage()).isEqualTo("Policy 'api': algorithm must be set");
		});
	}

	@Test
	void aGcraPolicyRefillingInMoreThan104DaysFails() {
		// 14 tokens at 3 per 366 days: an empty bucket refills in 1,708 days.
		assertRejected(RedisRateLimitProperties.class, "redis.rate-limit.policies[api].window",
				"at most 104 days for gcra", "redis.rate-limit.policies.api.algorithm=gcra",
				"redis.rate-limit.policies.api.limit=14", "redis.rate-limit.policies.api.refill=3",
				"redis.rate-limit.policies.api.window=366d");
		// The token bucket keeps a count, not a time: the same values are accepted.
		assertThat(bind(RedisRateLimitProperties.class, "redis.rate-limit.policies.api.limit=14",
				"redis.rate-limit.policies.api.refill=3", "redis.rate-limit.policies.api.window=366d")
			.toSettings()).singleElement().extracting(RateLimitPolicy::quotaPeriod).isEqualTo(Duration.ofDays(1708));
	}

	@Test
	void aSubMillisecondWindowFails() {
		assertRejected(RedisRateLimitProperties.class, "redis.rate-limit.policies[api].window",
				"must be from 1ms to 366 days", "redis.rate-limit.policies.api.limit=5",
				"redis.rate-limit.policies.api.window=500us");
	}

	@Test
	void aHugeExactSlidingWindowFails() {
		assertRejected(RedisRateLimitProperties.class, "redis.rate-limit.policies[api].limit",
				"use sliding-window-approximate", "redis.rate-limit.policies.api.algorithm=sliding-window",
				"redis.rate-limit.policies.api.limit=1000000", "redis.rate-limit.policies.api.window=1m");
	}

	@Test
	void aBadPolicyNameFails() {
		assertRejected(RedisRateLimitProperties.class, "redis.rate-limit.policies",
				"Policy name 'a b' must be 1 to 64 letters", "redis.rate-limit.policies[a b].limit=5",
				"redis.rate-limit.policies[a b].window=1m");
	}

	@Test
	void aBadDefaultKeyFails() {
		assertRejected(RedisRateLimitProperties.class, "redis.rate-limit.web.defaultKey", "must be 'ip', 'principal'",
				"redis.rate-limit.web.default-key=cookie");
	}

	@Test
	void aHostNameAsTrustedProxyFails() {
		assertRejected(RedisRateLimitProperties.class, "redis.rate-limit.web.trustedProxies[0]",
				"host names are not accepted", "redis.rate-limit.web.trusted-proxies=proxy.example.com");
	}

	@Test
	void aRouteWithoutPathsFails() {
		assertRejected(RedisRateLimitProperties.class, "redis.rate-limit.web.routes[0].paths",
				"must list at least one path pattern", "redis.rate-limit.web.routes[0].policy=api");
	}

	@Test
	void aRouteWithABadPatternFails() {
		assertRejected(RedisRateLimitProperties.class, "redis.rate-limit.web.routes[0].paths[0]", "must start with '/'",
				"redis.rate-limit.web.routes[0].paths=api/**", "redis.rate-limit.web.routes[0].policy=api");
	}

	@Test
	void aRouteWithoutAPolicyFails() {
		assertRejected(RedisRateLimitProperties.class, "redis.rate-limit.web.routes[0].policy", "must name a policy",
				"redis.rate-limit.web.routes[0].paths=/api/**");
	}

	@Test
	void aRouteWithABadKeyFails() {
		assertRejected(RedisRateLimitProperties.class, "redis.rate-limit.web.routes[0].key",
				"not a valid SpEL expression", "redis.rate-limit.web.routes[0].paths=/api/**",
				"redis.rate-limit.web.routes[0].policy=api", "redis.rate-limit.web.routes[0].key=spel:getHeader(");
	}

	@Test
	void anUnknownAlgorithmFails() {
		assertThat(
				startUpFailure(RedisRateLimitProperties.class, "redis.rate-limit.policies.api.algorithm=leaky-bucket"))
			.contains("Failed to bind properties under 'redis.rate-limit.policies.api.algorithm'");
	}

}
