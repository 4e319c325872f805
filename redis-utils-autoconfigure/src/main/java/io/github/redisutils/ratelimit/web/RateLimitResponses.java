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

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import io.github.redisutils.ratelimit.RateLimitOutcome;
import io.github.redisutils.ratelimit.RateLimitPolicy;
import io.github.redisutils.ratelimit.RateLimitResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The HTTP side of rate-limit decisions: the IETF draft's {@code RateLimit-Policy} and
 * {@code RateLimit} structured fields, {@code Retry-After}, and RFC 9457 problem bodies.
 *
 * @author redis-utils authors
 */
final class RateLimitResponses {

	static final String RATE_LIMIT_POLICY = "RateLimit-Policy";

	static final String RATE_LIMIT = "RateLimit";

	static final String RETRY_AFTER = "Retry-After";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RateLimitResponses() {
	}

	static Map<String, String> headers(List<RateLimitResult> results, List<RateLimitPolicy> policies,
			boolean rateLimitHeaders, int status) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (rateLimitHeaders && !results.isEmpty()) {
			StringJoiner policy = new StringJoiner(", ");
			StringJoiner limit = new StringJoiner(", ");
			for (int i = 0; i < results.size(); i++) {
				RateLimitResult result = results.get(i);
				RateLimitPolicy applied = policies.get(i);
				policy.add("\"" + result.policy() + "\";q=" + result.limit() + ";w=" + seconds(applied.quotaPeriod()));
				if (result.outcome() != RateLimitOutcome.ERROR) {
					limit.add("\"" + result.policy() + "\";r=" + result.remaining() + ";t="
							+ seconds(result.resetAfter()));
				}
			}
			headers.put(RATE_LIMIT_POLICY, policy.toString());
			if (limit.length() > 0) {
				headers.put(RATE_LIMIT, limit.toString());
			}
		}
		if (status == HttpStatus.TOO_MANY_REQUESTS.value()) {
			headers.put(RETRY_AFTER, Long.toString(Math.max(1, seconds(retryAfter(results)))));
		}
		return headers;
	}

	static byte[] problem(RateLimitResult rejected, String path) {
		HttpStatus status;
		String detail;
		if (rejected.outcome() == RateLimitOutcome.ERROR) {
			status = HttpStatus.SERVICE_UNAVAILABLE;
			detail = "Rate limit '" + rejected.policy() + "' cannot be checked now; try again later.";
		}
		else if (rejected.outcome() == RateLimitOutcome.BLOCKED) {
			status = HttpStatus.TOO_MANY_REQUESTS;
			detail = "Requests from this client are blocked for another " + Math.max(1, seconds(rejected.retryAfter()))
					+ " s.";
		}
		else {
			status = HttpStatus.TOO_MANY_REQUESTS;
			detail = "Rate limit '" + rejected.policy() + "' exceeded; retry after "
					+ Math.max(1, seconds(rejected.retryAfter())) + " s.";
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(status.getReasonPhrase());
		Map<String, Object> body = new LinkedHashMap<>();
		// RFC 9457: an absent type means about:blank; say it, for clients that do not
		// know.
		body.put("type", (problem.getType() != null) ? problem.getType().toString() : "about:blank");
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		URI instance = instance(path);
		if (instance != null) {
			body.put("instance", instance.toString());
		}
		body.put("policy", rejected.policy());
		if (status == HttpStatus.TOO_MANY_REQUESTS) {
			body.put("retryAfter", Math.max(1, seconds(rejected.retryAfter())));
		}
		return JSON.writeValueAsBytes(body);
	}

	private static Duration retryAfter(List<RateLimitResult> results) {
		return results.stream()
			.filter((result) -> !result.allowed())
			.map(RateLimitResult::retryAfter)
			.max(Duration::compareTo)
			.orElse(Duration.ZERO);
	}

	/**
	 * Round up to whole seconds: a client waiting the rounded-down value would be early.
	 */
	static long seconds(Duration duration) {
		long seconds = duration.getSeconds();
		return (duration.getNano() > 0) ? seconds + 1 : seconds;
	}

	private static @Nullable URI instance(String path) {
		try {
			return new URI(null, null, path, null);
		}
		catch (java.net.URISyntaxException ex) {
			return null;
		}
	}

}
