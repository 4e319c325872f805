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
 * What key resolvers and key expressions see of a web request, the same for Spring MVC
 * and WebFlux. In a {@code spel:} key the getters read as properties:
 * {@code spel:principalName ?: clientIp},
 * {@code spel:getHeader('X-Tenant') + ':' + path}.
 *
 * @author redis-utils authors
 */
public interface RateLimitRequest {

	/**
	 * Return the HTTP method.
	 * @return the method, for example {@code GET}
	 */
	String getMethod();

	/**
	 * Return the path within the application (without the context path).
	 * @return the path
	 */
	String getPath();

	/**
	 * Return the client's address: the peer, or with trusted proxies configured, the
	 * address they forwarded.
	 * @return the address, or {@code null} if unknown
	 */
	@Nullable String getClientIp();

	/**
	 * Return a request header.
	 * @param name the header name
	 * @return its first value, or {@code null}
	 */
	@Nullable String getHeader(String name);

	/**
	 * Return the name of the authenticated principal.
	 * @return the name, or {@code null} for an anonymous request
	 */
	@Nullable String getPrincipalName();

	/**
	 * Return the underlying request: an {@code HttpServletRequest} or a
	 * {@code ServerWebExchange}.
	 * @return the native request
	 */
	Object getNativeRequest();

}
