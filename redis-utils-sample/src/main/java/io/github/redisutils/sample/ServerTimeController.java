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
package io.github.redisutils.sample;

import java.time.Instant;
import java.util.Map;

import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisServerClock;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows the core beans: the key scheme of this application and the Redis server's clock.
 *
 * @author redis-utils authors
 */
@RestController
class ServerTimeController {

	private final RedisServerClock clock;

	private final RedisKeys keys;

	ServerTimeController(RedisServerClock clock, RedisKeys keys) {
		this.clock = clock;
		this.keys = keys;
	}

	@GetMapping("/redis/time")
	Map<String, Object> time() {
		Instant server = this.clock.now();
		return Map.of("serverTime", server.toString(), "skewMillis",
				Instant.now().toEpochMilli() - server.toEpochMilli(), "exampleKey",
				this.keys.feature("lock").tagged("invoice:42", "fence"));
	}

}
