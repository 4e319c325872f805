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
package io.github.redisutils.core;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Reads the Redis server's clock with {@code TIME}.
 * <p>
 * Decisions that depend on time (lease expiry, rate-limit windows, delayed jobs) are made
 * inside Lua scripts with {@code redis.call('TIME')}, because the clocks of application
 * instances drift apart. This class serves the few places that need the same clock
 * outside a script, such as reporting how long ago something happened in the server's
 * terms.
 *
 * @author redis-utils authors
 */
public class RedisServerClock {

	private final RedisConnectionFactory connectionFactory;

	/**
	 * Create a clock that reads the time of the server behind a connection factory.
	 * @param connectionFactory the connection factory
	 */
	public RedisServerClock(RedisConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
	}

	/**
	 * Return the server's current time, with microsecond precision. One round trip.
	 * @return the server time
	 * @throws RedisUnavailableException if Redis cannot be reached
	 * @throws RedisPermissionException if the ACL user may not run {@code TIME}
	 */
	public Instant now() {
		Long micros = RedisCalls.call(() -> {
			try (RedisConnection connection = this.connectionFactory.getConnection()) {
				return connection.serverCommands().time(TimeUnit.MICROSECONDS);
			}
		}, "read the Redis server time");
		long time = RedisReplies.present(micros, "TIME", "reply");
		return Instant.ofEpochSecond(time / 1_000_000, (time % 1_000_000) * 1_000);
	}

}
