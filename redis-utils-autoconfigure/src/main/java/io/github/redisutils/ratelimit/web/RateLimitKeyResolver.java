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

import org.jspecify.annotations.Nullable;

/**
 * Finds the key a web request is counted under. Declare one as a bean and name it in a
 * key specification as {@code bean:<name>}.
 *
 * @author redis-utils authors
 */
@FunctionalInterface
public interface RateLimitKeyResolver {

	/**
	 * Return the request's key.
	 * @param request the request
	 * @return the key, or {@code null} to count the request under its client address
	 */
	@Nullable String resolve(RateLimitRequest request);

}
