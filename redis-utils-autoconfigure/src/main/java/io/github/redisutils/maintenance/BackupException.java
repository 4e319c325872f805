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

package io.github.redisutils.maintenance;

import io.github.redisutils.core.RedisUtilsException;
import org.jspecify.annotations.Nullable;

/**
 * A backup could not be written or read: the output or input stream failed, or the input
 * is no backup at all (its first line is no backup header). Failures of Redis are the
 * core exceptions ({@link io.github.redisutils.core.RedisUnavailableException} and
 * others); a single corrupt record of a backup is a failure in the
 * {@link RestoreSummary}, not an exception.
 *
 * @author redis-utils authors
 */
public class BackupException extends RedisUtilsException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what failed
	 * @param cause the underlying failure, or {@code null}
	 */
	public BackupException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
