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
package io.github.redisutils.actuate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.redisutils.blacklist.LocalRevocationCache;
import io.github.redisutils.blacklist.TokenBlacklistMonitor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code token-blacklist} child of the {@code redis} health contributor: the failure
 * policy, how many checks could not ask Redis, and the local cache's sync state. It stays
 * UP when the sync subscription is down (the cache is bypassed then, so answers stay
 * correct, only slower) and adds a {@code warning} detail; Redis being unreachable is the
 * {@code connection} child's to report.
 *
 * @author redis-utils authors
 */
public class TokenBlacklistHealthIndicator implements HealthIndicator {

	private final TokenBlacklistMonitor monitor;

	private final @Nullable LocalRevocationCache cache;

	/**
	 * Create an indicator.
	 * @param monitor the blacklist's monitor
	 * @param cache the local cache, or {@code null} when there is none
	 */
	public TokenBlacklistHealthIndicator(TokenBlacklistMonitor monitor, @Nullable LocalRevocationCache cache) {
		this.monitor = monitor;
		this.cache = cache;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up()
			.withDetail("onFailure", this.monitor.onFailure().name().toLowerCase(Locale.ROOT))
			.withDetail("failedChecks", this.monitor.failures());
		if (this.monitor.lastFailure() != null) {
			health.withDetail("lastFailure", String.valueOf(this.monitor.lastFailure()))
				.withDetail("lastError", String.valueOf(this.monitor.lastError()));
		}
		if (this.cache == null) {
			return health.withDetail("localCache", Map.of("enabled", false)).build();
		}
		LocalRevocationCache.Status status = this.cache.status();
		Map<String, Object> localCache = new LinkedHashMap<>();
		localCache.put("enabled", true);
		localCache.put("subscribed", status.subscribed());
		localCache.put("lastMessage", (status.lastMessage() != null) ? status.lastMessage().toString() : "none");
		localCache.put("lastSubscribed",
				(status.lastSubscribed() != null) ? status.lastSubscribed().toString() : "never");
		localCache.put("resubscriptions", status.resubscriptions());
		localCache.put("size", status.size());
		localCache.put("hitRatio", Math.round(status.hitRatio() * 1000) / 1000.0);
		health.withDetail("localCache", localCache);
		if (!status.subscribed()) {
			health.withDetail("warning",
					"Not subscribed to revocations: the local cache is bypassed and every check asks Redis");
		}
		return health.build();
	}

}
