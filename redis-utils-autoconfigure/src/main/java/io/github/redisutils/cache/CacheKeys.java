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
package io.github.redisutils.cache;

import java.util.UUID;
import java.util.function.Function;

import io.github.redisutils.core.InvalidKeyPartException;
import io.github.redisutils.core.RedisKeys;

import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.util.ReflectionUtils;

/**
 * Turns the keys of one Spring cache into Redis keys,
 * {@code <prefix>:cache:<keyName>:<key>}, with the single-flight marker at
 * {@code <prefix>:cache:<keyName>:<key>:~loading}.
 * <p>
 * Keys become strings as in Spring Data Redis's {@code RedisCache}: strings as they are,
 * {@link SimpleKey}, numbers, enums and other types through {@code toString()}, which
 * they must override. A key string that cannot be part of a Redis key (over 512
 * characters, or holding control characters, as a key built from request input may) is
 * replaced by {@code #sha256:<hex>} of it rather than failing the call.
 *
 * @author redis-utils authors
 */
final class CacheKeys {

	static final String MARKER = "~loading";

	private final RedisKeys.FeatureKeys keys;

	private final String keyName;

	CacheKeys(RedisKeys.FeatureKeys keys, String keyName) {
		this.keys = keys;
		this.keyName = keyName;
	}

	EntryLocation location(Object key) {
		return withSafeKey(asString(key), (part) -> new EntryLocation(this.keys.key(this.keyName, part),
				this.keys.key(this.keyName, part, MARKER), null));
	}

	/**
	 * The one rule for cache keys, of the Spring caches and of {@link CacheStore} alike:
	 * a key that cannot be part of a Redis key (empty, over 512 characters, or holding
	 * control characters, as a key built from request input may) is replaced by
	 * {@code #sha256:<hex>} of it rather than failing the call.
	 * @param key the cache key
	 * @param build builds the entry's location from a key part
	 * @return the location
	 */
	static EntryLocation withSafeKey(String key, Function<String, EntryLocation> build) {
		try {
			return build.apply(key);
		}
		catch (InvalidKeyPartException ex) {
			// A part that was wrong for another reason (a namespace) fails again, naming
			// it.
			return build.apply(RedisKeys.hashedPart(key));
		}
	}

	String pattern() {
		return this.keys.pattern(this.keyName);
	}

	static String asString(Object key) {
		if (key instanceof String text) {
			return text;
		}
		if (key instanceof SimpleKey || key instanceof Number || key instanceof Boolean || key instanceof Character
				|| key instanceof UUID) {
			return key.toString();
		}
		if (key instanceof Enum<?> constant) {
			return constant.name();
		}
		if (ReflectionUtils.findMethod(key.getClass(), "toString").getDeclaringClass() == Object.class) {
			throw new IllegalStateException("Cannot turn cache key of type " + key.getClass().getName()
					+ " into a Redis key: make it override toString() or use a key expression");
		}
		return key.toString();
	}

}
