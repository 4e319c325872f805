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
/**
 * Spring Session's {@code HttpSession} in the redis-utils session store:
 * {@link io.github.redisutils.session.http.SessionStoreRepository}, a
 * {@code FindByIndexNameSessionRepository} whose principal index is the store's per-user
 * index, and for WebFlux's {@code WebSession}
 * {@link io.github.redisutils.session.http.ReactiveSessionStoreRepository} on top of it.
 *
 * <h2>Where a session lives</h2> The store keeps each user's sessions in one Redis
 * Cluster slot (a slot token per user; the session id starts with it), with the user's
 * index, a sorted set scored by expiry, beside them: per-user limits, "log out
 * everywhere" and the principal lookup are single-slot scripts that never need keyspace
 * notifications and leave nothing behind when sessions expire. An HTTP session exists
 * before anyone logs in, so it starts as an <em>anonymous</em> store session: a slot
 * token of its own, no user, in no index, counted against no limit.
 *
 * <h2>Login</h2> Spring Security changes the session id at login (session-fixation
 * protection, {@code changeSessionId}) and stores the {@code SecurityContext} in the
 * session; Spring Session's filter saves the session at the end of the request. The
 * repository sees that the id changed, or that the principal
 * ({@code PrincipalNameIndexResolver}: the principal-name attribute, else the security
 * context's authentication name) differs from the one the session is stored for, and
 * moves the session: it destroys the stored session (one script on its slot) and creates
 * the user's session with all the attributes (one script on the user's slot, where the
 * per-user limit is checked and the index updated atomically with the creation). The new
 * id is the one the cookie gets. The old id is dead before the new one exists, so it is
 * never usable after the login (whatever an attacker fixated gets nothing), and a session
 * that ended meanwhile (logged out everywhere, expired) is not brought back; if the
 * creation fails (Redis down, the user over a refusing limit) the request fails and the
 * user logs in again. The same happens when the principal changes otherwise (another
 * user) or is removed while the session is kept. A session created at login starts its
 * absolute lifetime then, and its creation time is the login.
 *
 * <h2>Ids</h2> A new session's id is reserved for it when it is created in memory (the
 * store's id format, without I/O) and it is stored under that id while it stays
 * anonymous; so is a new id from {@code changeSessionId}. A session saved with a
 * principal gets an id in its user's slot. This matters for WebFlux, which writes the
 * session cookie before it saves the session
 * ({@link io.github.redisutils.session.http.ReactiveSessionStoreRepository}): Spring
 * Security stores the security context in the session before it changes the id at login,
 * and changing the id saves the session at once, so the move to the user's slot happens
 * inside Spring Security's save and the cookie gets the final id. A principal put into a
 * session by other means, without an id change, is stored when the session is saved,
 * which on WebFlux is after the cookie was written: there, set it through Spring
 * Security's {@code ServerSecurityContextRepository}.
 *
 * <h2>What a request writes</h2> A request reads its session with one {@code HGETALL};
 * attributes are decoded when first asked for. At the end of the request only the
 * attributes set or removed are written (one script; each attribute is its own hash
 * field, so two requests changing different attributes never lose each other's change),
 * and the last access (sliding the expiry) at most once per
 * {@code redis.session.touch-interval}: a request that changes nothing writes nothing in
 * between. As in Spring Session's Redis module, an attribute changed in place without
 * {@code setAttribute} is not written.
 *
 * <h2>Attributes</h2> Attributes are JSON through the store's codec (its compression and
 * encryption apply), never JDK serialization: each is stored with its class name, and
 * only classes of trusted packages are written or read
 * ({@link io.github.redisutils.session.http.HttpSessionAttributes}); Spring Security's
 * Jackson modules make its {@code SecurityContext} storable. A value of an untrusted
 * class fails {@code setAttribute}. A stored attribute that cannot be read here (its
 * class gone, the JSON changed incompatibly) counts as absent, with a rate-limited
 * warning, and is left in Redis. Numbers nested in untyped containers (a
 * {@code Map<String, Object>}) come back as the JSON number's natural type
 * ({@code Integer} for small longs), as with Spring Session's Jackson support.
 *
 * <h2>Events</h2> {@code SessionCreatedEvent} is published when this instance saves a new
 * session and {@code SessionDeletedEvent} when it deletes one
 * ({@code HttpSession.invalidate()}, logout). Sessions that expire fire nothing: Redis
 * removes them by their TTL, and no keyspace notifications are used (Spring Session's
 * {@code SessionExpiredEvent} never fires). Sessions destroyed through the
 * {@code SessionStore} directly (log out everywhere, eviction over the per-user limit)
 * publish the store's own events
 * ({@link io.github.redisutils.session.SessionDestroyedEvent},
 * {@link io.github.redisutils.session.SessionEvictedEvent}).
 *
 * <h2>Outages</h2> {@link io.github.redisutils.session.http.HttpSessionOutagePolicy}:
 * fail the request (the default), or serve it anonymously. Neither authenticates a
 * request that Redis could not confirm.
 */
@NullMarked
package io.github.redisutils.session.http;

import org.jspecify.annotations.NullMarked;
