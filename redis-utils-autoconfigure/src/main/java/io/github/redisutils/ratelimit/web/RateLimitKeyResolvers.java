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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import org.springframework.util.ClassUtils;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The built-in key resolvers and the parser of key specifications:
 * <ul>
 * <li>{@code ip}: the client address ({@code ip:<address>});</li>
 * <li>{@code principal}: the authenticated user ({@code user:<name>}), else the client
 * address;</li>
 * <li>{@code header:<name>}: a header's value ({@code header:<value>}), else the client
 * address;</li>
 * <li>{@code spel:<expression>}: a SpEL expression over the {@link RateLimitRequest},
 * evaluated with a read-only context (no types, constructors or bean references);</li>
 * <li>{@code bean:<name>}: a {@link RateLimitKeyResolver} bean.</li>
 * </ul>
 *
 * @author redis-utils authors
 */
public final class RateLimitKeyResolvers {

	/**
	 * Specification of the client-address key.
	 */
	public static final String IP = "ip";

	/**
	 * Specification of the principal key.
	 */
	public static final String PRINCIPAL = "principal";

	private static final String HEADER = "header:";

	private static final String SPEL = "spel:";

	private static final String BEAN = "bean:";

	private static final SpelExpressionParser SPEL_PARSER = new SpelExpressionParser();

	private RateLimitKeyResolvers() {
	}

	/**
	 * Return the resolver of the client address.
	 * @return the resolver
	 */
	public static RateLimitKeyResolver clientIp() {
		return (request) -> {
			String ip = request.getClientIp();
			return (ip != null) ? "ip:" + ip : null;
		};
	}

	/**
	 * Return the resolver of the authenticated principal's name.
	 * @return the resolver
	 */
	public static RateLimitKeyResolver principal() {
		return (request) -> {
			String name = request.getPrincipalName();
			return (name != null) ? "user:" + name : null;
		};
	}

	/**
	 * Return the resolver of a header's value.
	 * @param name the header name
	 * @return the resolver
	 */
	public static RateLimitKeyResolver header(String name) {
		return (request) -> {
			String value = request.getHeader(name);
			return (value != null && !value.isBlank()) ? "header:" + value : null;
		};
	}

	/**
	 * Return the resolver that evaluates a SpEL expression over the request.
	 * @param expression the expression
	 * @return the resolver
	 * @throws ParseException if the expression cannot be parsed
	 */
	public static RateLimitKeyResolver expression(String expression) {
		Expression parsed = SPEL_PARSER.parseExpression(expression);
		return (request) -> {
			EvaluationContext context = SimpleEvaluationContext.forReadOnlyDataBinding()
				.withInstanceMethods()
				.withRootObject(request)
				.build();
			Object value = parsed.getValue(context);
			return (value != null) ? value.toString() : null;
		};
	}

	/**
	 * Return a parser of key specifications that caches what it parsed.
	 * @param beans finds {@code bean:<name>} resolvers
	 * @return the parser
	 */
	public static Function<String, RateLimitKeyResolver> parser(Function<String, RateLimitKeyResolver> beans) {
		Map<String, RateLimitKeyResolver> cache = new ConcurrentHashMap<>();
		return (spec) -> cache.computeIfAbsent(spec, (key) -> parse(key, beans));
	}

	/**
	 * Turn a key specification into a resolver.
	 * @param spec the specification
	 * @param beans finds {@code bean:<name>} resolvers
	 * @return the resolver
	 * @throws IllegalArgumentException if the specification is not valid
	 */
	public static RateLimitKeyResolver parse(String spec, Function<String, RateLimitKeyResolver> beans) {
		String problem = specProblem(spec);
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
		if (spec.equals(IP)) {
			return clientIp();
		}
		if (spec.equals(PRINCIPAL)) {
			return principal();
		}
		if (spec.startsWith(HEADER)) {
			return header(spec.substring(HEADER.length()).trim());
		}
		if (spec.startsWith(SPEL)) {
			return expression(spec.substring(SPEL.length()));
		}
		return beans.apply(spec.substring(BEAN.length()).trim());
	}

	/**
	 * Describe what is wrong with a key specification, for configuration validation.
	 * @param spec the specification
	 * @return the problem, or {@code null} if the specification is valid
	 */
	public static @Nullable String specProblem(@Nullable String spec) {
		if (spec == null || spec.isBlank()) {
			return "must be 'ip', 'principal', 'header:<name>', 'spel:<expression>' or 'bean:<name>', not empty";
		}
		if (spec.equals(IP) || spec.equals(PRINCIPAL)) {
			return null;
		}
		if (spec.startsWith(HEADER) || spec.startsWith(BEAN)) {
			String name = spec.substring(spec.indexOf(':') + 1).trim();
			return name.isEmpty() ? "'" + spec + "' must name a " + (spec.startsWith(HEADER) ? "header" : "bean")
					: null;
		}
		if (spec.startsWith(SPEL)) {
			try {
				SPEL_PARSER.parseExpression(spec.substring(SPEL.length()));
				return null;
			}
			catch (ParseException ex) {
				return "'" + spec + "' is not a valid SpEL expression: " + ex.getMessage();
			}
		}
		return "'" + spec + "' must be 'ip', 'principal', 'header:<name>', 'spel:<expression>' or 'bean:<name>'";
	}

	/**
	 * Describe what is wrong with a trusted proxy entry, for configuration validation.
	 * @param proxy an address or CIDR range
	 * @return the problem, or {@code null} if the entry is valid
	 */
	public static @Nullable String proxyProblem(@Nullable String proxy) {
		return ClientAddresses.problem(proxy);
	}

	/**
	 * Describe what is wrong with a path pattern, for configuration validation.
	 * @param pattern the pattern
	 * @return the problem, or {@code null} if the pattern is valid
	 */
	public static @Nullable String pathPatternProblem(@Nullable String pattern) {
		if (pattern == null || pattern.isBlank()) {
			return "must not be empty";
		}
		if (!pattern.startsWith("/")) {
			return "'" + pattern + "' must start with '/'";
		}
		if (ClassUtils.isPresent("org.springframework.web.util.pattern.PathPatternParser",
				RateLimitKeyResolvers.class.getClassLoader())) {
			try {
				PathPatternParser.defaultInstance.parse(pattern);
			}
			catch (RuntimeException ex) {
				return "'" + pattern + "' is not a valid path pattern: " + ex.getMessage();
			}
		}
		return null;
	}

}
