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

import java.security.Principal;
import java.util.Collections;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * {@link RateLimitRequest} of a servlet request.
 *
 * @author redis-utils authors
 */
final class ServletRateLimitRequest implements RateLimitRequest {

	private final HttpServletRequest request;

	private final ClientAddresses clientAddresses;

	ServletRateLimitRequest(HttpServletRequest request, ClientAddresses clientAddresses) {
		this.request = request;
		this.clientAddresses = clientAddresses;
	}

	@Override
	public String getMethod() {
		return this.request.getMethod();
	}

	@Override
	public String getPath() {
		return path(this.request);
	}

	static String path(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String contextPath = request.getContextPath();
		return (!contextPath.isEmpty() && uri.startsWith(contextPath)) ? uri.substring(contextPath.length()) : uri;
	}

	@Override
	public @Nullable String getClientIp() {
		return this.clientAddresses.clientIp(this.request.getRemoteAddr(),
				Collections.list(this.request.getHeaders("X-Forwarded-For")));
	}

	@Override
	public @Nullable String getHeader(String name) {
		return this.request.getHeader(name);
	}

	@Override
	public @Nullable String getPrincipalName() {
		Principal principal = this.request.getUserPrincipal();
		return (principal != null) ? principal.getName() : null;
	}

	@Override
	public Object getNativeRequest() {
		return this.request;
	}

}
