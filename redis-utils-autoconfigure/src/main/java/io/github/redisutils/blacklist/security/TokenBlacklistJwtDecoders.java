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

import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Decorates JWT decoders so that a decoded token is checked against the blacklist after
 * the decoder's own checks (signature, expiry and its validators). A revoked token fails
 * with a {@link JwtValidationException} carrying {@code invalid_token}, which Spring
 * Security's resource server turns into a 401.
 * <p>
 * Decorating works for any decoder, Spring Boot's or the application's own, whatever its
 * key (JWK set, public key, HMAC secret).
 *
 * @author redis-utils authors
 */
public final class TokenBlacklistJwtDecoders {

	private TokenBlacklistJwtDecoders() {
	}

	/**
	 * Decorate a blocking decoder.
	 * @param decoder the decoder
	 * @param validator the blacklist validator, looked up on first use
	 * @return the decorated decoder
	 */
	public static JwtDecoder withBlacklist(JwtDecoder decoder, Supplier<OAuth2TokenValidator<Jwt>> validator) {
		return new BlacklistJwtDecoder(decoder, validator);
	}

	/**
	 * Decorate a reactive decoder.
	 * @param decoder the decoder
	 * @param validator the non-blocking blacklist validator, looked up on first use
	 * @return the decorated decoder
	 */
	public static ReactiveJwtDecoder withBlacklist(ReactiveJwtDecoder decoder,
			Supplier<ReactiveTokenBlacklistJwtValidator> validator) {
		return new BlacklistReactiveJwtDecoder(decoder, validator);
	}

	static boolean isDecorated(Object decoder) {
		return decoder instanceof BlacklistJwtDecoder || decoder instanceof BlacklistReactiveJwtDecoder;
	}

	private static JwtValidationException rejected(OAuth2TokenValidatorResult result) {
		return new JwtValidationException("The token has been revoked", result.getErrors());
	}

	private static final class BlacklistJwtDecoder implements JwtDecoder {

		private final JwtDecoder delegate;

		private final Supplier<OAuth2TokenValidator<Jwt>> validator;

		BlacklistJwtDecoder(JwtDecoder delegate, Supplier<OAuth2TokenValidator<Jwt>> validator) {
			this.delegate = delegate;
			this.validator = validator;
		}

		@Override
		public Jwt decode(String token) throws JwtException {
			Jwt jwt = this.delegate.decode(token);
			OAuth2TokenValidatorResult result = this.validator.get().validate(jwt);
			if (result.hasErrors()) {
				throw rejected(result);
			}
			return jwt;
		}

	}

	private static final class BlacklistReactiveJwtDecoder implements ReactiveJwtDecoder {

		private final ReactiveJwtDecoder delegate;

		private final Supplier<ReactiveTokenBlacklistJwtValidator> validator;

		BlacklistReactiveJwtDecoder(ReactiveJwtDecoder delegate,
				Supplier<ReactiveTokenBlacklistJwtValidator> validator) {
			this.delegate = delegate;
			this.validator = validator;
		}

		@Override
		public Mono<Jwt> decode(String token) throws JwtException {
			return this.delegate.decode(token)
				.flatMap((jwt) -> this.validator.get()
					.validate(jwt)
					.flatMap((result) -> result.hasErrors() ? Mono.error(rejected(result)) : Mono.just(jwt)));
		}

	}

}
