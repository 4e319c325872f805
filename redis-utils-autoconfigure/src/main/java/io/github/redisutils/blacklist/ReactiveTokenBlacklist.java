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
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * The non-blocking twin of {@link TokenBlacklist}, for WebFlux: the same keys, messages
 * and semantics, answering with {@link Mono}s. A check answered by the local cache
 * completes at once; otherwise it is one round trip that never blocks a thread. Failed
 * checks complete with the {@link FailurePolicy}'s answer; failed revocations with a
 * {@link io.github.redisutils.core.RedisUnavailableException}.
 *
 * @author redis-utils authors
 */
public interface ReactiveTokenBlacklist {

	/**
	 * Revoke a token until it expires.
	 * @param tokenId the token's id
	 * @param expiresAt when the token expires
	 * @return {@code true} if revoked, {@code false} if it had already expired
	 * @see TokenBlacklist#revoke(String, Instant)
	 */
	Mono<Boolean> revoke(String tokenId, Instant expiresAt);

	/**
	 * Revoke a raw token.
	 * @param rawToken the token as the client sent it
	 * @return {@code true} if revoked, {@code false} if it had already expired
	 * @see TokenBlacklist#revokeToken(String)
	 */
	Mono<Boolean> revokeToken(String rawToken);

	/**
	 * Revoke every token of a subject issued up to now.
	 * @param subject the subject
	 * @return the not-before
	 * @see TokenBlacklist#revokeAllForUser(String)
	 */
	Mono<Instant> revokeAllForUser(String subject);

	/**
	 * Tell whether a token is revoked.
	 * @param token the token
	 * @return whether it is revoked, or the failure policy's answer
	 * @see TokenBlacklist#isRevoked(TokenDescriptor)
	 */
	Mono<Boolean> isRevoked(TokenDescriptor token);

	/**
	 * Lift a token's revocation.
	 * @param tokenId the token's id
	 * @return whether it was revoked
	 */
	Mono<Boolean> restore(String tokenId);

	/**
	 * Lift a subject's revocation.
	 * @param subject the subject
	 * @return whether the subject had a not-before
	 */
	Mono<Boolean> restoreUser(String subject);

	/**
	 * Create a reactive blacklist.
	 * @param connectionFactory the reactive connection factory
	 * @param redisKeys the key builder
	 * @param options the options
	 * @param monitor where checks and failures are counted
	 * @param localCache a local cache kept in sync by a {@link RevocationSubscriber}, or
	 * {@code null} for none
	 * @return the blacklist
	 */
	static ReactiveTokenBlacklist create(ReactiveRedisConnectionFactory connectionFactory, RedisKeys redisKeys,
			TokenBlacklistOptions options, TokenBlacklistMonitor monitor, @Nullable LocalRevocationCache localCache) {
		return new DefaultReactiveTokenBlacklist(connectionFactory, new BlacklistKeys(redisKeys, options), monitor,
				localCache);
	}

}
