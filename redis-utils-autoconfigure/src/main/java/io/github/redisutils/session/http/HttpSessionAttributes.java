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
package io.github.redisutils.session.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * How HTTP session attributes, whose types only the application knows, are turned into
 * values the session store's codec writes, and back. Spring Session hands over and asks
 * for {@code Object}s, so each attribute is stored with its class name beside its JSON
 * ({@link StoredAttribute}), and nested values of non-final types carry theirs (Jackson's
 * default typing, as Spring Session's own Jackson support does).
 * <p>
 * Reading a class name from Redis and instantiating it is what deserialization attacks
 * exploit, so only classes of trusted packages are written or read: {@code java.lang},
 * {@code java.util}, {@code java.time}, {@code java.math}, {@code java.net}, Spring
 * Security (with its Jackson modules, for the {@code SecurityContext}) and the packages
 * given, by default the application's own. Anything else is refused when it is set, so a
 * mistake shows in development, not as an attribute missing after the next request. Never
 * JDK serialization.
 *
 * @author redis-utils authors
 */
public final class HttpSessionAttributes {

	/**
	 * The property that lists the packages whose classes may be stored.
	 */
	public static final String TRUSTED_PACKAGES_PROPERTY = "redis.session.http.trusted-packages";

	private static final List<String> ALWAYS_TRUSTED = List.of("java.lang", "java.util", "java.time", "java.math",
			"java.net", "org.springframework.security");

	private static final String SECURITY_MODULES = "org.springframework.security.jackson.SecurityJacksonModules";

	private static final Pattern PACKAGE = Pattern.compile(
			"\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

	private final JsonMapper mapper;

	private final List<String> trustedPrefixes;

	private final @Nullable ClassLoader classLoader;

	private HttpSessionAttributes(JsonMapper mapper, List<String> trustedPrefixes, @Nullable ClassLoader classLoader) {
		this.mapper = mapper;
		this.trustedPrefixes = trustedPrefixes;
		this.classLoader = classLoader;
	}

	/**
	 * Create the attribute mapping.
	 * @param trustedPackages packages, besides the always trusted ones, whose classes
	 * (and their subpackages' classes) may be stored
	 * @param classLoader where attribute classes are loaded from
	 * @param customizer tunes the mapper, for example with the modules the application
	 * needs for its attribute types
	 * @return the mapping
	 * @throws IllegalArgumentException if a package name is not acceptable
	 * ({@link #problem(String)})
	 */
	public static HttpSessionAttributes create(Collection<String> trustedPackages, @Nullable ClassLoader classLoader,
			Consumer<JsonMapper.Builder> customizer) {
		Set<String> packages = new LinkedHashSet<>(ALWAYS_TRUSTED);
		for (String trusted : trustedPackages) {
			String problem = problem(trusted);
			Assert.isTrue(problem == null, () -> "'" + trusted + "' in " + TRUSTED_PACKAGES_PROPERTY + " " + problem);
			packages.add(trusted);
		}
		List<String> prefixes = packages.stream().map((name) -> name + ".").toList();
		BasicPolymorphicTypeValidator.Builder validator = BasicPolymorphicTypeValidator.builder();
		prefixes.forEach(validator::allowIfSubType);
		validator.allowIfSubTypeIsArray();
		JsonMapper.Builder builder = JsonMapper.builder();
		customizer.accept(builder);
		if (ClassUtils.isPresent(SECURITY_MODULES, classLoader)) {
			// Spring Security's modules add their types to the validator and turn on
			// default typing with it.
			builder.addModules(SecurityModules.modules(classLoader, validator));
		}
		else {
			builder.activateDefaultTyping(validator.build(), DefaultTyping.NON_FINAL, JsonTypeInfo.As.PROPERTY);
		}
		return new HttpSessionAttributes(builder.build(), List.copyOf(prefixes), classLoader);
	}

	/**
	 * Check a trusted package name.
	 * @param packageName the name
	 * @return what is wrong with it, or {@code null} if it is acceptable
	 */
	public static @Nullable String problem(@Nullable String packageName) {
		if (packageName == null || packageName.isBlank()) {
			return "must not be empty";
		}
		if (!PACKAGE.matcher(packageName).matches()) {
			return "is not a package name (no wildcards: a package trusts its subpackages)";
		}
		if (!packageName.contains(".")) {
			return "is a top-level package, which would trust far too much: name the application's packages";
		}
		return null;
	}

	/**
	 * Turn an attribute into what is stored, refusing a class that is not trusted.
	 * @param name the attribute's name, for the error message
	 * @param value the value
	 * @return what the codec writes
	 * @throws IllegalArgumentException if the value's class is not trusted or cannot be
	 * written as JSON
	 */
	public StoredAttribute write(String name, Object value) {
		String type = value.getClass().getName();
		if (!isTrusted(type)) {
			throw new IllegalArgumentException("Session attribute '" + name + "' is a " + type
					+ ", which is in no trusted package: add its package to " + TRUSTED_PACKAGES_PROPERTY);
		}
		try {
			return new StoredAttribute(type, this.mapper.writeValueAsString(value));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Session attribute '" + name + "' (" + type
					+ ") cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Turn what is stored back into the attribute.
	 * @param name the attribute's name, for the error message
	 * @param stored what was stored
	 * @return the value
	 * @throws IllegalStateException if the stored class is not trusted, not on the class
	 * path, or the JSON does not fit it
	 */
	public Object read(String name, StoredAttribute stored) {
		if (!isTrusted(stored.type())) {
			throw new IllegalStateException("Session attribute '" + name + "' is stored as a " + stored.type()
					+ ", which is in no trusted package (" + TRUSTED_PACKAGES_PROPERTY + ")");
		}
		try {
			Class<?> type = ClassUtils.forName(stored.type(), this.classLoader);
			Object value = this.mapper.readValue(stored.json(), type);
			if (value == null) {
				throw new IllegalStateException("Session attribute '" + name + "' is stored as null");
			}
			return value;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new IllegalStateException("Session attribute '" + name + "' is stored as a " + stored.type()
					+ ", which is not on the class path", ex);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("Session attribute '" + name + "' cannot be read as a " + stored.type()
					+ ": " + ex.getOriginalMessage(), ex);
		}
	}

	private boolean isTrusted(String type) {
		for (String prefix : this.trustedPrefixes) {
			if (type.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * An attribute as the session store's codec writes it.
	 *
	 * @param type the attribute's class name
	 * @param json its JSON, nested values of non-final types with their type ids; kept as
	 * text, not as a tree, so that the codec's own mapper never reinterprets it (a
	 * {@code BigDecimal}'s scale, say)
	 */
	public record StoredAttribute(String type, String json) {

	}

	/**
	 * Spring Security's Jackson modules, in a class of their own so that this class loads
	 * without Spring Security.
	 */
	private static final class SecurityModules {

		static List<tools.jackson.databind.JacksonModule> modules(@Nullable ClassLoader classLoader,
				BasicPolymorphicTypeValidator.Builder validator) {
			return new ArrayList<>(org.springframework.security.jackson.SecurityJacksonModules.getModules(
					(classLoader != null) ? classLoader : HttpSessionAttributes.class.getClassLoader(), validator));
		}

	}

}
