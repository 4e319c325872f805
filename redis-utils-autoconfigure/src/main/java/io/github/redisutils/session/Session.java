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

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A session as read from Redis. A snapshot: later changes by this or other instances are
 * not reflected.
 *
 * @param id the session id: at least 128 bits from {@code SecureRandom}, URL-safe
 * @param userId the user the session belongs to, empty for an anonymous session
 * ({@link SessionStore#createAnonymous})
 * @param createdAt when it was created (Redis server time)
 * @param lastAccessedAt when it was last created, touched or extended with a write (a
 * touch skipped by throttling does not move it)
 * @param expiresAt when it expires unless touched or extended
 * @param absoluteExpiresAt when it expires however active it is
 * @param idleTimeout how long it lives without activity
 * @param metadata device and client information given at creation
 * @param attributes the attributes, decoded on demand
 * @author redis-utils authors
 */
public record Session(String id, String userId, Instant createdAt, Instant lastAccessedAt, Instant expiresAt,
		Instant absoluteExpiresAt, Duration idleTimeout, Map<String, String> metadata, SessionAttributes attributes) {

	/**
	 * Create a session, copying the metadata.
	 * @param id the session id
	 * @param userId the user
	 * @param createdAt creation time
	 * @param lastAccessedAt last access
	 * @param expiresAt idle expiry
	 * @param absoluteExpiresAt absolute expiry
	 * @param idleTimeout idle timeout
	 * @param metadata device and client information
	 * @param attributes the attributes
	 */
	public Session {
		metadata = Map.copyOf(metadata);
	}

	/**
	 * Whether the session belongs to no user (yet).
	 * @return {@code true} for a session made by {@link SessionStore#createAnonymous}
	 */
	public boolean isAnonymous() {
		return this.userId.isEmpty();
	}

}
