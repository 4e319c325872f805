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
package io.github.redisutils.session.http;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.github.redisutils.core.RateLimitedLog;
import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.core.RedisUtilsException;
import io.github.redisutils.session.Session;
import io.github.redisutils.session.SessionAttributes;
import io.github.redisutils.session.SessionChanges;
import io.github.redisutils.session.SessionOptions;
import io.github.redisutils.session.SessionStore;
import io.github.redisutils.session.http.HttpSessionAttributes.StoredAttribute;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.PrincipalNameIndexResolver;
import org.springframework.session.events.SessionCreatedEvent;
import org.springframework.session.events.SessionDeletedEvent;
import org.springframework.util.Assert;

/**
 * Spring Session's {@link FindByIndexNameSessionRepository} on the redis-utils
 * {@link SessionStore}: {@code HttpSession}s live as store sessions, the principal index
 * is the store's per-user index, and {@code redis.session.max-per-user} applies to them.
 * How sessions move from anonymous to a user's slot, what is written when, and what
 * happens during an outage is described in the
 * {@linkplain io.github.redisutils.session.http package documentation}.
 *
 * @author redis-utils authors
 */
public final class SessionStoreRepository
		implements FindByIndexNameSessionRepository<SessionStoreRepository.StoredSession> {

	private static final RateLimitedLog log = new RateLimitedLog(LogFactory.getLog(SessionStoreRepository.class),
			Duration.ofMinutes(1));

	private final SessionStore store;

	private final HttpSessionAttributes attributes;

	private final HttpSessionOptions options;

	private final ApplicationEventPublisher events;

	private final PrincipalNameIndexResolver<StoredSession> principals = new PrincipalNameIndexResolver<>();

	/**
	 * Create a repository.
	 * @param store the session store sessions live in
	 * @param attributes how attributes are written and read
	 * @param options the repository's settings
	 * @param events where Spring Session's events are published
	 */
	public SessionStoreRepository(SessionStore store, HttpSessionAttributes attributes, HttpSessionOptions options,
			ApplicationEventPublisher events) {
		this.store = store;
		this.attributes = attributes;
		this.options = options;
		this.events = events;
	}

	/**
	 * Create a session in memory; nothing is written until {@link #save} (Spring
	 * Session's filter saves at the end of the request). Its id is reserved for it
	 * (without I/O) and is the one it is stored under while it stays anonymous; a session
	 * saved with a principal gets an id in its user's slot.
	 * @return the new session
	 */
	@Override
	public StoredSession createSession() {
		return new StoredSession(this.options.defaultMaxInactiveInterval());
	}

	/**
	 * Write what changed: a new session is created (in its user's slot when a principal
	 * is known, else anonymous); a session whose principal or id changed is created anew
	 * with all its attributes and the old one destroyed; any other session gets its
	 * changed attributes and, at most once per touch interval, its last access. A session
	 * that ended meanwhile (expired, invalidated elsewhere, logged out everywhere) is not
	 * brought back.
	 * @param session the session
	 */
	@Override
	public void save(StoredSession session) {
		guarded(() -> {
			saveNow(session);
			return null;
		}, null, "save a session");
	}

	/**
	 * Read a live session. One {@code HGETALL}; attributes are decoded when first asked
	 * for.
	 * @param id the session id
	 * @return the session, or {@code null} if there is none (or, under the
	 * {@link HttpSessionOutagePolicy#ANONYMOUS} policy, Redis cannot be reached)
	 */
	@Override
	public @Nullable StoredSession findById(String id) {
		return guarded(() -> this.store.find(id).map(this::toHttpSession).orElse(null), null, "read a session");
	}

	/**
	 * Destroy a session ({@code HttpSession.invalidate()}) and publish
	 * {@link SessionDeletedEvent}.
	 * @param id the session id
	 */
	@Override
	public void deleteById(String id) {
		guarded(() -> {
			Session found = this.store.find(id).orElse(null);
			if (found != null && this.store.destroy(id)) {
				this.events.publishEvent(new SessionDeletedEvent(this, toHttpSession(found)));
			}
			return null;
		}, null, "delete a session");
	}

	/**
	 * Find the sessions of a principal through the store's per-user index; other indexes
	 * are not kept.
	 * @param indexName {@link #PRINCIPAL_NAME_INDEX_NAME}
	 * @param indexValue the principal's name
	 * @return the principal's live sessions by id, empty for any other index
	 */
	@Override
	public Map<String, StoredSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		if (!PRINCIPAL_NAME_INDEX_NAME.equals(indexName) || indexValue.isEmpty()) {
			return Map.of();
		}
		return guarded(() -> {
			Map<String, StoredSession> sessions = new LinkedHashMap<>();
			this.store.findByUser(indexValue).forEach((found) -> sessions.put(found.id(), toHttpSession(found)));
			return sessions;
		}, Map.of(), "read a user's sessions");
	}

	private void saveNow(StoredSession session) {
		String principal = this.principals.resolveIndexValueFor(session);
		if (principal != null && principal.isEmpty()) {
			principal = null;
		}
		if (session.saved == null) {
			Session created = create(principal, session, session.allAttributes());
			session.savedAs(created, principal);
			this.events.publishEvent(new SessionCreatedEvent(this, session));
			return;
		}
		if (moves(session, principal)) {
			// Login (session-fixation protection changes the id) or another user: the
			// session moves to its user's slot, under a new id, with all its attributes.
			// The old id dies first, so it never outlives the move, and a session that
			// ended meanwhile is not brought back.
			Map<String, StoredAttribute> all = session.allAttributes();
			if (!this.store.destroy(session.saved.id())) {
				session.forgetChanges();
				return;
			}
			if (session.id.equals(session.saved.id())) {
				// A logout that kept the id: the destroyed id is never used again.
				session.id = this.store.newAnonymousId();
			}
			session.savedAs(create(principal, session, all), principal);
			return;
		}
		SessionChanges changes = session.changes();
		if (!changes.isEmpty() && !this.store.update(session.id, changes)) {
			session.forgetChanges();
			return;
		}
		session.forgetChanges();
		if (session.lastAccessed.isAfter(session.writtenAccess)
				&& !Duration.between(session.writtenAccess, session.lastAccessed)
					.minus(this.options.touchInterval())
					.isNegative()) {
			if (this.store.touch(session.id)) {
				session.writtenAccess = session.lastAccessed;
			}
			else {
				session.forgetChanges();
			}
		}
	}

	/**
	 * Whether a saved session must move to another slot: its id changed (session-fixation
	 * protection at login), it now has a principal other than the one it is stored for,
	 * or its principal is gone (a logout that keeps the session). A principal that cannot
	 * be resolved because an attribute is unreadable here keeps the session where it is.
	 */
	private boolean moves(StoredSession session, @Nullable String principal) {
		if (session.saved == null || !session.id.equals(session.saved.id())) {
			return true;
		}
		if (principal != null) {
			return !principal.equals(session.savedPrincipal);
		}
		return session.savedPrincipal != null && session.unreadable.isEmpty();
	}

	private Session create(@Nullable String principal, StoredSession session, Map<String, StoredAttribute> all) {
		SessionOptions sessionOptions = SessionOptions.defaults()
			.withIdleTimeout(idleTimeout(session.maxInactiveInterval))
			.withAbsoluteLifetime(this.options.absoluteLifetime());
		return (principal != null) ? this.store.create(principal, all, sessionOptions)
				: this.store.createAnonymous(session.id, all, sessionOptions);
	}

	/**
	 * Spring Session's "never expires" (a zero or negative interval) lives as long as the
	 * absolute lifetime allows.
	 */
	private Duration idleTimeout(Duration maxInactiveInterval) {
		return (maxInactiveInterval.toMillis() < 1000) ? this.options.absoluteLifetime() : maxInactiveInterval;
	}

	private StoredSession toHttpSession(Session found) {
		return new StoredSession(found);
	}

	private <T> T guarded(Supplier<T> call, T fallback, String what) {
		try {
			return call.get();
		}
		catch (RedisUnavailableException ex) {
			if (this.options.outagePolicy() == HttpSessionOutagePolicy.FAIL) {
				throw ex;
			}
			log.warn(() -> "Could not " + what + " (HTTP session outage policy: anonymous): " + ex.getMessage(), null);
			return fallback;
		}
	}

	/**
	 * An HTTP session as Spring Session sees it. Not thread-safe, like Spring Session's
	 * own sessions: one request at a time works on an instance.
	 */
	public final class StoredSession implements org.springframework.session.Session {

		private String id;

		/**
		 * What is in Redis as far as this instance knows, {@code null} before the first
		 * save.
		 */
		private @Nullable Session saved;

		private @Nullable String savedPrincipal;

		private Instant creationTime;

		private Instant lastAccessed;

		private Instant writtenAccess;

		private Duration maxInactiveInterval;

		private boolean maxInactiveChanged;

		private @Nullable Instant absoluteExpiry;

		/** The attributes as read or last created, {@code null} before the first save. */
		private @Nullable SessionAttributes stored;

		private final Map<String, Object> values = new HashMap<>();

		private final Map<String, StoredAttribute> changed = new LinkedHashMap<>();

		private final Set<String> removed = new LinkedHashSet<>();

		private final Set<String> unreadable = new HashSet<>();

		private StoredSession(Duration maxInactiveInterval) {
			this.id = SessionStoreRepository.this.store.newAnonymousId();
			Instant now = Instant.now();
			this.creationTime = now;
			this.lastAccessed = now;
			this.writtenAccess = now;
			this.maxInactiveInterval = maxInactiveInterval;
		}

		private StoredSession(Session found) {
			this.id = found.id();
			savedAs(found, found.isAnonymous() ? null : found.userId());
		}

		private void savedAs(Session session, @Nullable String principal) {
			this.saved = session;
			this.savedPrincipal = principal;
			this.id = session.id();
			this.creationTime = session.createdAt();
			this.lastAccessed = session.lastAccessedAt();
			this.writtenAccess = session.lastAccessedAt();
			this.maxInactiveInterval = session.idleTimeout();
			this.maxInactiveChanged = false;
			this.absoluteExpiry = session.absoluteExpiresAt();
			// What is stored now is everything this instance holds: the decoded values
			// stay as they are.
			this.stored = session.attributes();
			this.changed.clear();
			this.removed.clear();
		}

		private SessionChanges changes() {
			SessionChanges changes = SessionChanges.none();
			for (Map.Entry<String, StoredAttribute> entry : this.changed.entrySet()) {
				changes = changes.with(entry.getKey(), entry.getValue());
			}
			for (String name : this.removed) {
				changes = changes.without(name);
			}
			if (this.maxInactiveChanged) {
				changes = changes.withIdleTimeout(idleTimeout(this.maxInactiveInterval));
			}
			return changes;
		}

		/**
		 * Forget the pending changes: written, or dropped with a session that ended. The
		 * decoded values stay as they are.
		 */
		private void forgetChanges() {
			this.changed.clear();
			this.removed.clear();
			this.maxInactiveChanged = false;
		}

		/**
		 * Every attribute as stored: changed ones as set, unchanged ones as read (still
		 * encoded, never decoded and encoded again).
		 */
		private Map<String, StoredAttribute> allAttributes() {
			Map<String, StoredAttribute> all = new LinkedHashMap<>();
			for (String name : storedNames()) {
				if (!this.removed.contains(name) && !this.changed.containsKey(name)) {
					StoredAttribute attribute = storedAttribute(name);
					if (attribute != null) {
						all.put(name, attribute);
					}
				}
			}
			all.putAll(this.changed);
			return all;
		}

		private @Nullable StoredAttribute storedAttribute(String name) {
			try {
				return (this.stored != null) ? this.stored.get(name, StoredAttribute.class) : null;
			}
			catch (RedisUtilsException | IllegalStateException ex) {
				unreadable(name, ex);
				return null;
			}
		}

		private Set<String> storedNames() {
			return (this.stored != null) ? this.stored.names() : Set.of();
		}

		private boolean isStored(String name) {
			return this.stored != null && this.stored.contains(name);
		}

		private void unreadable(String name, RuntimeException ex) {
			if (this.unreadable.add(name)) {
				log.warn(() -> "Session attribute '" + name + "' is treated as absent: " + ex.getMessage(), null);
			}
		}

		/**
		 * The session's id. A session not saved yet, or whose id changed, is stored under
		 * it if it is saved anonymous; saved with a principal, it gets an id in its
		 * user's slot.
		 * @return the id
		 */
		@Override
		public String getId() {
			return this.id;
		}

		/**
		 * Give the session a new id (session-fixation protection at login); when it is
		 * saved, the session moves under it, or under an id in its user's slot when it
		 * has a principal.
		 * @return the new id
		 */
		@Override
		public String changeSessionId() {
			this.id = SessionStoreRepository.this.store.newAnonymousId();
			return this.id;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> @Nullable T getAttribute(String attributeName) {
			if (this.removed.contains(attributeName)) {
				return null;
			}
			Object value = this.values.get(attributeName);
			if (value == null && isStored(attributeName) && !this.unreadable.contains(attributeName)) {
				StoredAttribute attribute = storedAttribute(attributeName);
				if (attribute != null) {
					try {
						value = SessionStoreRepository.this.attributes.read(attributeName, attribute);
						this.values.put(attributeName, value);
					}
					catch (IllegalStateException ex) {
						unreadable(attributeName, ex);
					}
				}
			}
			return (T) value;
		}

		@Override
		public Set<String> getAttributeNames() {
			Set<String> names = new LinkedHashSet<>(storedNames());
			names.removeAll(this.removed);
			names.addAll(this.changed.keySet());
			return names;
		}

		/**
		 * Set an attribute; it is written with the next save. Spring Session's
		 * {@code HttpSession} adapter calls this for every {@code setAttribute}.
		 * @param attributeName the name
		 * @param attributeValue the value, {@code null} to remove it
		 * @throws IllegalArgumentException if the value's class is not in a trusted
		 * package or cannot be written as JSON
		 */
		@Override
		public void setAttribute(String attributeName, @Nullable Object attributeValue) {
			Assert.hasText(attributeName, "'attributeName' must not be empty");
			if (attributeValue == null) {
				removeAttribute(attributeName);
				return;
			}
			StoredAttribute attribute = SessionStoreRepository.this.attributes.write(attributeName, attributeValue);
			this.changed.put(attributeName, attribute);
			this.removed.remove(attributeName);
			this.unreadable.remove(attributeName);
			this.values.put(attributeName, attributeValue);
		}

		@Override
		public void removeAttribute(String attributeName) {
			this.changed.remove(attributeName);
			this.values.remove(attributeName);
			if (isStored(attributeName)) {
				this.removed.add(attributeName);
			}
		}

		@Override
		public Instant getCreationTime() {
			return this.creationTime;
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			this.lastAccessed = lastAccessedTime;
		}

		@Override
		public Instant getLastAccessedTime() {
			return this.lastAccessed;
		}

		/**
		 * Change the idle timeout; a zero or negative interval (never expire) lives until
		 * the absolute lifetime ends.
		 * @param interval the idle timeout
		 */
		@Override
		public void setMaxInactiveInterval(Duration interval) {
			if (!interval.equals(this.maxInactiveInterval)) {
				this.maxInactiveInterval = interval;
				this.maxInactiveChanged = true;
			}
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return this.maxInactiveInterval;
		}

		@Override
		public boolean isExpired() {
			Instant now = Instant.now();
			if (this.absoluteExpiry != null && !now.isBefore(this.absoluteExpiry)) {
				return true;
			}
			return this.maxInactiveInterval.toMillis() >= 1000
					&& !now.isBefore(this.lastAccessed.plus(this.maxInactiveInterval));
		}

	}

}
