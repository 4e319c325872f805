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

package io.github.redisutils.batch;

import java.util.Optional;

import io.github.redisutils.core.RedisUtilsException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The result of one batch entry: its value, or the error that failed it alone.
 *
 * @param index the entry's position in the batch, from 0
 * @param operation what the entry did: {@code get}, {@code set}, {@code delete},
 * {@code increment}, {@code hash-get} or {@code hash-put}
 * @param name the value's name the entry addressed
 * @param value the entry's result ({@code Optional} for reads, {@code Boolean} for writes
 * and deletes, {@code Long} for increments), {@code null} when it failed
 * @param error why the entry failed (a
 * {@link io.github.redisutils.core.MalformedRedisDataException} naming the key for a
 * value the codec cannot read, a {@link RedisUtilsException} with the server's text for a
 * key of the wrong type), {@code null} when it succeeded
 * @author redis-utils authors
 */
public record BatchResult(int index, String operation, String name, @Nullable Object value,
		@Nullable RedisUtilsException error) {

	/**
	 * Create a result; exactly one of value and error is set.
	 * @param index the entry's position
	 * @param operation what the entry did
	 * @param name the value's name
	 * @param value the result, or {@code null}
	 * @param error the failure, or {@code null}
	 */
	public BatchResult {
		Assert.isTrue((value == null) != (error == null), "Exactly one of 'value' and 'error' must be set");
	}

	/**
	 * Return whether the entry succeeded.
	 * @return {@code true} when it has a value
	 */
	public boolean succeeded() {
		return this.error == null;
	}

	/**
	 * Return the entry's result, throwing its error if it failed.
	 * @return the result
	 * @throws RedisUtilsException the entry's error
	 */
	public Object orElseThrow() {
		if (this.error != null) {
			throw this.error;
		}
		return this.value;
	}

	/**
	 * Return a read's value as the type it was asked for.
	 * @param <T> the type
	 * @param type the type
	 * @return the value read, empty when there was none
	 * @throws RedisUtilsException the entry's error
	 * @throws IllegalStateException if the entry is no read
	 */
	@SuppressWarnings("unchecked")
	public <T> Optional<T> read(Class<T> type) {
		Object result = orElseThrow();
		if (!(result instanceof Optional<?> optional)) {
			throw new IllegalStateException("Entry " + this.index + " (" + this.operation + ") is no read");
		}
		return optional.map(type::cast);
	}

}
