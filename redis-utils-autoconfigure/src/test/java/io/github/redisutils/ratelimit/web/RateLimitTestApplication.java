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
import java.security.Principal;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A web application for the web tests: limited and unlimited endpoints, and a filter that
 * authenticates a request as the user named in {@code X-User} (standing for Spring
 * Security).
 *
 * @author redis-utils authors
 */
@SpringBootConfiguration
// Spring Security is on this module's test class path for the token blacklist's tests;
// these
// endpoints are meant to be open, as in an application without it.
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration" })
@Import(RateLimitTestApplication.Endpoints.class)
class RateLimitTestApplication {

	@Bean
	OncePerRequestFilter testAuthentication() {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				String user = request.getHeader("X-User");
				if (user == null) {
					chain.doFilter(request, response);
					return;
				}
				chain.doFilter(new HttpServletRequestWrapper(request) {

					@Override
					public Principal getUserPrincipal() {
						return () -> user;
					}

				}, response);
			}

		};
	}

	@RestController
	static class Endpoints {

		@GetMapping({ "/api/items", "/keyed/items", "/open/items", "/closed/items", "/public/items" })
		Map<String, String> items() {
			return Map.of("items", "none");
		}

		@RateLimit(policy = "per-user", key = "principal")
		@GetMapping("/me")
		Map<String, String> me(Principal principal) {
			return Map.of("name", (principal != null) ? principal.getName() : "anonymous");
		}

		@RateLimit(policy = "per-user", key = "spel:'tenant:' + getHeader('X-Tenant')")
		@GetMapping("/tenant")
		Map<String, String> tenant() {
			return Map.of("tenant", "ok");
		}

	}

}
