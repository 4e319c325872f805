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
import java.util.List;

import io.github.redisutils.core.RedisKeys;
import org.jspecify.annotations.Nullable;

/**
 * How the blacklist is laid out in Redis, shared by the blocking and the reactive
 * implementations: keys, their lifetimes and the sync channel.
 * <p>
 * One key per revoked token ({@code <prefix>:blacklist:token:<id>}, expiring with the
 * token) and one per subject revoked as a whole ({@code <prefix>:blacklist:user:<sub>},
 * holding the not-before in Unix seconds). A check reads both with one {@code MGET}. They
 * are deliberately not hash-tagged together: a token id alone (an opaque token, or
 * {@code revoke(id, expiry)}) carries no subject to tag by. On Redis Cluster the client
 * splits the {@code MGET} into one {@code GET} per slot, sent concurrently: still one
 * round trip of latency.
 *
 * @author redis-utils authors
 */
final class BlacklistKeys {

	static final String FEATURE = "blacklist";

	private final RedisKeys.FeatureKeys keys;

	final String channel;

	final TokenBlacklistOptions options;

	BlacklistKeys(RedisKeys redisKeys, TokenBlacklistOptions options) {
		this.keys = redisKeys.feature(FEATURE);
		this.channel = channel(redisKeys);
		this.options = options;
	}

	/**
	 * Return the pub/sub channel that carries revocations to local caches.
	 */
	static String channel(RedisKeys redisKeys) {
		return redisKeys.feature(FEATURE).key("sync");
	}

	// Token ids and subjects come from tokens: one that cannot be a key part as it is
	// (too
	// long, control characters) is hashed rather than failing the request.
	String tokenKey(String tokenId) {
		return this.keys.key("token", RedisKeys.safePart(tokenId));
	}

	String userKey(String subject) {
		return this.keys.key("user", RedisKeys.safePart(subject));
	}

	List<String> checkKeys(TokenDescriptor token) {
		String tokenKey = tokenKey(token.tokenId());
		return (token.subject() != null) ? List.of(tokenKey, userKey(token.subject())) : List.of(tokenKey);
	}

	String userTtlMillis() {
		return Long.toString(this.options.maxTokenLifetime().toMillis() + 1000);
	}

	Instant expiryOrDefault(@Nullable Instant expiresAt) {
		return (expiresAt != null) ? expiresAt : Instant.now().plus(this.options.maxTokenLifetime());
	}

	static void checkId(String name, @Nullable String value) {
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException(name + " must not be empty");
		}
	}

}
