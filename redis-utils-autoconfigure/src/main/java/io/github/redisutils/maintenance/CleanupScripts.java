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

package io.github.redisutils.maintenance;

import java.util.List;

import io.github.redisutils.core.RedisScripts;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The scripts behind {@link RedisCleanup}: each checks and removes atomically on one hash
 * slot.
 */
@SuppressWarnings("rawtypes")
final class CleanupScripts {

	private static final String SCRIPTS = "io/github/redisutils/maintenance/";

	static final RedisScript<Long> FENCE = RedisScripts.fromResource(SCRIPTS + "cleanup-fence.lua", Long.class);

	static final RedisScript<List> QUEUE = RedisScripts.fromResource(SCRIPTS + "cleanup-queue.lua", List.class);

	static final RedisScript<List> CONSUMERS = RedisScripts.fromResource(SCRIPTS + "cleanup-consumers.lua", List.class);

	static final RedisScript<List> SESSION_INDEX = RedisScripts.fromResource(SCRIPTS + "cleanup-session-index.lua",
			List.class);

	static final RedisScript<String> SESSION_SLOT_READ = RedisScripts.fromResource(SCRIPTS + "cleanup-session-slot.lua",
			String.class);

	static final RedisScript<Long> SESSION_SLOT_DELETE = RedisScripts.fromResource(SCRIPTS + "cleanup-session-slot.lua",
			Long.class);

	static final RedisScript<Long> BLACKLIST = RedisScripts.fromResource(SCRIPTS + "cleanup-blacklist.lua", Long.class);

	private CleanupScripts() {
	}

}
