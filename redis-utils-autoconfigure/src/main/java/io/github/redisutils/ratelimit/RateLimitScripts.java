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
package io.github.redisutils.ratelimit;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.github.redisutils.core.RedisScripts;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The decision script of each algorithm, read once from the class path. Every script
 * takes the same keys and arguments (see the header of each resource) and answers
 * {@code {status, remaining, retryAfterMicros, resetAfterMicros}}.
 *
 * @author redis-utils authors
 */
final class RateLimitScripts {

	static final long ALLOWED = 1;

	static final long REJECTED = 0;

	static final long BLOCKED = 2;

	@SuppressWarnings("rawtypes")
	private static final Map<RateLimitAlgorithm, RedisScript<List>> SCRIPTS = new EnumMap<>(RateLimitAlgorithm.class);

	static {
		SCRIPTS.put(RateLimitAlgorithm.TOKEN_BUCKET, load("token-bucket.lua"));
		SCRIPTS.put(RateLimitAlgorithm.GCRA, load("gcra.lua"));
		SCRIPTS.put(RateLimitAlgorithm.SLIDING_WINDOW, load("sliding-window.lua"));
		SCRIPTS.put(RateLimitAlgorithm.SLIDING_WINDOW_APPROXIMATE, load("sliding-window-approximate.lua"));
		SCRIPTS.put(RateLimitAlgorithm.FIXED_WINDOW, load("fixed-window.lua"));
	}

	private RateLimitScripts() {
	}

	@SuppressWarnings("rawtypes")
	static RedisScript<List> of(RateLimitAlgorithm algorithm) {
		return SCRIPTS.get(algorithm);
	}

	/**
	 * Return the short suffix of the algorithm's state key. Part of the key so that
	 * changing a policy's algorithm starts from fresh state instead of meeting a key of
	 * another type.
	 */
	static String keySuffix(RateLimitAlgorithm algorithm) {
		return switch (algorithm) {
			case TOKEN_BUCKET -> "tb";
			case GCRA -> "gcra";
			case SLIDING_WINDOW -> "sw";
			case SLIDING_WINDOW_APPROXIMATE -> "swa";
			case FIXED_WINDOW -> "fw";
		};
	}

	@SuppressWarnings("rawtypes")
	private static RedisScript<List> load(String name) {
		return RedisScripts.fromResource("io/github/redisutils/ratelimit/" + name, List.class);
	}

}
