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

import java.util.Locale;
import java.util.function.Supplier;

import io.github.redisutils.session.SessionStoreOptions;
import io.github.redisutils.session.SessionsStatus;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code session} child of the {@code redis} health contributor: the store's settings
 * and the number of live sessions (read at most once per refresh interval). Always UP:
 * Redis being unreachable is the {@code connection} child's to report; a failed count
 * adds a {@code warning} detail.
 *
 * @author redis-utils authors
 */
public class SessionsHealthIndicator implements HealthIndicator {

	private final Supplier<SessionsStatus> status;

	/**
	 * Create an indicator.
	 * @param status reads the store's state, for example
	 * {@code () -> SessionsStatus.of(options, sessionMetrics)}
	 */
	public SessionsHealthIndicator(Supplier<SessionsStatus> status) {
		this.status = status;
	}

	@Override
	public Health health() {
		SessionsStatus status = this.status.get();
		SessionStoreOptions options = status.options();
		long active = status.activeSessions();
		Health.Builder health = Health.up()
			.withDetail("activeSessions", (active >= 0) ? active : "unknown")
			.withDetail("onlineUsers", (status.onlineUsers() >= 0) ? status.onlineUsers() : "unknown")
			.withDetail("idleTimeout", options.idleTimeout().toString())
			.withDetail("absoluteLifetime", options.absoluteLifetime().toString())
			.withDetail("touchInterval", options.touchInterval().toString())
			.withDetail("maxPerUser", options.maxPerUser())
			.withDetail("limitPolicy", options.limitPolicy().name().toLowerCase(Locale.ROOT).replace('_', '-'));
		if (status.lastFailure() != null) {
			health.withDetail("lastFailure", String.valueOf(status.lastFailure()))
				.withDetail("warning", "Could not count the active sessions: " + status.lastError());
		}
		return health.build();
	}

}
