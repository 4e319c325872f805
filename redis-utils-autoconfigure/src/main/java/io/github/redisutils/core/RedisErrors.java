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
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

/**
 * Classifies a failed Redis call by what the server or client said. The one
 * classification every feature uses, through {@link RedisCalls}.
 * <p>
 * Inside a Lua script the server wraps the error of a {@code redis.call}: Redis 6.2
 * answers {@code ERR Error running script (call to f_...): @user_script:66: @user_script:
 * 66: -OOM command not allowed ...}, Redis 7 answers
 * {@code OOM command not allowed ... script: ..., on @user_script:66.}. Both carry the
 * original code, once at the start, once after {@code ": -"}; both are looked for.
 *
 * @author redis-utils authors
 */
final class RedisErrors {

	/**
	 * Error codes of a server that is up but cannot serve now: a restart, a failover, a
	 * busy script, memory full under {@code noeviction} (OOM), failing persistence
	 * refusing writes (MISCONF), a cluster without a slot's master.
	 */
	static final Set<String> OUTAGE_CODES = Set.of("LOADING", "CLUSTERDOWN", "MASTERDOWN", "TRYAGAIN", "READONLY",
			"BUSY", "NOREPLICAS", "OOM", "MISCONF");

	/**
	 * The error code a library script raises for a stored value it cannot read; followed
	 * by the field's name.
	 */
	static final String MALFORMED_CODE = "MALFORMED";

	private static final Set<String> OUTAGE_CLASSES = Set.of("io.lettuce.core.RedisConnectionException",
			"io.lettuce.core.RedisCommandTimeoutException", "io.lettuce.core.RedisCommandInterruptedException",
			"io.netty.channel.ConnectTimeoutException", "io.lettuce.core.RedisConnectionStateException");

	/** An error code at the start of the text or, wrapped by a script, after ": -". */
	private static final Pattern CODE = Pattern.compile("(?:^|: -)([A-Z]{3,})(?=[ .]|$)");

	private static final Pattern MALFORMED = Pattern.compile("\\b" + MALFORMED_CODE + " (\\S+)");

	/**
	 * Server errors that only stored state of the wrong shape causes, since the library's
	 * own arguments are always well formed: a key of another type, a counter that is no
	 * integer.
	 */
	private static final Pattern WRONG_STATE = Pattern
		.compile("WRONGTYPE|(?:hash )?value is not an? (?:integer|valid float)");

	/** ACL refusals inside a script: Redis 6.2 and 7.0 say so without the NOPERM code. */
	private static final String SCRIPT_PERMISSION = "The user executing the script can't";

	/** A connection closed under a call, as when the application shuts down. */
	private static final Pattern CLOSED = Pattern.compile(
			"(?i)connection (?:is |was )?(?:already )?closed|connectionfactory (?:was destroyed|has been stopped)");

	private RedisErrors() {
	}

	/**
	 * Classify a failure.
	 * @param failure what the call threw
	 * @return what kind of failure it is
	 */
	static Kind classify(Throwable failure) {
		if (malformedField(failure) != null) {
			return Kind.MALFORMED;
		}
		boolean outage = failure instanceof DataAccessResourceFailureException
				|| failure instanceof QueryTimeoutException;
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			String message = String.valueOf(cause.getMessage());
			Set<String> codes = codes(message);
			if (codes.contains("NOPERM") || message.contains(SCRIPT_PERMISSION)) {
				return Kind.PERMISSION;
			}
			if (cause instanceof IOException || OUTAGE_CLASSES.contains(cause.getClass().getName())
					|| codes.stream().anyMatch(OUTAGE_CODES::contains) || CLOSED.matcher(message).find()) {
				outage = true;
			}
		}
		return outage ? Kind.UNAVAILABLE : Kind.OTHER;
	}

	/**
	 * Whether a failure is a command that got no answer within the command timeout: a
	 * retry of it would wait as long again.
	 * @param failure what the call threw
	 * @return whether it timed out
	 */
	static boolean isTimeout(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof QueryTimeoutException
					|| "io.lettuce.core.RedisCommandTimeoutException".equals(cause.getClass().getName())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Error codes with which a server that is up refuses writes only: memory full under
	 * {@code noeviction} ({@code OOM}), failing persistence ({@code MISCONF}), a replica
	 * after a failover ({@code READONLY}), too few replicas ({@code NOREPLICAS}). Reads
	 * still work, so these never make a feature skip Redis.
	 */
	static final Set<String> WRITE_REFUSAL_CODES = Set.of("OOM", "MISCONF", "READONLY", "NOREPLICAS");

	/**
	 * Whether a failure is a server refusing a write while it still serves reads.
	 * @param failure what the call threw
	 * @return whether it is a write refusal
	 */
	static boolean isWriteRefusal(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (codes(String.valueOf(cause.getMessage())).stream().anyMatch(WRITE_REFUSAL_CODES::contains)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a failure is the calling thread being interrupted while it waited for the
	 * answer: it says nothing about Redis.
	 * @param failure what the call threw
	 * @return whether the call was interrupted
	 */
	static boolean isInterrupted(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof InterruptedException
					|| "io.lettuce.core.RedisCommandInterruptedException".equals(cause.getClass().getName())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the field a library script reported as malformed
	 * ({@code MALFORMED <field>}), {@code "type"} for a key of the wrong type,
	 * {@code "value"} for a stored number the server could not use, or {@code null}.
	 * @param failure what the call threw
	 * @return the field or {@code null}
	 */
	static @Nullable String malformedField(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			String message = String.valueOf(cause.getMessage());
			Matcher matcher = MALFORMED.matcher(message);
			if (matcher.find()) {
				return matcher.group(1);
			}
			Matcher wrong = WRONG_STATE.matcher(message);
			if (wrong.find()) {
				return wrong.group().startsWith("WRONGTYPE") ? "type" : "value";
			}
		}
		return null;
	}

	/**
	 * Return the most specific message of a failure: the server's own text where there is
	 * one.
	 * @param failure what the call threw
	 * @return the message
	 */
	static String serverMessage(Throwable failure) {
		Throwable specific = failure;
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause.getMessage() != null) {
				specific = cause;
			}
		}
		return String.valueOf(specific.getMessage()).strip();
	}

	private static Set<String> codes(String message) {
		Matcher matcher = CODE.matcher(message);
		Set<String> codes = new java.util.HashSet<>();
		while (matcher.find()) {
			codes.add(matcher.group(1).toUpperCase(Locale.ROOT));
		}
		return codes;
	}

	private static @Nullable Throwable next(Throwable cause) {
		Throwable next = cause.getCause();
		return (next != cause) ? next : null;
	}

	/**
	 * What kind of failure a call met.
	 */
	enum Kind {

		/** Redis could not be reached or cannot serve now. */
		UNAVAILABLE,

		/** The ACL user lacks a permission. */
		PERMISSION,

		/** A library script found a stored value it cannot read. */
		MALFORMED,

		/** Anything else: a bug, a wrong type, a script error. */
		OTHER

	}

}
