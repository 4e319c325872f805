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
package io.github.redisutils.sample;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security's form login for {@code /account/**}, the login state in the
 * {@code HttpSession} that {@code redis.session.http.enabled=true} keeps in the Redis
 * session store: log in on one instance, stay logged in on every other. The rest of the
 * sample's endpoints are not behind Spring Security.
 *
 * @author redis-utils authors
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain accountSecurity(HttpSecurity http) {
		return http.securityMatcher("/account/**", "/login", "/logout")
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.formLogin((form) -> form.defaultSuccessUrl("/account/me").permitAll())
			.logout(Customizer.withDefaults())
			.build();
	}

	/**
	 * Two demo users; a real application has a user database.
	 */
	@Bean
	UserDetailsService sampleUsers(@Value("${sample.password}") String password) {
		return new InMemoryUserDetailsManager(
				User.withUsername("alice").password("{noop}" + password).roles("USER").build(),
				User.withUsername("bob").password("{noop}" + password).roles("USER").build());
	}

}
