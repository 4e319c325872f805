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
package io.github.redisutils.blacklist;

import java.time.Duration;
import java.util.Map;

import io.github.redisutils.core.SettingProblems;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a token blacklist.
 *
 * @param onFailure what a check answers when Redis cannot be asked
 * @param maxTokenLifetime longest lifetime of a token the application accepts: how long a
 * subject's not-before lives, and the expiry given to revoked tokens whose own expiry is
 * unknown
 * @author redis-utils authors
 */
public record TokenBlacklistOptions(FailurePolicy onFailure, Duration maxTokenLifetime) {

	/**
	 * Shortest token lifetime accepted: JWT times have second precision.
	 */
	public static final Duration MIN_TOKEN_LIFETIME = Duration.ofSeconds(1);

	/**
	 * Create options, checking them.
	 * @param onFailure what a check answers when Redis cannot be asked
	 * @param maxTokenLifetime longest token lifetime accepted; positive
	 */
	public TokenBlacklistOptions {
		SettingProblems.throwIfAny("token blacklist options", problems(onFailure, maxTokenLifetime));
	}

	/**
	 * Return the problems of token blacklist options, the rules used by the constructor
	 * and by start-up validation of {@code redis.token-blacklist.*}.
	 * @param onFailure what checks answer when Redis cannot be reached
	 * @param maxTokenLifetime the longest lifetime of a token
	 * @return a problem per field name ({@code onFailure}, {@code maxTokenLifetime}),
	 * empty when the values are acceptable
	 */
	public static Map<String, String> problems(@Nullable FailurePolicy onFailure, @Nullable Duration maxTokenLifetime) {
		SettingProblems problems = new SettingProblems();
		if (onFailure == null) {
			problems.add("onFailure", "must not be null");
		}
		return problems
			.atLeast("maxTokenLifetime", maxTokenLifetime, MIN_TOKEN_LIFETIME, "JWT times have second precision")
			.toMap();
	}

	/**
	 * Return the defaults: fail closed, tokens live at most a day.
	 * @return the default options
	 */
	public static TokenBlacklistOptions defaults() {
		return new TokenBlacklistOptions(FailurePolicy.CLOSED, Duration.ofDays(1));
	}

}
