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
package io.github.redisutils.blacklist;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the blacklist needs to know about a token: its id, and for a JWT its subject,
 * issue and expiry instants. Raw tokens are never stored: the id is the JWT's
 * {@code jti}, else the SHA-256 (hex) of the whole token.
 *
 * @param tokenId the token's id: its {@code jti}, or {@link #hash(String)} of the token
 * @param subject the token's subject ({@code sub}), if known; needed for per-user
 * revocation
 * @param issuedAt when the token was issued ({@code iat}), if known
 * @param expiresAt when the token expires ({@code exp}), if known
 * @author redis-utils authors
 */
public record TokenDescriptor(String tokenId, @Nullable String subject, @Nullable Instant issuedAt,
		@Nullable Instant expiresAt) {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

	/**
	 * Create a descriptor, checking the id.
	 * @param tokenId the token's id
	 * @param subject the token's subject, if known
	 * @param issuedAt when the token was issued, if known
	 * @param expiresAt when the token expires, if known
	 */
	public TokenDescriptor {
		if (tokenId == null || tokenId.isEmpty()) {
			throw new IllegalArgumentException("tokenId must not be empty");
		}
		if (subject != null && subject.isEmpty()) {
			subject = null;
		}
	}

	/**
	 * Describe a token known only by its id.
	 * @param tokenId the token's id
	 * @return the descriptor
	 */
	public static TokenDescriptor ofId(String tokenId) {
		return new TokenDescriptor(tokenId, null, null, null);
	}

	/**
	 * Describe a raw token. A JWS compact JWT (three dot-separated parts) is read without
	 * checking its signature: its {@code jti}, {@code sub}, {@code iat} and {@code exp}
	 * claims are used, and its id is the {@code jti}, else the token's hash. Anything
	 * else (an opaque token, an encrypted JWT) is described by its hash only. Only pass
	 * tokens that were authenticated: an unchecked JWT can claim any {@code jti}.
	 * @param rawToken the token as sent by the client
	 * @return the descriptor
	 */
	public static TokenDescriptor parse(String rawToken) {
		if (rawToken == null || rawToken.isEmpty()) {
			throw new IllegalArgumentException("rawToken must not be empty");
		}
		JsonNode claims = jwtClaims(rawToken);
		if (claims == null) {
			return ofId(hash(rawToken));
		}
		String jti = text(claims, "jti");
		return new TokenDescriptor((jti != null) ? jti : hash(rawToken), text(claims, "sub"), instant(claims, "iat"),
				instant(claims, "exp"));
	}

	/**
	 * Return the id under which an opaque token (or a JWT without {@code jti}) is stored:
	 * the lower-case hex SHA-256 of its UTF-8 bytes.
	 * @param rawToken the token
	 * @return 64 hex characters
	 */
	public static String hash(String rawToken) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawToken.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform is required to provide SHA-256.
			throw new IllegalStateException(ex);
		}
	}

	private static @Nullable JsonNode jwtClaims(String token) {
		int first = token.indexOf('.');
		int second = (first < 0) ? -1 : token.indexOf('.', first + 1);
		if (second < 0 || token.indexOf('.', second + 1) >= 0) {
			return null;
		}
		try {
			byte[] payload = BASE64URL.decode(token.substring(first + 1, second));
			JsonNode claims = MAPPER.readTree(payload);
			return (claims != null && claims.isObject()) ? claims : null;
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return null;
		}
	}

	private static @Nullable String text(JsonNode claims, String name) {
		JsonNode value = claims.get(name);
		return (value != null && value.isString() && !value.asString().isEmpty()) ? value.asString() : null;
	}

	private static @Nullable Instant instant(JsonNode claims, String name) {
		JsonNode value = claims.get(name);
		return (value != null && value.isNumber()) ? Instant.ofEpochSecond(value.asLong()) : null;
	}

	/**
	 * Whether a subject's not-before revokes this token. A token without {@code iat}
	 * cannot prove it was issued after the revocation, so it counts as revoked.
	 */
	boolean revokedBy(@Nullable Long notBefore) {
		if (notBefore == null) {
			return false;
		}
		return this.issuedAt == null || this.issuedAt.getEpochSecond() < notBefore;
	}

}
