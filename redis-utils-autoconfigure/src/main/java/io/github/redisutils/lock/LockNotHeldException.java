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
package io.github.redisutils.lock;

import io.github.redisutils.core.RedisUtilsException;

/**
 * Thrown when releasing or extending a lock that the caller's acquisition no longer owns:
 * it was released already, it expired, or it was lost. The lock of any other holder is
 * left untouched.
 *
 * @author redis-utils authors
 */
public class LockNotHeldException extends RedisUtilsException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what could not be done and why
	 */
	public LockNotHeldException(String message) {
		super(message);
	}

}
