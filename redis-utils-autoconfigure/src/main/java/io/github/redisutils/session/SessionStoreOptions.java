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
import java.util.Map;

import io.github.redisutils.core.SettingProblems;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link SessionStore}.
 *
 * @param idleTimeout how long a session lives without being touched
 * @param absoluteLifetime the longest a session lives from its creation, however active
 * @param touchInterval the least time between two writes of one session's expiry by
 * {@link SessionStore#touch(String)}; touches in between are skipped, so a session's idle
 * expiry lies between {@code idleTimeout - touchInterval} and {@code idleTimeout} after
 * its last use
 * @param maxPerUser the most live sessions per user, {@code 0} for no limit
 * @param limitPolicy what one session more than {@code maxPerUser} does
 * @author redis-utils authors
 */
public record SessionStoreOptions(Duration idleTimeout, Duration absoluteLifetime, Duration touchInterval,
		int maxPerUser, LimitPolicy limitPolicy) {

	/**
	 * Shortest idle timeout accepted.
	 */
	public static final Duration MIN_IDLE_TIMEOUT = Duration.ofSeconds(1);

	/**
	 * Create options, checking them.
	 * @param idleTimeout how long a session lives without being touched
	 * @param absoluteLifetime the longest a session lives from its creation
	 * @param touchInterval the least time between two expiry writes of one session
	 * @param maxPerUser the most live sessions per user, {@code 0} for no limit
	 * @param limitPolicy what one session more than {@code maxPerUser} does
	 */
	public SessionStoreOptions {
		SettingProblems.throwIfAny("session store options",
				problems(idleTimeout, absoluteLifetime, touchInterval, maxPerUser, limitPolicy));
	}

	/**
	 * Return the problems of session store options, the rules used by the constructor and
	 * by start-up validation of {@code redis.session.*}.
	 * @param idleTimeout how long a session lives without being touched
	 * @param absoluteLifetime the longest a session lives from its creation
	 * @param touchInterval the least time between two expiry writes of one session
	 * @param maxPerUser the most live sessions per user, {@code 0} for no limit
	 * @param limitPolicy what one session more than {@code maxPerUser} does
	 * @return a problem per field name, empty when the values are acceptable
	 */
	public static Map<String, String> problems(@Nullable Duration idleTimeout, @Nullable Duration absoluteLifetime,
			@Nullable Duration touchInterval, int maxPerUser, @Nullable LimitPolicy limitPolicy) {
		SettingProblems problems = new SettingProblems().atLeast("idleTimeout", idleTimeout, MIN_IDLE_TIMEOUT, null);
		boolean idleValid = idleTimeout != null && idleTimeout.compareTo(MIN_IDLE_TIMEOUT) >= 0;
		if (absoluteLifetime == null) {
			problems.add("absoluteLifetime", "must not be null");
		}
		else if (idleValid && absoluteLifetime.compareTo(idleTimeout) < 0) {
			problems.add("absoluteLifetime", "must not be shorter than the idle timeout (" + idleTimeout + ")");
		}
		problems.notNegative("touchInterval", touchInterval);
		if (idleValid && touchInterval != null && touchInterval.compareTo(idleTimeout) >= 0) {
			problems.add("touchInterval", "must be shorter than the idle timeout (" + idleTimeout + ")");
		}
		if (maxPerUser < 0) {
			problems.add("maxPerUser", "must not be negative (0 means no limit) (was " + maxPerUser + ")");
		}
		if (limitPolicy == null) {
			problems.add("limitPolicy", "must not be null");
		}
		return problems.toMap();
	}

	/**
	 * Return the defaults: 30 minutes idle, 12 hours absolute, touches written at most
	 * once a minute, no per-user limit.
	 * @return the default options
	 */
	public static SessionStoreOptions defaults() {
		return new SessionStoreOptions(Duration.ofMinutes(30), Duration.ofHours(12), Duration.ofMinutes(1), 0,
				LimitPolicy.EVICT_OLDEST);
	}

}
