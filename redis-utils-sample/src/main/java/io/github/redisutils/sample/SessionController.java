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

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.redisutils.session.OnlineUsers;
import io.github.redisutils.session.Session;
import io.github.redisutils.session.SessionOptions;
import io.github.redisutils.session.SessionStore;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Login, whoami and logout on the Redis session store, the session id in an
 * {@code HttpOnly} cookie.
 * <p>
 * The sample has no passwords: login trusts the {@code user} parameter. A real
 * application creates the session after authenticating the user, and should also create a
 * new one (never reuse an id) on every login.
 *
 * @author redis-utils authors
 */
@RestController
class SessionController {

	static final String COOKIE = "SID";

	private final SessionStore sessions;

	SessionController(SessionStore sessions) {
		this.sessions = sessions;
	}

	@PostMapping("/sessions/login")
	ResponseEntity<Map<String, Object>> login(@RequestParam String user, HttpServletRequest request) {
		SessionOptions options = SessionOptions.defaults()
			.withMetadata(SessionOptions.IP_ADDRESS, request.getRemoteAddr());
		String userAgent = request.getHeader(HttpHeaders.USER_AGENT);
		if (userAgent != null) {
			options = options.withMetadata(SessionOptions.USER_AGENT, userAgent);
		}
		Session session = this.sessions.create(user, Map.of("loginCount", 1), options);
		ResponseCookie cookie = ResponseCookie.from(COOKIE, session.id())
			.httpOnly(true)
			.sameSite("Lax")
			.path("/")
			.build();
		return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie.toString()).body(describe(session));
	}

	@GetMapping("/sessions/whoami")
	ResponseEntity<Map<String, Object>> whoami(@CookieValue(name = COOKIE, required = false) @Nullable String id) {
		Optional<Session> session = this.sessions.find(id);
		if (session.isEmpty()) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "not logged in"));
		}
		// Sliding expiry; written at most once per redis.session.touch-interval.
		this.sessions.touch(id);
		Map<String, Object> body = describe(session.get());
		body.put("sessions", this.sessions.countByUser(session.get().userId()));
		return ResponseEntity.ok(body);
	}

	@PostMapping("/sessions/logout")
	ResponseEntity<Map<String, Object>> logout(@CookieValue(name = COOKIE, required = false) @Nullable String id) {
		boolean destroyed = this.sessions.destroy(id);
		return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, expired()).body(Map.of("loggedOut", destroyed));
	}

	@PostMapping("/sessions/logout-other-devices")
	ResponseEntity<Map<String, Object>> logoutOtherDevices(
			@CookieValue(name = COOKIE, required = false) @Nullable String id) {
		Optional<Session> session = this.sessions.find(id);
		if (session.isEmpty()) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "not logged in"));
		}
		int destroyed = this.sessions.destroyAllForUser(session.get().userId(), id);
		return ResponseEntity.ok(Map.of("destroyed", destroyed));
	}

	@GetMapping("/sessions/devices")
	ResponseEntity<List<Map<String, Object>>> devices(
			@CookieValue(name = COOKIE, required = false) @Nullable String id) {
		Optional<Session> session = this.sessions.find(id);
		if (session.isEmpty()) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
		}
		List<Map<String, Object>> devices = this.sessions.findByUser(session.get().userId()).stream().map((other) -> {
			Map<String, Object> device = new LinkedHashMap<>(other.metadata());
			device.put("createdAt", other.createdAt().toString());
			device.put("lastAccessedAt", other.lastAccessedAt().toString());
			device.put("current", other.id().equals(id));
			return device;
		}).toList();
		return ResponseEntity.ok(devices);
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

	private static Map<String, Object> describe(Session session) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("user", session.userId());
		body.put("createdAt", session.createdAt().toString());
		body.put("expiresAt", session.expiresAt().toString());
		return body;
	}

	private static String expired() {
		return ResponseCookie.from(COOKIE, "")
			.httpOnly(true)
			.sameSite("Lax")
			.path("/")
			.maxAge(Duration.ZERO)
			.build()
			.toString();
	}

}
