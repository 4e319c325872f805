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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Creates the Lua scripts that features run through Spring Data Redis's
 * {@link RedisScript}.
 * <p>
 * Scripts are read once, eagerly, so that a missing or empty script fails when its
 * feature starts rather than on first use.
 * {@code RedisTemplate.execute(script, keys, args)} and
 * {@code ReactiveRedisTemplate.execute(...)} then call them by SHA-1 ({@code EVALSHA})
 * and fall back to {@code EVAL} when the server answers {@code NOSCRIPT} (after a restart
 * or {@code SCRIPT FLUSH}): one round trip in the common case.
 * <p>
 * Conventions for the scripts themselves: every key a script touches is passed in
 * {@code KEYS} (never built inside the script) and shares one hash tag, so the script
 * runs on Redis Cluster; time comes from {@code redis.call('TIME')}, not from the caller;
 * the header comment of each script says what every {@code KEYS[i]} and {@code ARGV[i]}
 * is.
 * <p>
 * Pieces that several scripts share live in their own files and are composed in at load
 * time: a line {@code -- @include core/stored-number.lua} is replaced by that resource
 * (relative to {@code io/github/redisutils/}). The script text stays readable, and the
 * SHA-1 the server sees is of the composed text. Shared pieces:
 * <ul>
 * <li>{@code core/stored-number.lua}: {@code stored_number(value, field)} reads a number
 * stored in a field, {@code nil} when absent, and raises {@code MALFORMED <field>} when
 * the value is not a number; {@link RedisCalls} turns that into
 * {@link MalformedRedisDataException} naming the key.</li>
 * </ul>
 *
 * @author redis-utils authors
 */
public final class RedisScripts {

	private static final String BASE = "io/github/redisutils/";

	private static final Pattern INCLUDE = Pattern.compile("(?m)^-- @include (\\S+)[ \\t]*$");

	private RedisScripts() {
	}

	/**
	 * Load a script from a class-path resource.
	 * @param <T> the result type
	 * @param location the resource, for example
	 * {@code "io/github/redisutils/lock/acquire.lua"}
	 * @param resultType the script's result type ({@code Long}, {@code Boolean},
	 * {@code List}, {@code String} or {@code null} for none)
	 * @return the script
	 * @throws IllegalStateException if the resource is missing, unreadable or empty
	 */
	public static <T> RedisScript<T> fromResource(String location, Class<T> resultType) {
		return fromText(read(location), resultType, location);
	}

	/**
	 * Return the text of a script with every {@code -- @include} line replaced by the
	 * piece it names.
	 * @param text the script's text
	 * @return the composed text
	 * @throws IllegalStateException if an included piece is missing or itself includes
	 */
	public static String compose(String text) {
		Matcher matcher = INCLUDE.matcher(text);
		StringBuilder composed = new StringBuilder();
		while (matcher.find()) {
			String piece = read(BASE + matcher.group(1));
			if (INCLUDE.matcher(piece).find()) {
				throw new IllegalStateException("Lua piece '" + matcher.group(1) + "' must not include others");
			}
			matcher.appendReplacement(composed, Matcher.quoteReplacement(piece.stripTrailing()));
		}
		matcher.appendTail(composed);
		return composed.toString();
	}

	private static String read(String location) {
		ClassPathResource resource = new ClassPathResource(location, RedisScripts.class.getClassLoader());
		try (InputStream input = resource.getInputStream()) {
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Lua script '" + location + "' could not be read from the class path", ex);
		}
	}

	/**
	 * Create a script from its text, typically a text block next to the code that runs
	 * it.
	 * @param <T> the result type
	 * @param text the Lua source
	 * @param resultType the script's result type
	 * @return the script
	 * @throws IllegalStateException if the text is empty
	 */
	public static <T> RedisScript<T> fromText(String text, Class<T> resultType) {
		return fromText(text, resultType, "inline script");
	}

	private static <T> RedisScript<T> fromText(String text, Class<T> resultType, String description) {
		if (text.isBlank()) {
			throw new IllegalStateException("Lua script '" + description + "' is empty");
		}
		return RedisScript.of(compose(text), resultType);
	}

}
