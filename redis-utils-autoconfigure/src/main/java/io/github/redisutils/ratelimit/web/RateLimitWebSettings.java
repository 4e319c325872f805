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
import java.util.function.Function;

import io.github.redisutils.core.RedisConfigurationException;
import org.jspecify.annotations.Nullable;

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

	/**
	 * Build settings from their configured form, {@code redis.rate-limit.web.*}.
	 * @param headers whether limited responses carry the draft's headers
	 * @param defaultKey key specification of routes and annotations that name none
	 * @param routes the configured routes, in order
	 * @param trustedProxies proxies whose {@code X-Forwarded-For} header is trusted
	 * @param beans finds the resolver bean a {@code bean:<name>} key names
	 * @return the settings
	 * @throws RedisConfigurationException naming the property at fault
	 */
	public static RateLimitWebSettings of(boolean headers, String defaultKey, List<RouteDefinition> routes,
			List<String> trustedProxies, Function<String, RateLimitKeyResolver> beans) {
		Function<String, RateLimitKeyResolver> parser = RateLimitKeyResolvers.parser(beans);
		RateLimitKeyResolver defaultResolver = parse(parser, defaultKey, PROPERTY + ".default-key");
		List<RateLimitRoute> compiled = new ArrayList<>();
		for (int i = 0; i < routes.size(); i++) {
			RouteDefinition route = routes.get(i);
			String property = PROPERTY + ".routes[" + i + "]";
			if (route.policy() == null || route.policy().isBlank()) {
				throw new RedisConfigurationException(property + ".policy", "must be set",
						"Name the policy that limits " + route.paths());
			}
			RateLimitKeyResolver key = (route.key() != null) ? parse(parser, route.key(), property + ".key")
					: defaultResolver;
			compiled.add(new RateLimitRoute(route.paths(), route.policy(), key));
		}
		ClientAddresses clientAddresses;
		try {
			clientAddresses = trustedProxies.isEmpty() ? ClientAddresses.peerOnly()
					: ClientAddresses.trusting(trustedProxies);
		}
		catch (IllegalArgumentException ex) {
			throw new RedisConfigurationException(PROPERTY + ".trusted-proxies", ex.getMessage(),
					"List addresses or CIDR ranges such as 10.0.0.0/8", ex);
		}
		return new RateLimitWebSettings(headers, compiled, defaultResolver, parser, clientAddresses);
	}

	private static RateLimitKeyResolver parse(Function<String, RateLimitKeyResolver> parser, String spec,
			String property) {
		try {
			return parser.apply(spec);
		}
		catch (RuntimeException ex) {
			throw new RedisConfigurationException(property, "'" + spec + "' is not a usable key: " + ex.getMessage(),
					"Use ip, principal, header:<name>, spel:<expression> or bean:<name of a RateLimitKeyResolver bean>",
					ex);
		}
	}

	private static final String PROPERTY = "redis.rate-limit.web";

	/**
	 * One route as configured.
	 *
	 * @param paths the path patterns
	 * @param policy the policy's name
	 * @param key the key specification, {@code null} for the default key
	 */
	public record RouteDefinition(List<String> paths, @Nullable String policy, @Nullable String key) {

		/**
		 * Create a route definition.
		 * @param paths the path patterns
		 * @param policy the policy's name
		 * @param key the key specification, {@code null} for the default key
		 */
		public RouteDefinition {
			paths = List.copyOf(paths);
		}

	}

}
