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
	 * Create options, checking them.
	 * @param onFailure what a check answers when Redis cannot be asked
	 * @param maxTokenLifetime longest token lifetime accepted; positive
	 */
	public TokenBlacklistOptions {
		if (onFailure == null) {
			throw new IllegalArgumentException("onFailure must not be null");
		}
		if (maxTokenLifetime == null || maxTokenLifetime.isNegative() || maxTokenLifetime.isZero()) {
			throw new IllegalArgumentException("maxTokenLifetime must be positive");
		}
	}

	/**
	 * Return the defaults: fail closed, tokens live at most a day.
	 * @return the default options
	 */
	public static TokenBlacklistOptions defaults() {
		return new TokenBlacklistOptions(FailurePolicy.CLOSED, Duration.ofDays(1));
	}

}
