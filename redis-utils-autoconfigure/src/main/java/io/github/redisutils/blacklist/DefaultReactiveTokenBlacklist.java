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
import java.util.ArrayList;
import java.util.List;

import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisCalls;
import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.core.RedisUtilsException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link ReactiveTokenBlacklist} on a {@link ReactiveStringRedisTemplate} of its own.
 *
 * @author redis-utils authors
 */
final class DefaultReactiveTokenBlacklist implements ReactiveTokenBlacklist {

	private final ReactiveStringRedisTemplate template;

	private final BlacklistKeys blacklistKeys;

	private final TokenBlacklistMonitor monitor;

	private final LocalEffects local;

	DefaultReactiveTokenBlacklist(ReactiveRedisConnectionFactory connectionFactory, BlacklistKeys blacklistKeys,
			TokenBlacklistMonitor monitor, @Nullable LocalRevocationCache cache) {
		this.template = new ReactiveStringRedisTemplate(connectionFactory);
		this.blacklistKeys = blacklistKeys;
		this.monitor = monitor;
		this.local = new LocalEffects(monitor, cache);
	}

	@Override
	public Mono<Boolean> revoke(String tokenId, Instant expiresAt) {
		BlacklistKeys.checkId("tokenId", tokenId);
		return run("revoke a token", BlacklistScripts.REVOKE, this.blacklistKeys.tokenKey(tokenId),
				Long.toString(expiresAt.toEpochMilli()), this.blacklistKeys.channel, SyncMessage.tokenRevoked(tokenId))
			.map((stored) -> {
				if (stored == 0) {
					return false;
				}
				this.local.tokenRevoked(tokenId);
				return true;
			});
	}

	@Override
	public Mono<Boolean> revokeToken(String rawToken) {
		TokenDescriptor token = TokenDescriptor.parse(rawToken);
		return revoke(token.tokenId(), this.blacklistKeys.expiryOrDefault(token.expiresAt()));
	}

	@Override
	public Mono<Instant> revokeAllForUser(String subject) {
		BlacklistKeys.checkId("subject", subject);
		return run("revoke a subject's tokens", BlacklistScripts.REVOKE_USER, this.blacklistKeys.userKey(subject),
				this.blacklistKeys.userTtlMillis(), this.blacklistKeys.channel, subject)
			.map((notBefore) -> this.local.userRevoked(subject, notBefore));
	}

	@Override
	public Mono<Boolean> isRevoked(TokenDescriptor token) {
		Boolean known = this.local.known(token);
		if (known != null) {
			return Mono.just(known);
		}
		OutageBackoff outage = this.monitor.outage();
		return Mono.defer(() -> {
			long stamp = this.local.stamp();
			List<String> keys = this.blacklistKeys.checkKeys(token);
			if (!outage.tryEnter()) {
				return Mono.just(this.monitor.failed(outage.skipped("check a token", keys.get(0))));
			}
			Mono<List<@Nullable String>> values = (keys.size() == 1)
					? this.template.opsForValue()
						.get(keys.get(0))
						.map(BlacklistValues::of)
						.defaultIfEmpty(BlacklistValues.absent(1))
					: this.template.opsForValue().multiGet(keys).map(BlacklistValues::copy);
			return values.map((read) -> this.local.answer(token, keys, stamp, read))
				.switchIfEmpty(Mono.fromSupplier(
						() -> this.monitor.failed(new RedisUtilsException("Redis answered the check with nothing"))))
				.onErrorMap(RedisCalls::isRedisFailure, (ex) -> RedisCalls.translate(ex, "check a token", keys.get(0)))
				.doOnSuccess((answered) -> outage.succeeded())
				.doOnError(outage::failed)
				// A subscriber that gave up (a request timeout) leaves nothing known
				// about Redis: a probe's turn goes to the next check.
				.doOnCancel(outage::abandoned)
				// Only an outage applies the failure policy: a permission error or
				// malformed state is a mistake to fix, never a reason to accept tokens.
				.onErrorResume(RedisUnavailableException.class, (ex) -> Mono.just(this.monitor.failed(ex)));
		});
	}

	@Override
	public Mono<Boolean> restore(String tokenId) {
		BlacklistKeys.checkId("tokenId", tokenId);
		return run("restore a token", BlacklistScripts.RESTORE, this.blacklistKeys.tokenKey(tokenId),
				this.blacklistKeys.channel, SyncMessage.tokenRestored(tokenId))
			.map((deleted) -> {
				this.local.tokenRestored(tokenId);
				return deleted > 0;
			});
	}

	@Override
	public Mono<Boolean> restoreUser(String subject) {
		BlacklistKeys.checkId("subject", subject);
		return run("restore a subject", BlacklistScripts.RESTORE, this.blacklistKeys.userKey(subject),
				this.blacklistKeys.channel, SyncMessage.userRestored(subject))
			.map((deleted) -> {
				this.local.userRestored(subject);
				return deleted > 0;
			});
	}

	private Mono<Long> run(String what, RedisScript<Long> script, String key, String... args) {
		return this.template.execute(script, List.of(key), List.of((Object[]) args))
			.next()
			.switchIfEmpty(Mono.error(() -> new RedisUtilsException("Redis answered with nothing trying to " + what)))
			.onErrorMap(RedisCalls::isRedisFailure, (ex) -> RedisCalls.translate(ex, what, key));
	}

	/**
	 * Lists that may hold nulls (absent keys).
	 */
	private static final class BlacklistValues {

		private BlacklistValues() {
		}

		static List<@Nullable String> of(String value) {
			List<@Nullable String> list = new ArrayList<>(1);
			list.add(value);
			return list;
		}

		static List<@Nullable String> absent(int size) {
			List<@Nullable String> list = new ArrayList<>(size);
			for (int i = 0; i < size; i++) {
				list.add(null);
			}
			return list;
		}

		static List<@Nullable String> copy(List<? extends @Nullable String> values) {
			return new ArrayList<>(values);
		}

	}

}
