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

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Decodes what Redis answered (script replies, stored hash fields, scores) into Java
 * values, the one way every feature does it. A value of the wrong shape raises
 * {@link MalformedRedisDataException} naming the key and the field, never a
 * {@link NumberFormatException}, a {@link ClassCastException} or a silent default.
 * <p>
 * Values arrive as {@code Long} (integer replies), {@code byte[]} (bulk strings read with
 * a byte-array serializer), {@code String} (read with a string serializer) or
 * {@code List} (array replies); each method accepts each form that can carry its type.
 *
 * @author redis-utils authors
 */
public final class RedisReplies {

	private RedisReplies() {
	}

	/**
	 * Decode a whole number.
	 * @param value an integer reply, or a bulk string holding a decimal integer
	 * @param key the key the value belongs to
	 * @param field the field or reply element ({@code "attempt"}, {@code "reply[0]"})
	 * @return the number
	 * @throws MalformedRedisDataException if the value is missing or not a whole number
	 */
	public static long number(@Nullable Object value, String key, String field) {
		if (value instanceof Long number) {
			return number;
		}
		if (value instanceof Integer number) {
			return number;
		}
		String text = text(value, key, field);
		try {
			return Long.parseLong(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new MalformedRedisDataException(key, field,
					"expected a whole number but found '" + abbreviate(text) + "'", ex);
		}
	}

	/**
	 * Decode a whole number that may be absent.
	 * @param value an integer reply, a bulk string holding a decimal integer, or
	 * {@code null}
	 * @param key the key the value belongs to
	 * @param field the field or reply element
	 * @return the number, or {@code null} if the value is absent
	 * @throws MalformedRedisDataException if the value is present but not a whole number
	 */
	public static @Nullable Long optionalNumber(@Nullable Object value, String key, String field) {
		return (value != null) ? number(value, key, field) : null;
	}

	/**
	 * Decode a floating-point number, such as a sorted-set score.
	 * @param value a number, or a bulk string holding one
	 * @param key the key the value belongs to
	 * @param field the field or reply element
	 * @return the number
	 * @throws MalformedRedisDataException if the value is missing or not a number
	 */
	public static double decimal(@Nullable Object value, String key, String field) {
		if (value instanceof Number number) {
			return number.doubleValue();
		}
		String text = text(value, key, field);
		try {
			return Double.parseDouble(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new MalformedRedisDataException(key, field, "expected a number but found '" + abbreviate(text) + "'",
					ex);
		}
	}

	/**
	 * Decode a string (UTF-8).
	 * @param value a bulk string or an integer reply
	 * @param key the key the value belongs to
	 * @param field the field or reply element
	 * @return the string
	 * @throws MalformedRedisDataException if the value is missing or not a string
	 */
	public static String string(@Nullable Object value, String key, String field) {
		if (value instanceof Long number) {
			return number.toString();
		}
		return text(value, key, field);
	}

	/**
	 * Decode raw bytes.
	 * @param value a bulk string
	 * @param key the key the value belongs to
	 * @param field the field or reply element
	 * @return the bytes
	 * @throws MalformedRedisDataException if the value is missing or not a bulk string
	 */
	public static byte[] bytes(@Nullable Object value, String key, String field) {
		if (value instanceof byte[] bytes) {
			return bytes;
		}
		if (value instanceof String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		throw malformed(value, key, field, "a string");
	}

	/**
	 * Decode an array reply with at least a number of elements.
	 * @param value the reply
	 * @param minSize the fewest elements the reply must have
	 * @param key the key the reply is about
	 * @param field what the reply is, for messages ({@code "reply"})
	 * @return the elements
	 * @throws MalformedRedisDataException if the value is missing, not an array or too
	 * short
	 */
	public static List<?> list(@Nullable Object value, int minSize, String key, String field) {
		if (value instanceof List<?> list) {
			if (list.size() < minSize) {
				throw new MalformedRedisDataException(key, field,
						"expected at least " + minSize + " elements but found " + list.size(), null);
			}
			return list;
		}
		throw malformed(value, key, field, "an array");
	}

	/**
	 * Require that a call answered something: Spring returns {@code null} where the
	 * server's reply could not be read.
	 * @param <T> the reply's type
	 * @param value the reply
	 * @param key the key the reply is about
	 * @param field what the reply is, for messages
	 * @return the reply
	 * @throws MalformedRedisDataException if the reply is {@code null}
	 */
	public static <T> T present(@Nullable T value, String key, String field) {
		if (value == null) {
			throw new MalformedRedisDataException(key, field, "Redis answered with nothing", null);
		}
		return value;
	}

	/**
	 * Decode a flat array of field names and values ({@code HGETALL} inside a script)
	 * into a map that keeps the order.
	 * @param value the array
	 * @param key the hash's key
	 * @return the fields, values as bytes
	 * @throws MalformedRedisDataException if the value is not an array of strings or has
	 * an odd number of elements
	 */
	public static Map<String, byte[]> fields(@Nullable Object value, String key) {
		List<?> flat = list(value, 0, key, "fields");
		if (flat.size() % 2 != 0) {
			throw new MalformedRedisDataException(key, "fields", "expected name and value pairs", null);
		}
		Map<String, byte[]> fields = new LinkedHashMap<>();
		for (int i = 0; i < flat.size(); i += 2) {
			String name = string(flat.get(i), key, "fields[" + i + "]");
			fields.put(name, bytes(flat.get(i + 1), key, name));
		}
		return fields;
	}

	/**
	 * Return the name of the element of an array reply at an index, as
	 * {@code reply[index]} in messages.
	 * @param index the index
	 * @return the element's name
	 */
	public static String element(int index) {
		return "reply[" + index + "]";
	}

	private static String text(@Nullable Object value, String key, String field) {
		if (value instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		if (value instanceof String text) {
			return text;
		}
		throw malformed(value, key, field, "a string");
	}

	private static MalformedRedisDataException malformed(@Nullable Object value, String key, String field,
			String expected) {
		String found = (value != null) ? value.getClass().getSimpleName() : "nothing";
		return new MalformedRedisDataException(key, field, "expected " + expected + " but found " + found, null);
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 40) + "...";
	}

}
