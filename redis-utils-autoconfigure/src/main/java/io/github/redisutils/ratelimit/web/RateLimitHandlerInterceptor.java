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

import java.io.IOException;

import io.github.redisutils.ratelimit.RateLimiterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Spring MVC interceptor that limits requests by route and by {@link RateLimit}
 * annotation. A rejected request gets HTTP 429 with {@code Retry-After} (or 503 when
 * Redis is unavailable and the policy fails closed) and an RFC 9457
 * {@code application/problem+json} body; every limited response gets the
 * {@code RateLimit-Policy} and {@code RateLimit} headers unless they are switched off.
 * Only the original dispatch is limited: error and async dispatches of the same request
 * are not counted again.
 *
 * @author redis-utils authors
 */
public class RateLimitHandlerInterceptor implements HandlerInterceptor {

	private final WebRateLimiter limiter;

	/**
	 * Create an interceptor.
	 * @param registry the limiters
	 * @param settings routes, headers and keys
	 * @throws IllegalStateException if a route names a policy that does not exist
	 */
	public RateLimitHandlerInterceptor(RateLimiterRegistry registry, RateLimitWebSettings settings) {
		this.limiter = new WebRateLimiter(registry, settings);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws IOException {
		if (request.getDispatcherType() != DispatcherType.REQUEST) {
			return true;
		}
		RateLimit annotation = annotation(handler);
		if (!this.limiter.applies(ServletRateLimitRequest.path(request), annotation)) {
			return true;
		}
		WebDecision decision = this.limiter
			.decide(new ServletRateLimitRequest(request, this.limiter.settings().clientAddresses()), annotation);
		decision.headers().forEach(response::setHeader);
		if (decision.allowed()) {
			return true;
		}
		response.setStatus(decision.status());
		response.setContentType(WebDecision.PROBLEM_JSON);
		response.setContentLength(decision.body().length);
		response.getOutputStream().write(decision.body());
		response.flushBuffer();
		return false;
	}

	private static @Nullable RateLimit annotation(Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return null;
		}
		RateLimit annotation = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RateLimit.class);
		return (annotation != null) ? annotation
				: AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RateLimit.class);
	}

}
