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
 * Error text for people and dashboards (health details, status records): the first line
 * of a message, at most 200 characters.
 *
 * @author redis-utils authors
 */
public final class ErrorText {

	private static final int MAX_LENGTH = 200;

	private ErrorText() {
	}

	/**
	 * Return the first line of a text, cut to 200 characters.
	 * @param text the text, such as an exception's message
	 * @return the first line, followed by {@code ...} where it was cut
	 */
	public static String firstLine(String text) {
		String firstLine = text.lines().findFirst().orElse(text);
		return (firstLine.length() <= MAX_LENGTH) ? firstLine : firstLine.substring(0, MAX_LENGTH) + "...";
	}

}
