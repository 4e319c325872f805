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
import java.util.function.Function;

import org.springframework.util.Assert;

/**
 * How web requests are limited, shared by the Spring MVC interceptor and the WebFlux
 * filter.
 *
 * @param headers whether limited responses carry {@code RateLimit-Policy} and
 * {@code RateLimit} headers
 * @param routes path patterns and their policies, every matching one applied in order
 * @param defaultKey key of annotations that name none
 * @param keyParser turns the key specification of a {@link RateLimit} annotation into a
 * resolver (see {@link RateLimitKeyResolvers#parser})
 * @param clientAddresses how the client address is found
 * @author redis-utils authors
 */
public record RateLimitWebSettings(boolean headers, List<RateLimitRoute> routes, RateLimitKeyResolver defaultKey,
		Function<String, RateLimitKeyResolver> keyParser, ClientAddresses clientAddresses) {

	/**
	 * Create settings.
	 * @param headers whether limited responses carry the draft's headers
	 * @param routes path patterns and their policies
	 * @param defaultKey key of annotations that name none
	 * @param keyParser parser of annotation key specifications
	 * @param clientAddresses how the client address is found
	 */
	public RateLimitWebSettings {
		Assert.notNull(defaultKey, "'defaultKey' must not be null");
		Assert.notNull(keyParser, "'keyParser' must not be null");
		Assert.notNull(clientAddresses, "'clientAddresses' must not be null");
		routes = List.copyOf(routes);
	}

}
