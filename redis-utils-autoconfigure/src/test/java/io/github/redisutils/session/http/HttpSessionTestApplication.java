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
import jakarta.servlet.http.HttpSession;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A web application with Spring Security's form login on the HttpSession stored by
 * redis-utils: users {@code alice} and {@code bob} (password {@code secret}),
 * {@code maximumSessions} from {@code test.max-sessions} and {@code test.prevents-login},
 * through Spring Session's session registry.
 *
 * @author redis-utils authors
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(HttpSessionTestApplication.AccountController.class)
class HttpSessionTestApplication {

	@Bean
	UserDetailsService users() {
		return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}secret").roles("USER").build(),
				User.withUsername("bob").password("{noop}secret").roles("USER").build());
	}

	@Bean
	<S extends Session> SecurityFilterChain security(HttpSecurity http, FindByIndexNameSessionRepository<S> sessions,
			Environment environment) {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/public", "/csrf", "/login", "/error")
			.permitAll()
			.anyRequest()
			.authenticated()).formLogin(Customizer.withDefaults());
		Integer maxSessions = environment.getProperty("test.max-sessions", Integer.class);
		if (maxSessions != null) {
			// Concurrency control reads the session once more per request (Spring
			// Security's ConcurrentSessionFilter), so only where a test asks for it.
			boolean preventsLogin = environment.getProperty("test.prevents-login", Boolean.class, false);
			http.sessionManagement((management) -> management.maximumSessions(maxSessions)
				.maxSessionsPreventsLogin(preventsLogin)
				.sessionRegistry(new SpringSessionBackedSessionRegistry<>(sessions)));
		}
		return http.build();
	}

	/**
	 * What a shopping cart in the session looks like: an application type.
	 *
	 * @param items the items
	 */
	record Cart(List<String> items) {

	}

	@RestController
	static class AccountController {

		private final SessionStore store;

		AccountController(SessionStore store) {
			this.store = store;
		}

		@GetMapping("/public")
		String open(HttpSession session) {
			session.setAttribute("visits", (session.getAttribute("visits") instanceof Integer visits) ? visits + 1 : 1);
			return "public";
		}

		@GetMapping("/csrf")
		String csrf(CsrfToken token) {
			return token.getToken();
		}

		@GetMapping("/me")
		String me(Principal principal, HttpSession session) {
			Cart cart = (Cart) session.getAttribute("cart");
			return principal.getName() + " " + ((cart != null) ? cart.items() : List.of());
		}

		@PostMapping("/cart")
		String add(@RequestParam String item, HttpSession session) {
			Cart cart = (Cart) session.getAttribute("cart");
			List<String> items = new ArrayList<>((cart != null) ? cart.items() : List.of());
			items.add(item);
			session.setAttribute("cart", new Cart(List.copyOf(items)));
			return items.toString();
		}

		@PostMapping("/logout-everywhere")
		String logOutEverywhere(Principal principal) {
			return Integer.toString(this.store.destroyAllForUser(principal.getName()));
		}

	}

}
