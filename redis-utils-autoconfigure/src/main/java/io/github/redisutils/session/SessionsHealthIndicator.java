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
package io.github.redisutils.session;

import java.util.Locale;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code sessions} child of the {@code redis} health contributor: the store's
 * settings and the number of live sessions (read at most once per refresh interval).
 * Always UP: Redis being unreachable is the {@code connection} child's to report; a
 * failed count adds a {@code warning} detail.
 *
 * @author redis-utils authors
 */
public class SessionsHealthIndicator implements HealthIndicator {

	private final SessionStoreOptions options;

	private final SessionMetrics metrics;

	/**
	 * Create an indicator.
	 * @param options the store's settings
	 * @param metrics the store's meters
	 */
	public SessionsHealthIndicator(SessionStoreOptions options, SessionMetrics metrics) {
		this.options = options;
		this.metrics = metrics;
	}

	@Override
	public Health health() {
		long active = this.metrics.activeSessions();
		Health.Builder health = Health.up()
			.withDetail("activeSessions", (active >= 0) ? active : "unknown")
			.withDetail("idleTimeout", this.options.idleTimeout().toString())
			.withDetail("absoluteLifetime", this.options.absoluteLifetime().toString())
			.withDetail("touchInterval", this.options.touchInterval().toString())
			.withDetail("maxPerUser", this.options.maxPerUser())
			.withDetail("limitPolicy", this.options.limitPolicy().name().toLowerCase(Locale.ROOT).replace('_', '-'));
		if (this.metrics.lastFailure() != null) {
			health.withDetail("lastFailure", String.valueOf(this.metrics.lastFailure()))
				.withDetail("warning", "Could not count the active sessions: " + this.metrics.lastError());
		}
		return health.build();
	}

}
