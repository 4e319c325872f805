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
package io.github.redisutils.ratelimit.web;

import java.util.List;

import org.springframework.util.Assert;

/**
 * Path patterns limited by one policy.
 *
 * @param paths path patterns within the application, in Spring's {@code PathPattern}
 * syntax
 * @param policy name of the policy applied
 * @param key what each request is counted under
 * @author redis-utils authors
 */
public record RateLimitRoute(List<String> paths, String policy, RateLimitKeyResolver key) {

	/**
	 * Create a route.
	 * @param paths path patterns, at least one
	 * @param policy name of the policy
	 * @param key what each request is counted under
	 */
	public RateLimitRoute {
		Assert.notEmpty(paths, "'paths' must not be empty");
		Assert.hasText(policy, "'policy' must not be empty");
		Assert.notNull(key, "'key' must not be null");
		paths = List.copyOf(paths);
	}

}
