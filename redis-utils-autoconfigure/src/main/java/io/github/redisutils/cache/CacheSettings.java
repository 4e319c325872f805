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
package io.github.redisutils.cache;

import java.time.Duration;
import java.util.Map;

import io.github.redisutils.core.InvalidKeyPartException;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.SettingProblems;
import org.jspecify.annotations.Nullable;

/**
 * Settings of one cache: how long entries live, whether {@code null} is cached, which
 * name its keys carry and whether hot entries are refreshed early.
 *
 * @param timeToLive how long an entry lives; positive
 * @param cacheNullValues whether {@code null} results are stored (and later returned as a
 * hit holding {@code null}) rather than reloaded every time
 * @param keyName the name segment of the cache's keys
 * ({@code <prefix>:cache:<keyName>:<key>}), or {@code null} for the cache's own name;
 * usable in a Redis key (see {@link #keyNameProblem(String)})
 * @param ttlJitter fraction, from 0 (none) up to but excluding 1, by which each entry's
 * time to live is randomly shortened, so that entries written together do not expire
 * together
 * @param earlyRefresh whether an entry close to its expiry is recomputed early, with a
 * probability that rises as expiry nears (XFetch)
 * @author redis-utils authors
 */
public record CacheSettings(Duration timeToLive, boolean cacheNullValues, @Nullable String keyName, double ttlJitter,
		boolean earlyRefresh) {

	/**
	 * Create settings, checking them.
	 * @param timeToLive how long an entry lives
	 * @param cacheNullValues whether {@code null} results are stored
	 * @param keyName the name segment of the keys, or {@code null} for the cache name
	 * @param ttlJitter fraction by which each time to live is randomly shortened
	 * @param earlyRefresh whether entries are refreshed early
	 */
	public CacheSettings {
		SettingProblems.throwIfAny("cache settings", problems(timeToLive, keyName, ttlJitter));
	}

	/**
	 * Return the problems of cache settings, the rules used by the constructor and by
	 * start-up validation of {@code redis.cache.*}.
	 * @param timeToLive how long an entry lives
	 * @param keyName the name segment of the keys, or {@code null} for the cache name
	 * @param ttlJitter fraction by which each time to live is randomly shortened
	 * @return a problem per field name ({@code timeToLive}, {@code keyName},
	 * {@code ttlJitter}), empty when the values are acceptable
	 */
	public static Map<String, String> problems(@Nullable Duration timeToLive, @Nullable String keyName,
			double ttlJitter) {
		SettingProblems problems = new SettingProblems().positive("timeToLive", timeToLive);
		if (keyName != null) {
			String problem = keyNameProblem(keyName);
			if (problem != null) {
				problems.add("keyName", problem);
			}
		}
		if (!(ttlJitter >= 0 && ttlJitter < 1)) {
			problems.add("ttlJitter",
					"must be at least 0 and less than 1 (a fraction of the time to live) (was " + ttlJitter + ")");
		}
		return problems.toMap();
	}

	/**
	 * Describe what is wrong with the name segment of a cache's keys: its
	 * {@link #keyName()}, or the cache's name when it has none.
	 * @param keyName the candidate name segment
	 * @return a reason, or {@code null} if the name is usable in a Redis key
	 */
	public static @Nullable String keyNameProblem(@Nullable String keyName) {
		try {
			RedisKeys.withPrefix("check").feature(RedisCaches.FEATURE).key((keyName != null) ? keyName : "");
			return null;
		}
		catch (InvalidKeyPartException ex) {
			return "is not usable in a Redis key: " + ex.getMessage();
		}
	}

	/**
	 * Return the defaults: one hour, {@code null} cached, no jitter, no early refresh.
	 * @return the default settings
	 */
	public static CacheSettings defaults() {
		return new CacheSettings(Duration.ofHours(1), true, null, 0, false);
	}

	/**
	 * Return a copy with another time to live.
	 * @param timeToLive the time to live
	 * @return the new settings
	 */
	public CacheSettings withTimeToLive(Duration timeToLive) {
		return new CacheSettings(timeToLive, this.cacheNullValues, this.keyName, this.ttlJitter, this.earlyRefresh);
	}

	/**
	 * Return a copy with another key name.
	 * @param keyName the name segment of the keys, or {@code null} for the cache name
	 * @return the new settings
	 */
	public CacheSettings withKeyName(@Nullable String keyName) {
		return new CacheSettings(this.timeToLive, this.cacheNullValues, keyName, this.ttlJitter, this.earlyRefresh);
	}

}
