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

import java.util.function.Supplier;

import io.github.redisutils.cache.CacheStatus;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code cache} child of the {@code redis} health contributor. Always UP: the cache
 * serves from its loaders while Redis is unavailable, and the {@code connection} child
 * reports the outage. Its details say whether the cache is skipping Redis and how many
 * fallbacks and decoding failures there have been.
 *
 * @author redis-utils authors
 */
public class CacheHealthIndicator implements HealthIndicator {

	private final Supplier<CacheStatus> status;

	/**
	 * Create an indicator.
	 * @param status reads the caches' state, for example {@code redisCaches::status}
	 */
	public CacheHealthIndicator(Supplier<CacheStatus> status) {
		this.status = status;
	}

	@Override
	public Health health() {
		CacheStatus status = this.status.get();
		return Health.up()
			.withDetail("bypassingRedis", status.bypassingRedis())
			.withDetail("redisFailures", status.redisFailures())
			.withDetail("fallbacks", status.fallbacks())
			.withDetail("decodingFailures", status.decodingFailures())
			.withDetail("caches", status.caches())
			.build();
	}

}
