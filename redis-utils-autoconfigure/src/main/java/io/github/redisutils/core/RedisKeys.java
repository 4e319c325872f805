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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Builds every Redis key that redis-utils writes, so that all of them follow one scheme:
 * {@code <prefix>:<feature>:<name>[:<part>...]}. No other code concatenates key strings.
 * <p>
 * The prefix and the feature are chosen by the application and the library; the name and
 * the parts usually come from users (a lock name, a cache key, a session id) and are
 * validated: they must not be empty, longer than {@value #MAX_PART_LENGTH} characters or
 * contain control characters. A rejected part raises an {@link InvalidKeyPartException}
 * that names it.
 * <p>
 * For Redis Cluster, keys that one script or transaction touches must share a hash slot:
 * {@link FeatureKeys#tagged(String, String...)} wraps the name in a hash tag
 * ({@code <prefix>:<feature>:{<name>}:<part>}) so that every key of one name lands in one
 * slot.
 *
 * @author redis-utils authors
 */
public final class RedisKeys {

	/**
	 * Longest user-supplied name or part accepted, in characters. Longer keys cost memory
	 * on every access and usually mean a value was passed where an identifier was meant.
	 */
	public static final int MAX_PART_LENGTH = 512;

	/**
	 * Longest prefix accepted, in characters.
	 */
	public static final int MAX_PREFIX_LENGTH = 128;

	private static final String HASHED_PREFIX = "#sha256:";

	private static final Pattern FEATURE = Pattern.compile("[a-z0-9][a-z0-9-]*");

	private final String prefix;

	private RedisKeys(String prefix) {
		this.prefix = prefix;
	}

	/**
	 * The prefix of an application that configures none and has no name.
	 */
	public static final String DEFAULT_PREFIX = "redis-utils";

	/**
	 * Create the key builder of an application: its configured prefix, else its name,
	 * else {@value #DEFAULT_PREFIX}.
	 * @param configuredPrefix the configured prefix ({@code redis.key-prefix}), or
	 * {@code null}
	 * @param applicationName the application's name ({@code spring.application.name}), or
	 * {@code null}
	 * @return the key builder
	 * @throws RedisConfigurationException if the prefix is derived from a name that
	 * cannot be one
	 */
	public static RedisKeys forApplication(@Nullable String configuredPrefix, @Nullable String applicationName) {
		if (configuredPrefix != null) {
			return withPrefix(configuredPrefix);
		}
		if (applicationName == null || applicationName.isBlank()) {
			return withPrefix(DEFAULT_PREFIX);
		}
		String problem = prefixProblem(applicationName);
		if (problem != null) {
			throw new RedisConfigurationException("spring.application.name",
					"'" + applicationName + "' " + problem + ", and the Redis key prefix defaults to it",
					"Set redis.key-prefix to a prefix without white space, control characters or braces");
		}
		return withPrefix(applicationName);
	}

	/**
	 * Create a key builder for a prefix.
	 * @param prefix the application's prefix, for example its name
	 * @return the key builder
	 * @throws IllegalArgumentException if the prefix is empty, too long, or contains
	 * white space, control characters or braces (which would turn into a hash tag on
	 * Redis Cluster)
	 */
	public static RedisKeys withPrefix(String prefix) {
		String problem = prefixProblem(prefix);
		if (problem != null) {
			throw new IllegalArgumentException("Invalid Redis key prefix '" + prefix + "': " + problem);
		}
		return new RedisKeys(prefix);
	}

	/**
	 * Describe what is wrong with a candidate prefix, for configuration validation.
	 * @param prefix the candidate prefix
	 * @return a reason, or {@code null} if the prefix is acceptable
	 */
	public static @Nullable String prefixProblem(@Nullable String prefix) {
		if (prefix == null || prefix.isEmpty()) {
			return "must not be empty";
		}
		if (prefix.length() > MAX_PREFIX_LENGTH) {
			return "must be at most " + MAX_PREFIX_LENGTH + " characters long (was " + prefix.length() + ")";
		}
		for (int i = 0; i < prefix.length(); i++) {
			char c = prefix.charAt(i);
			if (Character.isISOControl(c) || Character.isWhitespace(c)) {
				return "must not contain white space or control characters (found one at index " + i + ")";
			}
			if (c == '{' || c == '}') {
				return "must not contain '{' or '}' (they would form a Redis Cluster hash tag)";
			}
		}
		return null;
	}

	/**
	 * Return the prefix every key starts with.
	 * @return the prefix
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * Return the key builder of one feature.
	 * @param feature the feature's short name: lower-case letters, digits and dashes, for
	 * example {@code "lock"} or {@code "rate-limit"}
	 * @return the feature's key builder
	 */
	public FeatureKeys feature(@Nullable String feature) {
		if (feature == null || !FEATURE.matcher(feature).matches()) {
			throw new IllegalArgumentException(
					"Invalid feature name '" + feature + "': use lower-case letters, digits and dashes");
		}
		return new FeatureKeys(this.prefix + ":" + feature + ":");
	}

	/**
	 * Keys of one feature: {@code <prefix>:<feature>:<name>[:<part>...]}.
	 */
	public static final class FeatureKeys {

		private final String base;

		private FeatureKeys(String base) {
			this.base = base;
		}

		/**
		 * Build a key from a name and optional parts.
		 * @param name the user-supplied name
		 * @param parts further user-supplied parts, joined with {@code ':'}
		 * @return {@code <prefix>:<feature>:<name>[:<part>...]}
		 * @throws InvalidKeyPartException if the name or a part is not acceptable
		 */
		public String key(String name, String... parts) {
			checkPart("name", name);
			return append(new StringBuilder(this.base).append(name), parts);
		}

		/**
		 * Build a key whose name is a Redis Cluster hash tag, so that every key built
		 * from the same name, whatever its parts, lands in the same hash slot.
		 * @param name the user-supplied name; must not contain braces
		 * @param parts further user-supplied parts, joined with {@code ':'}
		 * @return {@code <prefix>:<feature>:{<name>}[:<part>...]}
		 * @throws InvalidKeyPartException if the name or a part is not acceptable
		 */
		public String tagged(String name, String... parts) {
			checkPart("name", name);
			if (name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
				throw new InvalidKeyPartException("name",
						"must not contain '{' or '}' because it forms the hash tag (was '" + printable(name) + "')");
			}
			return append(new StringBuilder(this.base).append('{').append(name).append('}'), parts);
		}

		/**
		 * Return a {@code SCAN MATCH} pattern for every key of this feature.
		 * @return {@code <prefix>:<feature>:*} with glob characters of the prefix escaped
		 */
		public String pattern() {
			return escapeGlob(this.base) + "*";
		}

		/**
		 * Return a {@code SCAN MATCH} pattern for every key under one name of this
		 * feature.
		 * @param name the user-supplied name
		 * @param parts further user-supplied parts
		 * @return {@code <prefix>:<feature>:<name>[:<part>...]:*} with glob characters
		 * escaped
		 */
		public String pattern(String name, String... parts) {
			return escapeGlob(key(name, parts)) + ":*";
		}

		private static String append(StringBuilder key, String... parts) {
			for (int i = 0; i < parts.length; i++) {
				checkPart("part[" + i + "]", parts[i]);
				key.append(':').append(parts[i]);
			}
			return key.toString();
		}

	}

	/**
	 * Return a value as it can stand in any key part, hash tags included: the value
	 * itself when it is acceptable and has no braces, else {@link #hashedPart(String)}.
	 * For parts taken from outside input (token ids, request keys) where rejecting the
	 * request would be wrong; the mapping is stable, so every instance finds the same
	 * key.
	 * @param value the outside value
	 * @return a usable key part
	 */
	public static String safePart(String value) {
		if (value.isEmpty() || value.length() > MAX_PART_LENGTH || value.startsWith(HASHED_PREFIX)) {
			return hashedPart(value);
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c) || c == '{' || c == '}') {
				return hashedPart(value);
			}
		}
		return value;
	}

	/**
	 * Return {@code #sha256:<hex>} of a value's UTF-8 bytes: a key part of fixed length
	 * for a value that cannot be one itself.
	 * @param value any value
	 * @return the hashed key part
	 */
	public static String hashedPart(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HASHED_PREFIX + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	static void checkPart(String partName, @Nullable String value) {
		if (value == null) {
			throw new InvalidKeyPartException(partName, "must not be null");
		}
		if (value.isEmpty()) {
			throw new InvalidKeyPartException(partName, "must not be empty");
		}
		if (value.length() > MAX_PART_LENGTH) {
			throw new InvalidKeyPartException(partName,
					"must be at most " + MAX_PART_LENGTH + " characters long (was " + value.length() + ")");
		}
		for (int i = 0; i < value.length(); i++) {
			if (Character.isISOControl(value.charAt(i))) {
				throw new InvalidKeyPartException(partName, "must not contain control characters (found U+"
						+ String.format("%04X", (int) value.charAt(i)) + " at index " + i + ")");
			}
		}
	}

	private static String printable(String value) {
		return (value.length() <= 64) ? value : value.substring(0, 64) + "...";
	}

	private static String escapeGlob(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 8);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
				escaped.append('\\');
			}
			escaped.append(c);
		}
		return escaped.toString();
	}

}
