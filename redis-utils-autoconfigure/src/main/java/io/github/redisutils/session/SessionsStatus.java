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

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of the session store's state, for health reporting.
 *
 * @param options the store's settings
 * @param activeSessions live sessions, {@code -1} if the count could never be read
 * @param onlineUsers users with at least one live session, {@code -1} if the count could
 * never be read
 * @param lastFailure when the count last failed to be read, if ever
 * @param lastError why it last failed, if it did
 * @author redis-utils authors
 */
public record SessionsStatus(SessionStoreOptions options, long activeSessions, long onlineUsers,
		@Nullable Instant lastFailure, @Nullable String lastError) {

	/**
	 * Read the state of a store.
	 * @param options the store's settings
	 * @param metrics the store's meters, which count the live sessions
	 * @return the snapshot
	 */
	public static SessionsStatus of(SessionStoreOptions options, SessionMetrics metrics) {
		return new SessionsStatus(options, metrics.activeSessions(), metrics.onlineUsers(), metrics.lastFailure(),
				metrics.lastError());
	}

}
