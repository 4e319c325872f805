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

import io.github.redisutils.core.RedisKeys;

/**
 * How sessions are laid out in Redis: keys and hash fields.
 * <p>
 * <ul>
 * <li>{@code <prefix>:session:user:<userId>}: the user's slot token (a string), living at
 * least as long as the user's longest-lived session;</li>
 * <li>{@code <prefix>:session:{<token>}:s:<secret>}: one hash per session, expiring with
 * the session;</li>
 * <li>{@code <prefix>:session:{<token>}:index}: the user's index, a sorted set of the
 * sessions' secrets scored by expiry, pruned by server time on every write and expiring
 * with its last member;</li>
 * <li>{@code <prefix>:session:{presence}:active}: every live session id scored by expiry,
 * behind the active-sessions gauge;</li>
 * <li>{@code <prefix>:session:{presence}:online}: every user with a live session, scored
 * by the latest expiry of the user's sessions, behind the online users.</li>
 * </ul>
 * The hashes and the index of one user share a hash tag, so the {@link SessionScripts}
 * that create, evict or destroy all of a user's sessions run on one Cluster slot.
 *
 * @author redis-utils authors
 */
final class SessionKeys {

	static final String FEATURE = SessionStore.FEATURE;

	/** Hash field of the user id. */
	static final String USER = "uid";

	/** Hash fields of the times, in Unix milliseconds (idle timeout in milliseconds). */
	static final String CREATED = "ct";

	static final String LAST_ACCESSED = "la";

	static final String EXPIRES = "exp";

	static final String ABSOLUTE = "abs";

	static final String IDLE = "idle";

	/** Prefix of attribute fields; values are encoded by the codec. */
	static final String ATTRIBUTE = "a:";

	/** Prefix of metadata fields; values are UTF-8 strings. */
	static final String METADATA = "m:";

	/**
	 * Hash tag of the two presence sets, so one script keeps both; no slot token can be
	 * this word (tokens are 16 characters).
	 */
	private static final String PRESENCE = "presence";

	private final RedisKeys.FeatureKeys keys;

	SessionKeys(RedisKeys redisKeys) {
		this.keys = redisKeys.feature(FEATURE);
	}

	String slotKey(String userId) {
		return this.keys.key("user", userId);
	}

	String indexKey(String slotToken) {
		return this.keys.tagged(slotToken, "index");
	}

	String sessionKey(String slotToken, String secret) {
		return this.keys.tagged(slotToken, "s", secret);
	}

	/**
	 * Return what a session hash key of a slot starts with, for the scripts that find
	 * hashes from index members; built by the key builder, not by hand.
	 */
	String sessionKeyPrefix(String slotToken) {
		String probe = sessionKey(slotToken, "x");
		return probe.substring(0, probe.length() - 1);
	}

	String activeKey() {
		return this.keys.tagged(PRESENCE, "active");
	}

	String onlineKey() {
		return this.keys.tagged(PRESENCE, "online");
	}

	String onlineVersionsKey() {
		return this.keys.tagged(PRESENCE, "online-versions");
	}

}
