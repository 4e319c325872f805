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
package io.github.redisutils.blacklist.security;

import io.github.redisutils.blacklist.TokenBlacklist;
import io.github.redisutils.blacklist.TokenDescriptor;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Rejects revoked JWTs with the standard {@code invalid_token} error, so that a resource
 * server answers 401 with {@code WWW-Authenticate: Bearer error="invalid_token"}. It runs
 * where Spring Security runs validators: after the signature check, so only authentic
 * tokens reach Redis.
 * <p>
 * A token is described by its {@code jti} (else the SHA-256 of the token), {@code sub},
 * {@code iat} and {@code exp}, so both per-token and per-user revocation apply. Blocking:
 * for WebFlux use {@link ReactiveTokenBlacklistJwtValidator}. Joined to the application's
 * decoders by {@code redis.token-blacklist.security.enabled=true}, or by hand:
 *
 * <pre class="code">
 * decoder.setJwtValidator(new DelegatingOAuth2TokenValidator&lt;&gt;(
 *         JwtValidators.createDefault(), new TokenBlacklistJwtValidator(blacklist)));
 * </pre>
 *
 * @author redis-utils authors
 */
public final class TokenBlacklistJwtValidator implements OAuth2TokenValidator<Jwt> {

	static final OAuth2Error REVOKED = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token has been revoked",
			null);

	private final TokenBlacklist blacklist;

	/**
	 * Create a validator.
	 * @param blacklist the blacklist to ask
	 */
	public TokenBlacklistJwtValidator(TokenBlacklist blacklist) {
		this.blacklist = blacklist;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		return this.blacklist.isRevoked(describe(jwt)) ? OAuth2TokenValidatorResult.failure(REVOKED)
				: OAuth2TokenValidatorResult.success();
	}

	/**
	 * Describe a decoded JWT for the blacklist.
	 * @param jwt the token
	 * @return its id ({@code jti}, else the token's hash), subject, issue and expiry
	 * instants
	 */
	public static TokenDescriptor describe(Jwt jwt) {
		String id = jwt.getId();
		return new TokenDescriptor((id != null && !id.isEmpty()) ? id : TokenDescriptor.hash(jwt.getTokenValue()),
				jwt.getSubject(), jwt.getIssuedAt(), jwt.getExpiresAt());
	}

}
