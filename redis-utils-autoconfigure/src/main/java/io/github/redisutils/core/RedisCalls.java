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

import java.time.Duration;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The one place where redis-utils runs a Redis command or script and turns a failure into
 * its own exceptions, the same way for every feature:
 * <ul>
 * <li>no connection, a connection closed under the call (as at shutdown), no answer
 * within the command timeout, and a server that cannot serve now ({@code LOADING},
 * {@code BUSY}, {@code MASTERDOWN}, {@code READONLY}, {@code NOREPLICAS},
 * {@code CLUSTERDOWN}, {@code TRYAGAIN}, {@code OOM}, {@code MISCONF}, also when raised
 * inside a script) are {@link RedisUnavailableException};</li>
 * <li>an ACL refusal ({@code NOPERM}, also inside a script) is
 * {@link RedisPermissionException}, never an outage, so that fail-open paths do not admit
 * everything because of a configuration mistake;</li>
 * <li>a library script that found a stored value it cannot read (it answers
 * {@code MALFORMED <field>}) is {@link MalformedRedisDataException} naming the key;</li>
 * <li>anything else, a script error or a wrong type, is a plain
 * {@link RedisUtilsException}, so that a bug never passes for an outage.</li>
 * </ul>
 * Every message keeps the server's own error text. Replies are decoded with
 * {@link RedisReplies}.
 *
 * @author redis-utils authors
 */
public final class RedisCalls {

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
	 * @throws RedisPermissionException if the ACL user may not run the call
	 * @throws RedisUtilsException for any other failure, such as a script error
	 */
	public static <T> T call(Supplier<T> call, String what) {
		return call(call, what, null);
	}

	/**
	 * Run a Redis call on one key.
	 * @param <T> the call's result type
	 * @param call the call
	 * @param what what the call does, for messages
	 * @param key the key the call is about, named in messages and in
	 * {@link MalformedRedisDataException}, or {@code null}
	 * @return the call's result
	 * @throws RedisUnavailableException if Redis could not be reached or could not serve
	 * @throws RedisPermissionException if the ACL user may not run the call
	 * @throws MalformedRedisDataException if a script found the key's state malformed
	 * @throws RedisUtilsException for any other failure, such as a script error
	 */
	public static <T> T call(Supplier<T> call, String what, @Nullable String key) {
		try {
			return call.get();
		}
		catch (RedisUtilsException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw translate(ex, what, key);
		}
	}

	/**
	 * Return how long a call through the given connections may wait for an answer: the
	 * Lettuce command timeout ({@code spring.data.redis.timeout}).
	 * @param connectionFactory the connections
	 * @return the command timeout, or zero if the factory does not say
	 */
	public static Duration commandTimeout(RedisConnectionFactory connectionFactory) {
		if (connectionFactory instanceof LettuceConnectionFactory lettuce) {
			return Duration.ofMillis(lettuce.getTimeout());
		}
		return Duration.ZERO;
	}

	/**
	 * Run a Redis call that returns nothing.
	 * @param call the call
	 * @param what what the call does, for messages
	 * @throws RedisUnavailableException if Redis could not be reached or could not serve
	 * @throws RedisPermissionException if the ACL user may not run the call
	 * @throws RedisUtilsException for any other failure
	 */
	public static void run(Runnable call, String what) {
		run(call, what, null);
	}

	/**
	 * Run a Redis call on one key that returns nothing.
	 * @param call the call
	 * @param what what the call does, for messages
	 * @param key the key the call is about, or {@code null}
	 * @throws RedisUnavailableException if Redis could not be reached or could not serve
	 * @throws RedisPermissionException if the ACL user may not run the call
	 * @throws MalformedRedisDataException if a script found the key's state malformed
	 * @throws RedisUtilsException for any other failure
	 */
	public static void run(Runnable call, String what, @Nullable String key) {
		call(() -> {
			call.run();
			return null;
		}, what, key);
	}

	/**
	 * Turn a failure of a Redis call into a redis-utils exception, for callers that do
	 * not run the call through {@link #call}: reactive pipelines
	 * ({@code onErrorMap(RedisCalls::isRedisFailure, (ex) -> RedisCalls.translate(ex, ...))}).
	 * Failures that are no Redis failure (an {@link IllegalArgumentException} of the
	 * caller, say) are returned unchanged.
	 * @param failure what the call threw
	 * @param what what the call does, for messages
	 * @param key the key the call is about, or {@code null}
	 * @return the exception to throw
	 */
	public static RuntimeException translate(Throwable failure, String what, @Nullable String key) {
		if (failure instanceof RedisUtilsException ex) {
			return ex;
		}
		RedisErrors.Kind kind = RedisErrors.classify(failure);
		if (kind == RedisErrors.Kind.OTHER && !(failure instanceof DataAccessException)) {
			return (failure instanceof RuntimeException ex) ? ex : new RedisUtilsException(failure.toString(), failure);
		}
		String serverText = RedisErrors.serverMessage(failure);
		String message = "Could not " + what + ((key != null) ? " (key '" + key + "')" : "") + ": " + serverText;
		return switch (kind) {
			case UNAVAILABLE -> new RedisUnavailableException(message, failure);
			case PERMISSION -> new RedisPermissionException(message, failure);
			case MALFORMED -> new MalformedRedisDataException((key != null) ? key : "unknown",
					String.valueOf(RedisErrors.malformedField(failure)), "could not " + what + ": " + serverText,
					failure);
			case OTHER -> new RedisUtilsException(message, failure);
		};
	}

	/**
	 * Whether a failure comes from a Redis call and is one {@link #translate} classifies:
	 * Spring's data-access exceptions and client failures such as a closed connection.
	 * @param failure the failure
	 * @return whether to translate it
	 */
	public static boolean isRedisFailure(Throwable failure) {
		return failure instanceof DataAccessException || failure instanceof RedisUtilsException
				|| RedisErrors.classify(failure) != RedisErrors.Kind.OTHER;
	}

}
