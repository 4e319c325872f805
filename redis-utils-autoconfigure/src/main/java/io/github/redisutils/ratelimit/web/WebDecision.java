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
import java.util.Map;

import io.github.redisutils.ratelimit.RateLimitResult;

/**
 * The outcome of limiting one web request: the headers to add and, when rejected, the
 * status and problem body to answer with.
 *
 * @param status 0 when the request proceeds, else 429 or 503
 * @param results the decisions taken, one per policy applied
 * @param headers headers to set on the response, in order
 * @param body the {@code application/problem+json} body when rejected, else empty
 * @author redis-utils authors
 */
record WebDecision(int status, List<RateLimitResult> results, Map<String, String> headers, byte[] body) {

	static final String PROBLEM_JSON = "application/problem+json";

	boolean allowed() {
		return this.status == 0;
	}

}
