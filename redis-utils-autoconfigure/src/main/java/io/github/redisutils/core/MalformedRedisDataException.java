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
 * Thrown when state read from Redis (a stored hash field, a sorted-set score, a stream
 * entry or a script's reply) does not have the shape redis-utils wrote: a counter that is
 * not a number, a reply with missing elements. Usually the work of another client writing
 * to the library's keys. Names the key and the field so that an operator can find and
 * repair or delete it.
 *
 * @author redis-utils authors
 */
public class MalformedRedisDataException extends RedisUtilsException {

	private static final long serialVersionUID = 1L;

	private final String key;

	private final String field;

	/**
	 * Create an exception for one malformed field.
	 * @param key the Redis key holding the malformed state
	 * @param field the field, element or part that is malformed (a hash field name,
	 * {@code "reply[1]"}, {@code "score"})
	 * @param detail what is wrong with it
	 * @param cause the underlying failure, if any
	 */
	public MalformedRedisDataException(String key, String field, String detail, @Nullable Throwable cause) {
		super("Malformed data in Redis key '" + key + "', field '" + field + "': " + detail, cause);
		this.key = key;
		this.field = field;
	}

	/**
	 * Return the Redis key holding the malformed state.
	 * @return the key
	 */
	public String getKey() {
		return this.key;
	}

	/**
	 * Return the field, element or part that is malformed.
	 * @return the field
	 */
	public String getField() {
		return this.field;
	}

}
