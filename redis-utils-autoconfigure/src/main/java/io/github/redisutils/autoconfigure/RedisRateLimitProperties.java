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
package io.github.redisutils.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.redisutils.ratelimit.RateLimitAlgorithm;
import io.github.redisutils.ratelimit.RateLimitFailureMode;
import io.github.redisutils.ratelimit.RateLimitPolicy;
import io.github.redisutils.ratelimit.web.RateLimitKeyResolver;
import io.github.redisutils.ratelimit.web.RateLimitKeyResolvers;
import io.github.redisutils.ratelimit.web.RateLimitWebSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of rate limiting, under {@code redis.rate-limit.*}: named
 * policies and the web integration. They validate themselves when bound: a bad value or
 * combination fails start-up naming the policy and the property.
 *
 * @author redis-utils authors
 */
@ConfigurationProperties("redis.rate-limit")
public class RedisRateLimitProperties implements Validator {

	/**
	 * Whether rate limiting is enabled.
	 */
	private boolean enabled = true;

	/**
	 * Named policies: the algorithm and its limits, by policy name.
	 */
	private Map<String, Policy> policies = new LinkedHashMap<>();

	private final Web web = new Web();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, Policy> getPolicies() {
		return this.policies;
	}

	public void setPolicies(Map<String, Policy> policies) {
		this.policies = policies;
	}

	public Web getWeb() {
		return this.web;
	}

	/**
	 * Return the settings of every policy configured under {@code policies}: a
	 * {@link RateLimitPolicy} is the named instance of rate limiting.
	 * @return the policies, in configuration order
	 */
	public List<RateLimitPolicy> toSettings() {
		List<RateLimitPolicy> result = new ArrayList<>();
		this.policies.forEach((name, policy) -> result.add(policy.toSettings(name)));
		return result;
	}

	@Override
	public boolean supports(Class<?> type) {
		return RedisRateLimitProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RedisRateLimitProperties properties = (RedisRateLimitProperties) target;
		properties.policies.forEach((name, policy) -> policy.validate(name, errors));
		properties.web.validate(properties.policies, errors);
	}

	/**
	 * One named policy.
	 */
	public static class Policy {

		/**
		 * Algorithm counting the requests: token-bucket, gcra (the token bucket's
		 * decisions from one stored time per key), sliding-window,
		 * sliding-window-approximate or fixed-window.
		 */
		private RateLimitAlgorithm algorithm = RateLimitAlgorithm.TOKEN_BUCKET;

		/**
		 * Bucket capacity (token-bucket, gcra) or requests allowed per window.
		 */
		private long limit;

		/**
		 * Window length, or the period in which a token bucket (or gcra) gains 'refill'
		 * tokens.
		 */
		private @Nullable Duration window;

		/**
		 * Tokens added per window, continuously (token-bucket and gcra only). Defaults to
		 * the limit.
		 */
		private @Nullable Long refill;

		/**
		 * Tokens or requests one request takes.
		 */
		private long cost = 1;

		/**
		 * What to answer when Redis is unavailable: 'open' allows the request, 'closed'
		 * rejects it (HTTP 503).
		 */
		private RateLimitFailureMode onFailure = RateLimitFailureMode.OPEN;

		public RateLimitAlgorithm getAlgorithm() {
			return this.algorithm;
		}

		public void setAlgorithm(RateLimitAlgorithm algorithm) {
			this.algorithm = algorithm;
		}

		public long getLimit() {
			return this.limit;
		}

		public void setLimit(long limit) {
			this.limit = limit;
		}

		public @Nullable Duration getWindow() {
			return this.window;
		}

		public void setWindow(@Nullable Duration window) {
			this.window = window;
		}

		public @Nullable Long getRefill() {
			return this.refill;
		}

		public void setRefill(@Nullable Long refill) {
			this.refill = refill;
		}

		public long getCost() {
			return this.cost;
		}

		public void setCost(long cost) {
			this.cost = cost;
		}

		public RateLimitFailureMode getOnFailure() {
			return this.onFailure;
		}

		public void setOnFailure(RateLimitFailureMode onFailure) {
			this.onFailure = onFailure;
		}

		private boolean refills() {
			// Null only when bound from an empty value, which validation reports.
			return this.algorithm != null && this.algorithm.refills();
		}

		private long effectiveRefill() {
			if (refills()) {
				return (this.refill != null) ? this.refill : this.limit;
			}
			// The window algorithms have no refill: a value set for one is an error.
			return (this.refill != null) ? -1 : this.limit;
		}

		void validate(String name, Errors errors) {
			Map<String, String> problems = RateLimitPolicy.problems(name, this.algorithm, this.limit, this.window,
					effectiveRefill(), this.cost);
			problems.forEach((field, problem) -> {
				if (field.equals("refill") && this.refill == null) {
					// Defaulted from the limit, whose own problem is reported.
					return;
				}
				if (field.equals("refill") && this.algorithm == null) {
					// Bound from an empty value: whether a refill applies depends on the
					// algorithm, whose own problem ("must be set") is reported.
					return;
				}
				if (field.equals("name")) {
					errors.rejectValue("policies", "invalid", "Policy name '" + name + "' " + problem);
				}
				else if (field.equals("limit") && this.limit == 0) {
					errors.rejectValue("policies[" + name + "].limit", "missing",
							"Policy '" + name + "': must be set (the capacity or requests per window)");
				}
				else if (field.equals("window") && this.window == null) {
					errors.rejectValue("policies[" + name + "].window", "missing",
							"Policy '" + name + "': must be set (for example 1m)");
				}
				else if (field.equals("refill") && !refills()) {
					errors.rejectValue("policies[" + name + "].refill", "invalid",
							"Policy '" + name + "': refill applies to token-bucket and gcra only, not to "
									+ this.algorithm.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
				}
				else {
					errors.rejectValue("policies[" + name + "]." + field, "invalid",
							"Policy '" + name + "': " + field + " " + problem);
				}
			});
		}

		RateLimitPolicy toSettings(String name) {
			Duration window = (this.window != null) ? this.window : Duration.ZERO;
			return new RateLimitPolicy(name, this.algorithm, this.limit, window, effectiveRefill(), this.cost,
					this.onFailure);
		}

	}

