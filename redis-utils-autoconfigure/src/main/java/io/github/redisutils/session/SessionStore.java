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
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.codec.ValueCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Sessions kept in Redis: created for a user, found by id, touched (sliding expiry,
 * throttled), updated attribute by attribute, extended and destroyed; listed, counted and
 * destroyed per user ("log out everywhere").
 * <p>
 * Every session expires after its idle timeout unless touched, and at its absolute expiry
 * whatever happens. Times are the Redis server's. A malformed id is rejected before any
 * Redis call and answers "not found". When Redis cannot be reached, methods throw
 * {@link io.github.redisutils.core.RedisUnavailableException}: a session store has no
 * safe answer without its data.
 *
 * @author redis-utils authors
 */
public interface SessionStore {

	/**
	 * The feature's name in keys, health and the outage back-off's meters.
	 */
	String FEATURE = "session";

	/**
	 * Create a session with the store's idle timeout and absolute lifetime and no
	 * attributes.
	 * @param userId the user
	 * @return the new session
	 * @throws SessionLimitExceededException if the user has the most sessions allowed and
	 * the policy is {@link LimitPolicy#REFUSE}
	 */
	default Session create(String userId) {
		return create(userId, Map.of(), SessionOptions.defaults());
	}

	/**
	 * Create a session. When the user already has the most sessions allowed, the ones
	 * that expire first are evicted or the new one is refused, atomically even under
	 * concurrent logins from several instances.
	 * @param userId the user
	 * @param attributes initial attributes, encoded by the codec
	 * @param options idle timeout, absolute lifetime and device metadata
	 * @return the new session
	 * @throws SessionLimitExceededException if the user has the most sessions allowed and
	 * the policy is {@link LimitPolicy#REFUSE}
	 * @throws io.github.redisutils.core.InvalidKeyPartException if the user id is not
	 * acceptable in a key
	 */
	Session create(String userId, Map<String, ?> attributes, SessionOptions options);

	/**
	 * Create a session that belongs to no user yet, such as an HTTP session before login:
	 * alone in a slot of its own, counted against no per-user limit, in no user's index
	 * and not among the online users. It lives with the store's (or the options') idle
	 * timeout and absolute lifetime like any other; to give it a user, create a session
	 * for the user with its attributes and destroy this one.
	 * @param attributes initial attributes, encoded by the codec
	 * @param options idle timeout, absolute lifetime and device metadata
	 * @return the new session, whose {@link Session#userId()} is empty
	 * @throws UnsupportedOperationException if the store keeps no anonymous sessions
	 */
	default Session createAnonymous(Map<String, ?> attributes, SessionOptions options) {
		return createAnonymous(newAnonymousId(), attributes, options);
	}

	/**
	 * Create an anonymous session under an id {@link #newAnonymousId() reserved} before,
	 * for callers that must hand the id out before the session is written (WebFlux writes
	 * the session cookie before it saves the session).
	 * @param id an id from {@link #newAnonymousId()}, used once
	 * @param attributes initial attributes, encoded by the codec
	 * @param options idle timeout, absolute lifetime and device metadata
	 * @return the new session, under {@code id}
	 * @throws IllegalArgumentException if {@code id} is not in the store's id format
	 * @throws UnsupportedOperationException if the store keeps no anonymous sessions
	 */
	default Session createAnonymous(String id, Map<String, ?> attributes, SessionOptions options) {
		throw new UnsupportedOperationException(getClass().getName() + " keeps no anonymous sessions");
	}

	/**
	 * A fresh id for an anonymous session, with a slot of its own: random, never written
	 * to Redis by this call (no I/O), valid for
	 * {@link #createAnonymous(String, Map, SessionOptions)}. A user's sessions get ids in
	 * the user's slot instead.
	 * @return the id
	 * @throws UnsupportedOperationException if the store keeps no anonymous sessions
	 */
	default String newAnonymousId() {
		throw new UnsupportedOperationException(getClass().getName() + " keeps no anonymous sessions");
	}

	/**
	 * Find a live session. One {@code HGETALL}; nothing is written.
	 * @param id the session id; {@code null} (no cookie, say) counts as malformed
	 * @return the session, or empty if there is none or the id is malformed
	 */
	Optional<Session> find(@Nullable String id);

	/**
	 * Record activity: slide the session's expiry to its idle timeout from now (capped by
	 * its absolute expiry). Written at most once per touch interval; touches in between
	 * only read, in one script call.
	 * @param id the session id
	 * @return {@code true} if the session exists (touched or skipped), {@code false} if
	 * not or the id is malformed
	 */
	boolean touch(@Nullable String id);

