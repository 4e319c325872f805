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
package io.github.redisutils.blacklist;

import io.github.redisutils.core.RedisScripts;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The blacklist's scripts, shared by the blocking and the reactive implementations. Each
 * writes its key and publishes the change on the sync channel in one step, so a local
 * cache never misses a revocation that Redis holds.
 *
 * @author redis-utils authors
 */
final class BlacklistScripts {

	private static final String SCRIPTS = "io/github/redisutils/blacklist/";

	static final RedisScript<Long> REVOKE = RedisScripts.fromResource(SCRIPTS + "revoke.lua", Long.class);

	static final RedisScript<Long> REVOKE_USER = RedisScripts.fromResource(SCRIPTS + "revoke-user.lua", Long.class);

	static final RedisScript<Long> RESTORE = RedisScripts.fromResource(SCRIPTS + "restore.lua", Long.class);

	private BlacklistScripts() {
	}

}