	/**
	 * Web integration: the Spring MVC interceptor or WebFlux filter.
	 */
	public static class Web {

		/**
		 * Whether web requests are limited (by route and by @RateLimit annotations).
		 */
		private boolean enabled = true;

		/**
		 * Whether limited responses carry the RateLimit-Policy and RateLimit headers.
		 */
		private boolean headers = true;

		/**
		 * Key of routes and annotations that name none: 'ip', 'principal',
		 * 'header:<name>', 'spel:<expression>' or 'bean:<resolver bean name>'.
		 */
		private String defaultKey = "ip";

		/**
		 * Proxies (addresses or CIDR ranges) whose X-Forwarded-For header is trusted for
		 * the client address. Empty: the header is ignored and the peer address is used.
		 */
		private List<String> trustedProxies = new ArrayList<>();

		/**
		 * Path patterns limited by a policy, in order; every matching route applies.
		 */
		private List<Route> routes = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isHeaders() {
			return this.headers;
		}

		public void setHeaders(boolean headers) {
			this.headers = headers;
		}

		public String getDefaultKey() {
			return this.defaultKey;
		}

		public void setDefaultKey(String defaultKey) {
			this.defaultKey = defaultKey;
		}

		public List<String> getTrustedProxies() {
			return this.trustedProxies;
		}

		public void setTrustedProxies(List<String> trustedProxies) {
			this.trustedProxies = trustedProxies;
		}

		public List<Route> getRoutes() {
			return this.routes;
		}

		public void setRoutes(List<Route> routes) {
			this.routes = routes;
		}

		/**
		 * Return the web settings these properties describe.
		 * @param beans finds the resolver bean a {@code bean:<name>} key names
		 * @return the settings
		 */
		public RateLimitWebSettings toSettings(Function<String, RateLimitKeyResolver> beans) {
			List<RateLimitWebSettings.RouteDefinition> definitions = this.routes.stream()
				.map((route) -> new RateLimitWebSettings.RouteDefinition(route.getPaths(), route.getPolicy(),
						route.getKey()))
				.toList();
			return RateLimitWebSettings.of(this.headers, this.defaultKey, definitions, this.trustedProxies, beans);
		}

		void validate(Map<String, Policy> policies, Errors errors) {
			String keyProblem = RateLimitKeyResolvers.specProblem(this.defaultKey);
			if (keyProblem != null) {
				errors.rejectValue("web.defaultKey", "invalid", keyProblem);
			}
			for (int i = 0; i < this.trustedProxies.size(); i++) {
				String problem = RateLimitKeyResolvers.proxyProblem(this.trustedProxies.get(i));
				if (problem != null) {
					errors.rejectValue("web.trustedProxies[" + i + "]", "invalid", problem);
				}
			}
			for (int i = 0; i < this.routes.size(); i++) {
				this.routes.get(i).validate("web.routes[" + i + "].", policies, errors);
			}
		}

	}

	/**
	 * Path patterns limited by one policy.
	 */
	public static class Route {

		/**
		 * Path patterns (Spring's PathPattern syntax, for example /api/**) within the
		 * application.
		 */
		private List<String> paths = new ArrayList<>();

		/**
		 * Name of the policy applied, one of redis.rate-limit.policies or a
		 * RateLimitPolicy bean.
		 */
		private @Nullable String policy;

		/**
		 * Key of each request: 'ip', 'principal', 'header:<name>', 'spel:<expression>' or
		 * 'bean:<resolver bean name>'. Defaults to redis.rate-limit.web.default-key.
		 */
		private @Nullable String key;

		public List<String> getPaths() {
			return this.paths;
		}

		public void setPaths(List<String> paths) {
			this.paths = paths;
		}

		public @Nullable String getPolicy() {
			return this.policy;
		}

		public void setPolicy(@Nullable String policy) {
			this.policy = policy;
		}

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

		void validate(String prefix, Map<String, Policy> policies, Errors errors) {
			if (this.paths.isEmpty()) {
				errors.rejectValue(prefix + "paths", "missing", "must list at least one path pattern");
			}
			for (int i = 0; i < this.paths.size(); i++) {
				String problem = RateLimitKeyResolvers.pathPatternProblem(this.paths.get(i));
				if (problem != null) {
					errors.rejectValue(prefix + "paths[" + i + "]", "invalid", problem);
				}
			}
			if (this.policy == null || this.policy.isBlank()) {
				errors.rejectValue(prefix + "policy", "missing", "must name a policy");
			}
			if (this.key != null) {
				String problem = RateLimitKeyResolvers.specProblem(this.key);
				if (problem != null) {
					errors.rejectValue(prefix + "key", "invalid", problem);
				}
			}
		}

	}

}
