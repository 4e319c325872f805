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
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import io.github.redisutils.core.RedisCalls;
import io.github.redisutils.core.RedisReplies;
import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.core.RedisUtilsException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * {@link TokenBlacklist} on a {@link StringRedisTemplate} of its own; checks are bounded
 * by the connection's command timeout ({@code spring.data.redis.timeout}).
 *
 * @author redis-utils authors
 */
final class DefaultTokenBlacklist implements TokenBlacklist {

	private final StringRedisTemplate template;

	private final BlacklistKeys blacklistKeys;

	private final TokenBlacklistMonitor monitor;

	private final LocalEffects local;

	DefaultTokenBlacklist(RedisConnectionFactory connectionFactory, BlacklistKeys blacklistKeys,
			TokenBlacklistMonitor monitor, @Nullable LocalRevocationCache cache) {
		this.template = new StringRedisTemplate(connectionFactory);
		this.blacklistKeys = blacklistKeys;
		this.monitor = monitor;
		this.local = new LocalEffects(monitor, cache);
	}

	@Override
	public boolean revoke(String tokenId, Instant expiresAt) {
		BlacklistKeys.checkId("tokenId", tokenId);
		String key = this.blacklistKeys.tokenKey(tokenId);
		Long stored = call("revoke a token", key,
				() -> this.template.execute(BlacklistScripts.REVOKE, List.of(key),
						Long.toString(expiresAt.toEpochMilli()), this.blacklistKeys.channel,
						SyncMessage.tokenRevoked(tokenId)));
		if (stored == null || stored == 0) {
			return false;
		}
		this.local.tokenRevoked(tokenId);
		return true;
	}

	@Override
	public boolean revokeToken(String rawToken) {
		TokenDescriptor token = TokenDescriptor.parse(rawToken);
		return revoke(token.tokenId(), this.blacklistKeys.expiryOrDefault(token.expiresAt()));
	}

	@Override
	public boolean revokeToken(String rawToken, Instant expiresAt) {
		return revoke(TokenDescriptor.parse(rawToken).tokenId(), expiresAt);
	}

	@Override
	public Instant revokeAllForUser(String subject) {
		BlacklistKeys.checkId("subject", subject);
		String key = this.blacklistKeys.userKey(subject);
		long notBefore = RedisReplies.number(
				call("revoke a subject's tokens", key,
						() -> this.template.execute(BlacklistScripts.REVOKE_USER, List.of(key),
								this.blacklistKeys.userTtlMillis(), this.blacklistKeys.channel, subject)),
				key, "reply");
		return this.local.userRevoked(subject, notBefore);
	}

	@Override
	public boolean isRevoked(String tokenId) {
		return isRevoked(TokenDescriptor.ofId(tokenId));
	}

	@Override
	public boolean isRevoked(TokenDescriptor token) {
		Boolean known = this.local.known(token);
		if (known != null) {
			return known;
		}
		long stamp = this.local.stamp();
		List<String> keys = this.blacklistKeys.checkKeys(token);
		List<String> values;
		try {
			values = this.monitor.outage()
				.read(() -> (keys.size() == 1) ? singleton(this.template.opsForValue().get(keys.get(0)))
						: this.template.opsForValue().multiGet(keys), "check a token", keys.get(0));
		}
		catch (RedisUnavailableException ex) {
			// Only an outage applies the failure policy: a permission error or malformed
			// state is a mistake to fix, never a reason to accept tokens.
			return this.monitor.failed(ex);
		}
		if (values == null) {
			return this.monitor.failed(new RedisUtilsException("Redis answered MGET with nothing"));
		}
		return this.local.answer(token, keys, stamp, values);
	}

	private static List<@Nullable String> singleton(@Nullable String value) {
		return Collections.singletonList(value);
	}

	@Override
	public boolean isTokenRevoked(String rawToken) {
		return isRevoked(TokenDescriptor.parse(rawToken));
	}

	@Override
	public boolean restore(String tokenId) {
		BlacklistKeys.checkId("tokenId", tokenId);
		String key = this.blacklistKeys.tokenKey(tokenId);
		Long deleted = call("restore a token", key, () -> this.template.execute(BlacklistScripts.RESTORE, List.of(key),
				this.blacklistKeys.channel, SyncMessage.tokenRestored(tokenId)));
		this.local.tokenRestored(tokenId);
		return deleted != null && deleted > 0;
	}

	@Override
	public boolean restoreUser(String subject) {
		BlacklistKeys.checkId("subject", subject);
		String key = this.blacklistKeys.userKey(subject);
		Long deleted = call("restore a subject", key, () -> this.template.execute(BlacklistScripts.RESTORE,
				List.of(key), this.blacklistKeys.channel, SyncMessage.userRestored(subject)));
		this.local.userRestored(subject);
		return deleted != null && deleted > 0;
	}

	private static <T> @Nullable T call(String what, String key, Supplier<@Nullable T> command) {
		return RedisCalls.call(command, what, key);
	}

}
