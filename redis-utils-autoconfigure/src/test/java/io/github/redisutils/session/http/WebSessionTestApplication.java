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
package io.github.redisutils.session.http;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import io.github.redisutils.session.SessionStore;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

/**
 * A WebFlux application with Spring Security's form login on the WebSession stored by
 * redis-utils: users {@code alice} and {@code bob} (password {@code secret}); the same
 * endpoints as {@link HttpSessionTestApplication}.
 *
 * @author redis-utils authors
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(WebSessionTestApplication.AccountController.class)
class WebSessionTestApplication {

	@Bean
	MapReactiveUserDetailsService users() {
		return new MapReactiveUserDetailsService(
				User.withUsername("alice").password("{noop}secret").roles("USER").build(),
				User.withUsername("bob").password("{noop}secret").roles("USER").build());
	}

	@Bean
	SecurityWebFilterChain security(ServerHttpSecurity http) {
		return http
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/public", "/csrf", "/login")
				.permitAll()
				.anyExchange()
				.authenticated())
			.formLogin(Customizer.withDefaults())
			.build();
	}

	@RestController
	static class AccountController {

		private final SessionStore store;

		AccountController(SessionStore store) {
			this.store = store;
		}

		@GetMapping("/public")
		String open(WebSession session) {
			session.getAttributes()
				.put("visits", (session.getAttribute("visits") instanceof Integer visits) ? visits + 1 : 1);
			return "public";
		}

		@GetMapping("/csrf")
		Mono<String> csrf(ServerWebExchange exchange) {
			Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
			return (token != null) ? token.map(CsrfToken::getToken) : Mono.empty();
		}

		@GetMapping("/me")
		String me(Principal principal, WebSession session) {
			List<?> cart = session.getAttribute("cart");
			return principal.getName() + " " + ((cart != null) ? cart : List.of());
		}

		@PostMapping("/cart")
		String add(@RequestParam String item, WebSession session) {
			List<String> cart = session.getAttribute("cart");
			List<String> items = new ArrayList<>((cart != null) ? cart : List.of());
			items.add(item);
			session.getAttributes().put("cart", List.copyOf(items));
			return items.toString();
		}

		@PostMapping("/logout-everywhere")
		Mono<String> logOutEverywhere(Principal principal) {
			return Mono.fromCallable(() -> Integer.toString(this.store.destroyAllForUser(principal.getName())))
				.subscribeOn(Schedulers.boundedElastic());
		}

	}

}
