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

import io.github.redisutils.core.RedisReplies;
import org.jspecify.annotations.Nullable;

/**
 * What a blacklist does on this instance around its Redis calls, the same for the
 * blocking and the reactive one: answering from and updating the local revocation cache,
 * and counting checks and revocations.
 *
 * @author redis-utils authors
 */
final class LocalEffects {

	private final TokenBlacklistMonitor monitor;

	private final @Nullable LocalRevocationCache cache;

	LocalEffects(TokenBlacklistMonitor monitor, @Nullable LocalRevocationCache cache) {
		this.monitor = monitor;
		this.cache = cache;
	}

	TokenBlacklistMonitor monitor() {
		return this.monitor;
	}

	/**
	 * Return the local cache's answer for a token, counted as a check, or {@code null}
	 * when Redis must be asked.
	 */
	@Nullable Boolean known(TokenDescriptor token) {
		Boolean known = (this.cache != null) ? this.cache.lookup(token) : null;
		if (known != null) {
			this.monitor.checked(known);
		}
		return known;
	}

	/**
	 * Return the local cache's stamp to pass to {@link #answer}, taken before Redis is
	 * asked, so that an invalidation arriving meanwhile is not overwritten.
	 */
	long stamp() {
		return (this.cache != null) ? this.cache.stamp() : -1;
	}

	/**
	 * Turn what Redis holds for a token (its revocation, then its subject's not-before if
	 * the token has a subject) into the answer, remembered locally and counted.
	 */
	boolean answer(TokenDescriptor token, List<String> keys, long stamp, List<? extends @Nullable String> values) {
		boolean tokenRevoked = values.get(0) != null;
		Long notBefore = (values.size() > 1) ? RedisReplies.optionalNumber(values.get(1), keys.get(1), "value") : null;
		if (this.cache != null) {
			this.cache.store(stamp, token, tokenRevoked, notBefore);
		}
		boolean revoked = tokenRevoked || token.revokedBy(notBefore);
		this.monitor.checked(revoked);
		return revoked;
	}

	void tokenRevoked(String tokenId) {
		this.monitor.tokenRevoked();
		if (this.cache != null) {
			// Read-your-writes on this instance, whenever the message arrives.
			this.cache.tokenRevoked(tokenId);
		}
	}

	Instant userRevoked(String subject, long notBefore) {
		this.monitor.userRevoked();
		if (this.cache != null) {
			this.cache.userRevoked(subject, notBefore);
		}
		return Instant.ofEpochSecond(notBefore);
	}

	void tokenRestored(String tokenId) {
		if (this.cache != null) {
			this.cache.tokenRestored(tokenId);
		}
	}

	void userRestored(String subject) {
		if (this.cache != null) {
			this.cache.userRestored(subject);
		}
	}

}
