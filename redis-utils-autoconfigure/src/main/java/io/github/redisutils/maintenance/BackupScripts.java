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
 * The scripts behind {@link RedisBackup}: one key read, or one key written, atomically.
 */
final class BackupScripts {

	private static final String SCRIPTS = "io/github/redisutils/maintenance/";

	@SuppressWarnings("rawtypes")
	static final RedisScript<List> READ = RedisScripts.fromResource(SCRIPTS + "read.lua", List.class);

	static final RedisScript<Long> WRITE = RedisScripts.fromResource(SCRIPTS + "write.lua", Long.class);

	private BackupScripts() {
	}

}
