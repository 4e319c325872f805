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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Attribute changes for {@link SessionStore#update(String, SessionChanges)}: values to
 * set, names to remove and optionally a new idle timeout. Each attribute is written on
 * its own, so concurrent updates of different attributes never lose each other.
 * Immutable.
 *
 * @author redis-utils authors
 */
public final class SessionChanges {

	private static final SessionChanges NONE = new SessionChanges(Map.of(), Set.of(), null);

	private final Map<String, Object> set;

	private final Set<String> removed;

	private final @Nullable Duration idleTimeout;

	private SessionChanges(Map<String, Object> set, Set<String> removed, @Nullable Duration idleTimeout) {
		this.set = set;
		this.removed = removed;
		this.idleTimeout = idleTimeout;
	}

	/**
	 * Return changes that change nothing, to add to.
	 * @return no changes
	 */
	public static SessionChanges none() {
		return NONE;
	}

	/**
	 * Return changes that set one attribute.
	 * @param name the attribute's name
	 * @param value its new value, encoded by the codec
	 * @return the changes
	 */
	public static SessionChanges set(String name, Object value) {
		return NONE.with(name, value);
	}

	/**
	 * Return a copy that also sets an attribute.
	 * @param name the attribute's name
	 * @param value its new value, encoded by the codec
	 * @return the new changes
	 */
	public SessionChanges with(String name, Object value) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(value, "'value' must not be null: remove the attribute instead");
		Map<String, Object> set = new LinkedHashMap<>(this.set);
		set.put(name, value);
		Set<String> removed = new LinkedHashSet<>(this.removed);
		removed.remove(name);
		return new SessionChanges(Collections.unmodifiableMap(set), Collections.unmodifiableSet(removed),
				this.idleTimeout);
	}

	/**
	 * Return a copy that also removes an attribute.
	 * @param name the attribute's name
	 * @return the new changes
	 */
	public SessionChanges without(String name) {
		Assert.hasText(name, "'name' must not be empty");
		Map<String, Object> set = new LinkedHashMap<>(this.set);
		set.remove(name);
		Set<String> removed = new LinkedHashSet<>(this.removed);
		removed.add(name);
		return new SessionChanges(Collections.unmodifiableMap(set), Collections.unmodifiableSet(removed),
				this.idleTimeout);
	}

	/**
	 * Return a copy that also gives the session another idle timeout: its expiry becomes
	 * its last access plus that timeout (never beyond its absolute expiry), which may be
	 * earlier than now, ending the session.
	 * @param idleTimeout the new idle timeout, at least 1s
	 * @return the new changes
	 */
	public SessionChanges withIdleTimeout(Duration idleTimeout) {
		Assert.isTrue(idleTimeout.toMillis() >= 1000, "'idleTimeout' must be at least 1s");
		return new SessionChanges(this.set, this.removed, idleTimeout);
	}

	/**
	 * Return the new idle timeout.
	 * @return the idle timeout, or {@code null} to keep the session's
	 */
	public @Nullable Duration idleTimeout() {
		return this.idleTimeout;
	}

	/**
	 * Return the attributes to set.
	 * @return names and values, unmodifiable
	 */
	public Map<String, Object> toSet() {
		return this.set;
	}

	/**
	 * Return the names of the attributes to remove.
	 * @return the names, unmodifiable
	 */
	public Set<String> toRemove() {
		return this.removed;
	}

	/**
	 * Whether these changes change nothing.
	 * @return {@code true} if there is nothing to set or remove and the idle timeout
	 * stays
	 */
	public boolean isEmpty() {
		return this.set.isEmpty() && this.removed.isEmpty() && this.idleTimeout == null;
	}

}
