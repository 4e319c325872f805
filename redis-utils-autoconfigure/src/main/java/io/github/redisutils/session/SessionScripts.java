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

import java.util.List;

import io.github.redisutils.core.RedisScripts;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The session store's scripts. Those that create, evict or destroy all of a user's
 * sessions derive the hashes of evicted or destroyed members from the index's members
 * (keys not passed in {@code KEYS}, but in the same slot by their tag): the members are
 * only known inside the script, and reading them first would make the per-user limit
 * racy. The key layout is described on {@link SessionKeys}.
 *
 * @author redis-utils authors
 */
final class SessionScripts {

	private static final String SCRIPTS = "io/github/redisutils/session/";

	@SuppressWarnings("rawtypes")
	static final RedisScript<List> CREATE = RedisScripts.fromResource(SCRIPTS + "create.lua", List.class);

	@SuppressWarnings("rawtypes")
	static final RedisScript<List> TOUCH = RedisScripts.fromResource(SCRIPTS + "touch.lua", List.class);

	@SuppressWarnings("rawtypes")
	static final RedisScript<List> DESTROY = RedisScripts.fromResource(SCRIPTS + "destroy.lua", List.class);

	@SuppressWarnings("rawtypes")
	static final RedisScript<List> USER_SESSIONS = RedisScripts.fromResource(SCRIPTS + "user-sessions.lua", List.class);

	static final RedisScript<Long> COUNT = RedisScripts.fromResource(SCRIPTS + "user-sessions.lua", Long.class);

	@SuppressWarnings("rawtypes")
	static final RedisScript<List> DESTROY_USER = RedisScripts.fromResource(SCRIPTS + "destroy-user.lua", List.class);

	static final RedisScript<Long> UPDATE = RedisScripts.fromResource(SCRIPTS + "update.lua", Long.class);

	static final RedisScript<String> SLOT = RedisScripts.fromResource(SCRIPTS + "slot.lua", String.class);

	static final RedisScript<Long> PRESENCE = RedisScripts.fromResource(SCRIPTS + "presence.lua", Long.class);

	@SuppressWarnings("rawtypes")
	static final RedisScript<List> ONLINE = RedisScripts.fromResource(SCRIPTS + "presence.lua", List.class);

	private SessionScripts() {
	}

}
