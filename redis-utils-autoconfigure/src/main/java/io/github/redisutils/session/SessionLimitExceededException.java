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

import io.github.redisutils.core.RedisUtilsException;

/**
 * Thrown by {@link SessionStore#create} when the user already has the most sessions
 * allowed and the {@link LimitPolicy} is {@link LimitPolicy#REFUSE}.
 *
 * @author redis-utils authors
 */
public class SessionLimitExceededException extends RedisUtilsException {

	private static final long serialVersionUID = 1L;

	private final int maxPerUser;

	/**
	 * Create an exception.
	 * @param maxPerUser the limit that was reached
	 */
	public SessionLimitExceededException(int maxPerUser) {
		super("The user already has the most sessions allowed (" + maxPerUser + ")");
		this.maxPerUser = maxPerUser;
	}

	/**
	 * Return the limit that was reached.
	 * @return the most sessions per user
	 */
	public int maxPerUser() {
		return this.maxPerUser;
	}

}
