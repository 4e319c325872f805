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
package io.github.redisutils.cache;

import io.github.redisutils.core.RedisUtilsException;

/**
 * Thrown by {@link CacheStore} when a loader throws a checked exception, which it carries
 * as its cause. Unchecked exceptions of loaders propagate as they are.
 *
 * @author redis-utils authors
 */
public class CacheLoadException extends RedisUtilsException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for a key whose loader failed.
	 * @param key the key being loaded
	 * @param cause what the loader threw
	 */
	public CacheLoadException(String key, Throwable cause) {
		super("Loading cache key '" + key + "' failed: " + cause.getMessage(), cause);
	}

}