	/**
	 * Set and remove attributes of a live session, each attribute written on its own, and
	 * change its idle timeout if the changes say so.
	 * @param id the session id
	 * @param changes the changes
	 * @return {@code true} if the session exists, {@code false} if not or the id is
	 * malformed
	 */
	boolean update(@Nullable String id, SessionChanges changes);

	/**
	 * Push a session's expiry to at least {@code duration} from now, never beyond its
	 * absolute expiry and never backwards.
	 * @param id the session id
	 * @param duration how long from now the session should live at least
	 * @return the new expiry, or empty if there is no such session or the id is malformed
	 */
	Optional<Instant> extend(@Nullable String id, Duration duration);

	/**
	 * Destroy a session (log out).
	 * @param id the session id
	 * @return {@code true} if a session was destroyed
	 */
	boolean destroy(@Nullable String id);

	/**
	 * List a user's live sessions, pruning expired entries from the user's index.
	 * @param userId the user
	 * @return the sessions, those that expire first first
	 */
	List<Session> findByUser(String userId);

	/**
	 * Destroy every session of a user (log out everywhere).
	 * @param userId the user
	 * @return the number of sessions destroyed
	 */
	default int destroyAllForUser(String userId) {
		return destroyAllForUser(userId, null);
	}

	/**
	 * Destroy every session of a user but one, typically the current one ("log out my
	 * other devices").
	 * @param userId the user
	 * @param keepSessionId the session to keep, or {@code null} to keep none
	 * @return the number of sessions destroyed
	 */
	int destroyAllForUser(String userId, @Nullable String keepSessionId);

	/**
	 * Count a user's live sessions.
	 * @param userId the user
	 * @return the number of live sessions
	 */
	long countByUser(String userId);

	/**
	 * Whether a user has at least one live session.
	 * @param userId the user
	 * @return {@code true} if the user is online
	 */
	default boolean isOnline(String userId) {
		return countByUser(userId) > 0;
	}

	/**
	 * Read a page of the users with a live session, by server time, the latest to expire
	 * first (so the most recently active come first), without scanning the keyspace.
	 * Paging by offset: a user whose sessions are touched between two pages may move to
	 * an earlier page.
	 * @param offset how many users to pass over
	 * @param count the most users to return, 1 to {@value OnlineUsers#MAX_PAGE}
	 * @return the page and the number of online users
	 * @throws UnsupportedOperationException if the store keeps no online users
	 */
	default OnlineUsers onlineUsers(long offset, int count) {
		throw new UnsupportedOperationException(getClass().getName() + " keeps no online users");
	}

	/**
	 * Count the users with a live session, by server time.
	 * @return the number of online users
	 * @throws UnsupportedOperationException if the store keeps no online users
	 */
	default long countOnlineUsers() {
		return onlineUsers(0, 1).total();
	}

	/**
	 * Create a store.
	 * @param connectionFactory the connection factory
	 * @param redisKeys the key builder
	 * @param codec the codec attributes are stored with
	 * @param options the store's settings
	 * @param metrics where counts go
	 * @param events where session events are published
	 * @return the store
	 */
	static SessionStore create(RedisConnectionFactory connectionFactory, RedisKeys redisKeys, ValueCodec codec,
			SessionStoreOptions options, SessionMetrics metrics, ApplicationEventPublisher events) {
		return create(connectionFactory, redisKeys, codec, options, metrics, events, OutageBackoff.disabled(FEATURE));
	}

	/**
	 * Create a store whose calls skip Redis during an outage back-off: while it lasts,
	 * every call throws {@link io.github.redisutils.core.RedisUnavailableException} at
	 * once instead of waiting for a command timeout.
	 * @param connectionFactory the connection factory
	 * @param redisKeys the key builder
	 * @param codec the codec attributes are stored with
	 * @param options the store's settings
	 * @param metrics where counts go
	 * @param events where session events are published
	 * @param outage the back-off calls go through
	 * ({@code OutageBackoffs.forFeature(SessionStore.FEATURE)})
	 * @return the store
	 */
	static SessionStore create(RedisConnectionFactory connectionFactory, RedisKeys redisKeys, ValueCodec codec,
			SessionStoreOptions options, SessionMetrics metrics, ApplicationEventPublisher events,
			OutageBackoff outage) {
		return new DefaultSessionStore(connectionFactory, new SessionKeys(redisKeys), codec, options, metrics, events,
				outage);
	}

}
