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

/**
 * Thrown when a user-supplied part of a Redis key (a lock name, a cache key, a session
 * id) is not acceptable: empty, too long, or containing control characters.
 *
 * @author redis-utils authors
 */
public class InvalidKeyPartException extends RedisUtilsException {

	private static final long serialVersionUID = 1L;

	private final String partName;

	/**
	 * Create an exception for one key part.
	 * @param partName which part was rejected, for example {@code "name"} or
	 * {@code "part[1]"}
	 * @param reason why it was rejected
	 */
	public InvalidKeyPartException(String partName, String reason) {
		super("Invalid Redis key part '" + partName + "': " + reason);
		this.partName = partName;
	}

	/**
	 * Return which part was rejected.
	 * @return the part's name
	 */
	public String getPartName() {
		return this.partName;
	}

}
