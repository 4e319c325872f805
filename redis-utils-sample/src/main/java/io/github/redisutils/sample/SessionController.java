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

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.redisutils.session.OnlineUsers;
import io.github.redisutils.session.SessionStore;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The logged-in user's account, devices and "log out my other devices", and who is
 * online. The {@code HttpSession} of a Spring Security login is a session in the Redis
 * session store (same id), so the store's per-user API works on it directly.
 *
 * @author redis-utils authors
 */
@RestController
class SessionController {

	private final SessionStore sessions;

	SessionController(SessionStore sessions) {
		this.sessions = sessions;
	}

	@GetMapping("/account/me")
	Map<String, Object> me(Principal principal, HttpSession session) {
		// An attribute set through HttpSession: only the changed attribute is written.
		int visits = (session.getAttribute("visits") instanceof Integer previous) ? previous + 1 : 1;
		session.setAttribute("visits", visits);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("user", principal.getName());
		body.put("visits", visits);
		body.put("sessions", this.sessions.countByUser(principal.getName()));
		return body;
	}

	/**
	 * The CSRF token that Spring Security wants with every {@code POST} under
	 * {@code /account/} and {@code /logout}, as header {@code X-CSRF-TOKEN}.
	 */
	@GetMapping("/account/csrf")
	Map<String, String> csrf(CsrfToken token) {
		return Map.of("header", token.getHeaderName(), "token", token.getToken());
	}

	@GetMapping("/account/devices")
	List<Map<String, Object>> devices(Principal principal, HttpSession current) {
		return this.sessions.findByUser(principal.getName()).stream().map((other) -> {
			Map<String, Object> device = new LinkedHashMap<>(other.metadata());
			device.put("createdAt", other.createdAt().toString());
			device.put("lastAccessedAt", other.lastAccessedAt().toString());
			device.put("current", other.id().equals(current.getId()));
			return device;
		}).toList();
	}

	@PostMapping("/account/logout-other-devices")
	Map<String, Object> logoutOtherDevices(Principal principal, HttpSession current) {
		return Map.of("destroyed", this.sessions.destroyAllForUser(principal.getName(), current.getId()));
	}

	@GetMapping("/sessions/online")
	Map<String, Object> online(@RequestParam(defaultValue = "0") long offset,
			@RequestParam(defaultValue = "20") int count) {
		OnlineUsers page = this.sessions.onlineUsers(offset, Math.min(Math.max(count, 1), OnlineUsers.MAX_PAGE));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("total", page.total());
		body.put("users",
				page.users()
					.stream()
					.map((user) -> Map.of("user", user.userId(), "activeUntil", user.activeUntil().toString()))
					.toList());
		body.put("hasMore", page.hasMore());
		return body;
	}

}
