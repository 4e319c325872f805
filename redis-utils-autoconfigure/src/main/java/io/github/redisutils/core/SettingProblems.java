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

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Collects the problems of a set of values, one message per field, for the common rules
 * (positive duration, at-least-N, non-empty text). A library type states each rule once
 * in a static {@code problems(...)} method built on it; its constructor throws
 * {@link IllegalArgumentException} with {@link #message(String, Map)}, and the Boot
 * properties report each problem against the property key.
 *
 * @author redis-utils authors
 */
public final class SettingProblems {

	private final Map<String, String> problems = new LinkedHashMap<>();

	/**
	 * Record a problem of a field, unless the field already has one.
	 * @param field the field name
	 * @param problem why the value is wrong, e.g. {@code "must be positive (was 0s)"}
	 * @return this collector
	 */
	public SettingProblems add(String field, String problem) {
		this.problems.putIfAbsent(field, problem);
		return this;
	}

	/**
	 * Check that a duration is set and longer than zero.
	 * @param field the field name
	 * @param value the value
	 * @return this collector
	 */
	public SettingProblems positive(String field, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			add(field, "must be positive (was " + value + ")");
		}
		return this;
	}

	/**
	 * Check that a duration is set and not negative.
	 * @param field the field name
	 * @param value the value
	 * @return this collector
	 */
	public SettingProblems notNegative(String field, @Nullable Duration value) {
		if (value == null || value.isNegative()) {
			add(field, "must not be negative (was " + value + ")");
		}
		return this;
	}

	/**
	 * Check that a duration is set and at least a minimum.
	 * @param field the field name
	 * @param value the value
	 * @param min the smallest value accepted
	 * @param reason why the minimum exists, appended to the message, or {@code null}
	 * @return this collector
	 */
	public SettingProblems atLeast(String field, @Nullable Duration value, Duration min, @Nullable String reason) {
		if (value == null || value.compareTo(min) < 0) {
			add(field, "must be at least " + format(min) + ((reason != null) ? ": " + reason : "") + " (was " + value
					+ ")");
		}
		return this;
	}

	/**
	 * Check that a duration is set and at most a maximum.
	 * @param field the field name
	 * @param value the value
	 * @param max the largest value accepted
	 * @param reason why the maximum exists, appended to the message, or {@code null}
	 * @return this collector
	 */
	public SettingProblems atMost(String field, @Nullable Duration value, Duration max, @Nullable String reason) {
		if (value == null || value.compareTo(max) > 0) {
			add(field, "must be at most " + format(max) + ((reason != null) ? ": " + reason : "") + " (was " + value
					+ ")");
		}
		return this;
	}

	/**
	 * Check that a number is at least a minimum.
	 * @param field the field name
	 * @param value the value
	 * @param min the smallest value accepted
	 * @return this collector
	 */
	public SettingProblems atLeast(String field, long value, long min) {
		if (value < min) {
			add(field, "must be at least " + min + " (was " + value + ")");
		}
		return this;
	}

	/**
	 * Check that a text is set and not blank.
	 * @param field the field name
	 * @param value the value
	 * @return this collector
	 */
	public SettingProblems hasText(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			add(field, "must not be empty");
		}
		return this;
	}

	/**
	 * Return the problems found, per field name, in the order found.
	 * @return the problems, empty when every value is acceptable
	 */
	public Map<String, String> toMap() {
		return Collections.unmodifiableMap(new LinkedHashMap<>(this.problems));
	}

	/**
	 * Throw {@link IllegalArgumentException} naming every problem of the given problems,
	 * if there is any.
	 * @param what what the values describe, e.g. {@code "lock options"}
	 * @param problems the problems per field name
	 * @throws IllegalArgumentException when {@code problems} is not empty
	 */
	public static void throwIfAny(String what, Map<String, String> problems) {
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException(message(what, problems));
		}
	}

	/**
	 * Return the message of {@link #throwIfAny}: {@code "Invalid <what>: field problem;
	 * ..."}.
	 * @param what what the values describe
	 * @param problems the problems per field name
	 * @return the message
	 */
	public static String message(String what, Map<String, String> problems) {
		StringBuilder message = new StringBuilder("Invalid ").append(what).append(':');
		problems.forEach((field, problem) -> message.append(' ').append(field).append(' ').append(problem).append(';'));
		return message.substring(0, message.length() - 1);
	}

	private static String format(Duration duration) {
		return (duration.toMillis() < 1000) ? duration.toMillis() + "ms" : duration.toString();
	}

}
