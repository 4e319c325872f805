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

import java.util.List;
import java.util.function.Supplier;

import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.core.RedisUtilsException;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Turns Spring's data-access exceptions into redis-utils ones: outages (no connection, no
 * answer within the command timeout, a server loading or without a primary) become
 * {@link RedisUnavailableException}; anything else, a script error say, a plain
 * {@link RedisUtilsException}, so that a bug never passes for an outage and fails open.
 *
 * @author redis-utils authors
 */
final class RedisCalls {

	private static final List<String> OUTAGE_ERRORS = List.of("LOADING", "CLUSTERDOWN", "MASTERDOWN", "TRYAGAIN",
			"READONLY", "BUSY");

	private RedisCalls() {
	}

	static <T> T call(Supplier<T> call, String what) {
		try {
			return call.get();
		}
		catch (InvalidDataAccessApiUsageException ex) {
			String message = String.valueOf(ex.getMessage());
			if (OUTAGE_ERRORS.stream().anyMatch(message::contains)) {
				throw new RedisUnavailableException("Could not " + what + ": " + message, ex);
			}
			throw new RedisUtilsException("Could not " + what + ": " + message, ex);
		}
		catch (DataAccessException ex) {
			throw new RedisUnavailableException("Could not " + what + ": " + ex.getMessage(), ex);
		}
	}

	static void run(Runnable call, String what) {
		call(() -> {
			call.run();
			return null;
		}, what);
	}

}
