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

import java.time.Instant;

import io.github.redisutils.core.RedisKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Revokes tokens before they expire, and tells whether a token is revoked.
 * <p>
 * A revoked token's id is kept in Redis until the token expires, so the blacklist cleans
 * itself up. Raw tokens are never stored: a JWT is known by its {@code jti}, anything
 * else by the SHA-256 of the token ({@link TokenDescriptor#hash(String)}).
 * {@link #revokeAllForUser(String)} revokes every token of a subject issued up to now,
 * including those issued in the same second (JWT {@code iat} has second precision).
 * <p>
 * Checks are one round trip, or none when a {@link LocalRevocationCache} answers. When
 * Redis cannot be asked, a check answers as the {@link FailurePolicy} says; revocations
 * and restorations throw {@link io.github.redisutils.core.RedisUnavailableException}.
 *
 * @author redis-utils authors
 * @see ReactiveTokenBlacklist
 */
public interface TokenBlacklist {

	/**
	 * Revoke a token until it expires.
	 * @param tokenId the token's id (its {@code jti}, or {@link TokenDescriptor#hash})
	 * @param expiresAt when the token expires; the revocation lives until then
	 * @return {@code true} if revoked, {@code false} if the token had already expired (by
	 * the Redis server's clock), in which case nothing is stored
	 */
	boolean revoke(String tokenId, Instant expiresAt);

	/**
	 * Revoke a raw token: a JWT by its {@code jti} (else its hash) until its {@code exp},
	 * anything else by its hash for the longest token lifetime configured. The JWT's
	 * signature is not checked: pass tokens that were authenticated.
	 * @param rawToken the token as the client sent it
	 * @return {@code true} if revoked, {@code false} if the token had already expired
	 */
	boolean revokeToken(String rawToken);

	/**
	 * Revoke a raw token by its id ({@code jti}, else hash) until the given instant: for
	 * opaque tokens whose expiry the caller knows.
	 * @param rawToken the token as the client sent it
	 * @param expiresAt when the token expires
	 * @return {@code true} if revoked, {@code false} if the token had already expired
	 */
	boolean revokeToken(String rawToken, Instant expiresAt);

	/**
	 * Revoke every token of a subject issued up to now. A token issued in the same second
	 * as this call is revoked too, even if it was issued a moment after it: a client that
	 * signs in again at once needs a token issued in the next second. Repeated calls keep
	 * the latest instant.
	 * @param subject the subject ({@code sub})
	 * @return the not-before: tokens issued before it are revoked
	 */
	Instant revokeAllForUser(String subject);

	/**
	 * Tell whether a token, known by its id only, is revoked. Per-user revocation is not
	 * considered (it needs the subject and issue time): prefer
	 * {@link #isRevoked(TokenDescriptor)}.
	 * @param tokenId the token's id
	 * @return whether it is revoked, or the failure policy's answer
	 */
	boolean isRevoked(String tokenId);

	/**
	 * Tell whether a token is revoked, by its id or, when it has a subject, by its
	 * subject's not-before (a token without issue time counts as revoked then). One round
	 * trip.
	 * @param token the token
	 * @return whether it is revoked, or the failure policy's answer
	 */
	boolean isRevoked(TokenDescriptor token);

	/**
	 * Tell whether a raw token is revoked: {@link TokenDescriptor#parse(String)} then
	 * {@link #isRevoked(TokenDescriptor)}.
	 * @param rawToken the token as the client sent it
	 * @return whether it is revoked, or the failure policy's answer
	 */
	boolean isTokenRevoked(String rawToken);

	/**
	 * Lift a token's revocation.
	 * @param tokenId the token's id
	 * @return whether it was revoked
	 */
	boolean restore(String tokenId);

	/**
	 * Lift a subject's revocation ({@link #revokeAllForUser(String)}). Tokens revoked one
	 * by one stay revoked.
	 * @param subject the subject
	 * @return whether the subject had a not-before
	 */
	boolean restoreUser(String subject);

	/**
	 * Create a blacklist.
	 * @param connectionFactory the connection factory
	 * @param redisKeys the key builder
	 * @param options the options
	 * @param monitor where checks and failures are counted
	 * @param localCache a local cache kept in sync by a {@link RevocationSubscriber}, or
	 * {@code null} for none
	 * @return the blacklist
	 */
	static TokenBlacklist create(RedisConnectionFactory connectionFactory, RedisKeys redisKeys,
			TokenBlacklistOptions options, TokenBlacklistMonitor monitor, @Nullable LocalRevocationCache localCache) {
		return new DefaultTokenBlacklist(connectionFactory, new BlacklistKeys(redisKeys, options), monitor, localCache);
	}

}
