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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.redisutils.core.RedisConfigurationException;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.ratelimit.RateLimitOutcome;
import io.github.redisutils.ratelimit.RateLimitPolicy;
import io.github.redisutils.ratelimit.RateLimitResult;
import io.github.redisutils.ratelimit.RateLimiter;
import io.github.redisutils.ratelimit.RateLimiterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Limits web requests, whatever the web stack: finds the routes and annotation that
 * apply, resolves each one's key, asks the limiters in order (stopping at the first
 * rejection) and turns the results into headers, a status and a problem body.
 *
 * @author redis-utils authors
 */
final class WebRateLimiter {

	/**
	 * Longest key used as is; longer ones (and ones Redis keys cannot hold) are hashed.
	 */
	private static final int MAX_KEY_LENGTH = 256;

	private final RateLimiterRegistry registry;

	private final RateLimitWebSettings settings;

	private final List<CompiledRoute> routes = new ArrayList<>();

	WebRateLimiter(RateLimiterRegistry registry, RateLimitWebSettings settings) {
		this.registry = registry;
		this.settings = settings;
		for (int i = 0; i < settings.routes().size(); i++) {
			RateLimitRoute route = settings.routes().get(i);
			int index = i;
			RateLimiter limiter = registry.find(route.policy())
				.orElseThrow(() -> unknownPolicy(route, index, registry));
			List<PathPattern> patterns = route.paths().stream().map(PathPatternParser.defaultInstance::parse).toList();
			this.routes.add(new CompiledRoute(patterns, limiter, route.key()));
		}
	}

	private static RedisConfigurationException unknownPolicy(RateLimitRoute route, int index,
			RateLimiterRegistry registry) {
		return new RedisConfigurationException("redis.rate-limit.web.routes[" + index + "].policy",
				"route " + route.paths() + " names policy '" + route.policy() + "', which does not exist (known: "
						+ registry.policies().stream().map(RateLimitPolicy::name).toList() + ")",
				"Define the policy under redis.rate-limit.policies." + route.policy()
						+ " or as a RateLimitPolicy bean, or correct the name");
	}

	RateLimitWebSettings settings() {
		return this.settings;
	}

	/**
	 * Whether anything could limit a request: lets callers skip the work of building a
	 * request view (and, on WebFlux, resolving the principal) for unlimited paths.
	 */
	boolean applies(String path, @Nullable RateLimit annotation) {
		if (annotation != null) {
			return true;
		}
		if (this.routes.isEmpty()) {
			return false;
		}
		PathContainer container = PathContainer.parsePath(path);
		return this.routes.stream().anyMatch((route) -> route.matches(container));
	}

	WebDecision decide(RateLimitRequest request, @Nullable RateLimit annotation) {
		List<RateLimiter> limiters = new ArrayList<>();
		List<RateLimitKeyResolver> keys = new ArrayList<>();
		if (!this.routes.isEmpty()) {
			PathContainer path = PathContainer.parsePath(request.getPath());
			for (CompiledRoute route : this.routes) {
				if (route.matches(path)) {
					limiters.add(route.limiter());
					keys.add(route.key());
				}
			}
		}
		if (annotation != null) {
			limiters.add(this.registry.limiter(annotation.policy()));
			keys.add(annotation.key().isEmpty() ? this.settings.defaultKey()
					: this.settings.keyParser().apply(annotation.key()));
		}
		List<RateLimitResult> results = new ArrayList<>();
		List<RateLimitPolicy> policies = new ArrayList<>();
		RateLimitResult rejected = null;
		for (int i = 0; i < limiters.size(); i++) {
			RateLimiter limiter = limiters.get(i);
			RateLimitResult result = limiter.tryAcquire(key(keys.get(i), request));
			results.add(result);
			policies.add(limiter.policy());
			if (!result.allowed()) {
				// Later policies are not charged for a request that will not be served.
				rejected = result;
				break;
			}
		}
		int status = 0;
		if (rejected != null) {
			status = (rejected.outcome() == RateLimitOutcome.ERROR) ? HttpStatus.SERVICE_UNAVAILABLE.value()
					: HttpStatus.TOO_MANY_REQUESTS.value();
		}
		Map<String, String> headers = RateLimitResponses.headers(results, policies, this.settings.headers(), status);
		byte[] body = (rejected != null) ? RateLimitResponses.problem(rejected, request.getPath()) : new byte[0];
		return new WebDecision(status, results, headers, body);
	}

	private static String key(RateLimitKeyResolver resolver, RateLimitRequest request) {
		String key = resolver.resolve(request);
		if (key == null || key.isEmpty()) {
			String ip = request.getClientIp();
			key = (ip != null) ? "ip:" + ip : "ip:unknown";
		}
		return (key.length() > MAX_KEY_LENGTH) ? RedisKeys.hashedPart(key) : RedisKeys.safePart(key);
	}

	private record CompiledRoute(List<PathPattern> patterns, RateLimiter limiter, RateLimitKeyResolver key) {

		boolean matches(PathContainer path) {
			return this.patterns.stream().anyMatch((pattern) -> pattern.matches(path));
		}

	}

}
