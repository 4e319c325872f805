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

package io.github.redisutils.core.codec;

import io.github.redisutils.core.RedisUtilsException;
import org.jspecify.annotations.Nullable;

/**
 * Root of the exceptions a {@link ValueCodec} throws.
 *
 * @author redis-utils authors
 * @see ValueEncodingException
 * @see ValueDecodingException
 */
public class ValueCodecException extends RedisUtilsException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception with a message.
	 * @param message what went wrong
	 */
	public ValueCodecException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a message and its cause.
	 * @param message what went wrong
	 * @param cause the underlying failure
	 */
	public ValueCodecException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
