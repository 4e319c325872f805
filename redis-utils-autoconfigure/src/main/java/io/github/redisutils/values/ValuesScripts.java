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

package io.github.redisutils.values;

import java.util.List;

import io.github.redisutils.core.RedisScripts;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The scripts behind {@link RedisValues}: each operation that reads and writes is one
 * script, so it is one round trip and atomic.
 */
final class ValuesScripts {

	private static final String SCRIPTS = "io/github/redisutils/values/";

	@SuppressWarnings("rawtypes")
	static final RedisScript<List> COMPARE_AND_SET = RedisScripts.fromResource(SCRIPTS + "compare-and-set.lua",
			List.class);

	static final RedisScript<byte[]> GET_AND_SET = RedisScripts.fromResource(SCRIPTS + "get-and-set.lua", byte[].class);

	static final RedisScript<byte[]> GET_AND_EXPIRE = RedisScripts.fromResource(SCRIPTS + "get-and-expire.lua",
			byte[].class);

	static final RedisScript<Long> SET = RedisScripts.fromResource(SCRIPTS + "set.lua", Long.class);

	static final RedisScript<Long> INCREMENT = RedisScripts.fromResource(SCRIPTS + "increment.lua", Long.class);

	private ValuesScripts() {
	}

}
