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

import io.github.redisutils.blacklist.ReactiveTokenBlacklist;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The non-blocking variant of {@link TokenBlacklistJwtValidator}, for WebFlux. Spring
 * Security's {@code OAuth2TokenValidator} is synchronous, so this one is applied by
 * decorating a {@code ReactiveJwtDecoder} ({@link TokenBlacklistJwtDecoders}): the check
 * is chained after decoding and signature verification without blocking a thread.
 *
 * @author redis-utils authors
 */
public final class ReactiveTokenBlacklistJwtValidator {

	private final ReactiveTokenBlacklist blacklist;

	/**
	 * Create a validator.
	 * @param blacklist the reactive blacklist to ask
	 */
	public ReactiveTokenBlacklistJwtValidator(ReactiveTokenBlacklist blacklist) {
		this.blacklist = blacklist;
	}

	/**
	 * Validate a decoded JWT.
	 * @param jwt the token
	 * @return success, or a failure with the {@code invalid_token} error if it is revoked
	 */
	public Mono<OAuth2TokenValidatorResult> validate(Jwt jwt) {
		return this.blacklist.isRevoked(TokenBlacklistJwtValidator.describe(jwt))
			.map((revoked) -> revoked ? OAuth2TokenValidatorResult.failure(TokenBlacklistJwtValidator.REVOKED)
					: OAuth2TokenValidatorResult.success());
	}

}
