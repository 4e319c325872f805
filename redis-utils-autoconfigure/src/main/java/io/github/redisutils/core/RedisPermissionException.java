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

import org.jspecify.annotations.Nullable;

/**
 * Thrown when Redis refuses a command or a command inside a script because the
 * connection's ACL user lacks a permission ({@code NOPERM}). A configuration mistake, not
 * an outage: it never extends {@link RedisUnavailableException}, so paths that fail open
 * on an outage (a rate limit, a blacklist set to allow) do not silently let everything
 * through. The message keeps the server's own text.
 *
 * @author redis-utils authors
 */
public class RedisPermissionException extends RedisUtilsException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception with a message and its cause.
	 * @param message what could not be done, with the server's error text
	 * @param cause the underlying failure
	 */
	public RedisPermissionException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
