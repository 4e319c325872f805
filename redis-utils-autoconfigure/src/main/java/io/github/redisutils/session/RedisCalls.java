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

import java.io.IOException;
import java.util.function.Supplier;

import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.core.RedisUtilsException;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

/**
 * Runs Redis calls, turning Spring's exceptions into the library's: an outage (no
 * connection, a timeout) into {@link RedisUnavailableException}, anything else (a script
 * error) into {@link RedisUtilsException}, so that script errors are never taken for
 * outages.
 *
 * @author redis-utils authors
 */
final class RedisCalls {

	private RedisCalls() {
	}

	static <T> T call(Supplier<T> call, String what) {
		try {
			return call.get();
		}
		catch (DataAccessException ex) {
			String message = "Could not " + what + ": " + NestedExceptionUtils.getMostSpecificCause(ex).getMessage();
			if (isOutage(ex)) {
				throw new RedisUnavailableException(message, ex);
			}
			throw new RedisUtilsException(message, ex);
		}
	}

	private static boolean isOutage(DataAccessException ex) {
		if (ex instanceof DataAccessResourceFailureException || ex instanceof QueryTimeoutException) {
			return true;
		}
		for (Throwable cause = ex; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof IOException || cause.getClass().getName().startsWith("io.lettuce.core.RedisConnection")
					|| cause.getClass().getName().equals("io.lettuce.core.RedisCommandTimeoutException")) {
				return true;
			}
		}
		return false;
	}

}
