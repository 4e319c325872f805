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

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.QueryTimeoutException;

/**
 * Turns Spring's data-access exceptions into redis-utils ones: outages (no connection, no
 * answer within the command timeout, a server loading, busy or without a primary) become
 * {@link RedisUnavailableException}; anything else, a script error say, a plain
 * {@link RedisUtilsException}, so that a bug never passes for an outage and fails open.
 *
 * @author redis-utils authors
 */
public final class RedisCalls {

	/**
	 * Errors of a server that is up but cannot serve now: a restart, a failover, a busy
	 * script, memory full under {@code noeviction} (OOM), failing persistence refusing
	 * writes (MISCONF).
	 */
	private static final List<String> OUTAGE_ERRORS = List.of("LOADING", "CLUSTERDOWN", "MASTERDOWN", "TRYAGAIN",
			"READONLY", "BUSY", "NOREPLICAS", "OOM", "MISCONF");

	private static final Set<String> OUTAGE_CLASSES = Set.of("io.lettuce.core.RedisConnectionException",
			"io.lettuce.core.RedisCommandTimeoutException", "io.lettuce.core.RedisCommandInterruptedException",
			"io.netty.channel.ConnectTimeoutException");

	private RedisCalls() {
	}

	/**
	 * Run a Redis call.
	 * @param <T> the call's result type
	 * @param call the call
	 * @param what what the call does, for messages ("decide a rate limit", "read a
	 * session")
	 * @return the call's result
	 * @throws RedisUnavailableException if Redis could not be reached or could not serve
	 * @throws RedisUtilsException for any other failure, such as a script error
	 */
	public static <T> T call(Supplier<T> call, String what) {
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
		// Clients wrap failures differently; look for a connection problem or a server
		// that cannot serve right now anywhere in the chain.
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException || OUTAGE_CLASSES.contains(cause.getClass().getName())) {
				return true;
			}
			String message = String.valueOf(cause.getMessage());
			if (OUTAGE_ERRORS.stream().anyMatch(message::startsWith)) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/**
	 * Run a Redis call that returns nothing.
	 * @param call the call
	 * @param what what the call does, for messages
	 * @throws RedisUnavailableException if Redis could not be reached or could not serve
	 * @throws RedisUtilsException for any other failure
	 */
	public static void run(Runnable call, String what) {
		call(() -> {
			call.run();
			return null;
		}, what);
	}

}
