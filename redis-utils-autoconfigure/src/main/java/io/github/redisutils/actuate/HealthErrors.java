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
package io.github.redisutils.actuate;

import io.github.redisutils.core.ErrorText;

/**
 * Turns a failure into the short text of an {@code error} health detail.
 *
 * @author redis-utils authors
 */
final class HealthErrors {

	private HealthErrors() {
	}

	/**
	 * Describe a failure by its type and the first line of its message, at most 200
	 * characters: health details are for people and dashboards.
	 * @param failure the failure
	 * @return the description
	 */
	static String describe(Throwable failure) {
		String message = failure.getClass().getSimpleName()
				+ ((failure.getMessage() != null) ? ": " + failure.getMessage() : "");
		return ErrorText.firstLine(message);
	}

}
