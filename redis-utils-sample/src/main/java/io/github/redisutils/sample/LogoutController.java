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

import java.util.Map;

import io.github.redisutils.blacklist.TokenBlacklist;
import io.github.redisutils.blacklist.TokenDescriptor;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Logout revokes the bearer token; a check endpoint tells whether a token is revoked.
 * <p>
 * The sample has no Spring Security, so the token is not verified here. In a resource
 * server, logout sits behind authentication (only the token's holder can revoke it) and
 * {@code redis.token-blacklist.security.enabled=true} makes every request with a revoked
 * token fail with 401 {@code invalid_token}.
 *
 * @author redis-utils authors
 */
@RestController
class LogoutController {

	private final TokenBlacklist blacklist;

	LogoutController(TokenBlacklist blacklist) {
		this.blacklist = blacklist;
	}

	@PostMapping("/blacklist/logout")
	ResponseEntity<Map<String, Object>> logout(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
		String token = bearer(authorization);
		if (token == null) {
			return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", "expected a Bearer token"));
		}
		boolean revoked = this.blacklist.revokeToken(token);
		return ResponseEntity.ok(Map.of("revoked", revoked, "tokenId", TokenDescriptor.parse(token).tokenId()));
	}

	@GetMapping("/blacklist/check")
	ResponseEntity<Map<String, Object>> check(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
		String token = bearer(authorization);
		if (token == null) {
			return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", "expected a Bearer token"));
		}
		return ResponseEntity.ok(Map.of("revoked", this.blacklist.isTokenRevoked(token)));
	}

	private static @Nullable String bearer(String authorization) {
		return authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : null;
	}

}
