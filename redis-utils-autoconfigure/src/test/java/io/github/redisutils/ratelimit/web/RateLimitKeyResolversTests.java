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

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.expression.spel.SpelEvaluationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Key specifications and the built-in resolvers.
 *
 * @author redis-utils authors
 */
class RateLimitKeyResolversTests {

	private final TestRequest request = new TestRequest("/orders", "198.51.100.1", "alice",
			Map.of("X-Api-Key", "k1", "X-Tenant", "acme"));

	private final RateLimitKeyResolver bean = (request) -> "custom";

	@Test
	void builtInSpecificationsResolveTheirParts() {
		assertThat(parse("ip").resolve(this.request)).isEqualTo("ip:198.51.100.1");
		assertThat(parse("principal").resolve(this.request)).isEqualTo("user:alice");
		assertThat(parse("header:X-Api-Key").resolve(this.request)).isEqualTo("header:k1");
		assertThat(parse("header:X-Missing").resolve(this.request)).isNull();
		assertThat(parse("bean:mine").resolve(this.request)).isEqualTo("custom");
		assertThat(parse("spel:getHeader('X-Tenant') + ':' + path").resolve(this.request)).isEqualTo("acme:/orders");
		assertThat(parse("spel:principalName ?: clientIp").resolve(this.request)).isEqualTo("alice");
	}

	@Test
	void anonymousRequestsHaveNoPrincipalKey() {
		TestRequest anonymous = new TestRequest("/", "198.51.100.1", null, Map.of());
		assertThat(parse("principal").resolve(anonymous)).isNull();
	}

	@Test
	void expressionsCannotReachTypesOrBeans() {
		RateLimitKeyResolver resolver = parse("spel:T(java.lang.Runtime).getRuntime().toString()");
		assertThatExceptionOfType(SpelEvaluationException.class).isThrownBy(() -> resolver.resolve(this.request));
	}

	@Test
	void badSpecificationsAreDescribed() {
		assertThat(RateLimitKeyResolvers.specProblem("")).contains("not empty");
		assertThat(RateLimitKeyResolvers.specProblem("cookie")).contains("must be 'ip', 'principal'");
		assertThat(RateLimitKeyResolvers.specProblem("header:")).contains("must name a header");
		assertThat(RateLimitKeyResolvers.specProblem("spel:getHeader(")).contains("not a valid SpEL expression");
		assertThat(RateLimitKeyResolvers.specProblem("spel:clientIp")).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> parse("cookie"));
	}

	@Test
	void badPathPatternsAreDescribed() {
		assertThat(RateLimitKeyResolvers.pathPatternProblem("api/**")).contains("must start with '/'");
		assertThat(RateLimitKeyResolvers.pathPatternProblem("/api/**/x")).contains("not a valid path pattern");
		assertThat(RateLimitKeyResolvers.pathPatternProblem("/api/{id}/**")).isNull();
	}

	private RateLimitKeyResolver parse(String spec) {
		return RateLimitKeyResolvers.parse(spec, (name) -> this.bean);
	}

	record TestRequest(String path, @Nullable String ip, @Nullable String principal,
			Map<String, String> headers) implements RateLimitRequest {

		@Override
		public String getMethod() {
			return "GET";
		}

		@Override
		public String getPath() {
			return this.path;
		}

		@Override
		public @Nullable String getClientIp() {
			return this.ip;
		}

		@Override
		public @Nullable String getHeader(String name) {
			return this.headers.get(name);
		}

		@Override
		public @Nullable String getPrincipalName() {
			return this.principal;
		}

		@Override
		public Object getNativeRequest() {
			return this;
		}

	}

}
