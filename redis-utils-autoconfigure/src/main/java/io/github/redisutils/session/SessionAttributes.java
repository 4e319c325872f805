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
package io.github.redisutils.session;

import java.util.Collections;
import java.util.Map;
import java.util.Set;

import io.github.redisutils.core.codec.ValueCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;

/**
 * A session's attributes as read from Redis, decoded on demand into the type the caller
 * asks for (values are never decoded with type information taken from the stored bytes).
 * Immutable.
 *
 * @author redis-utils authors
 */
public final class SessionAttributes {

	private final Map<String, byte[]> encoded;

	private final ValueCodec codec;

	SessionAttributes(Map<String, byte[]> encoded, ValueCodec codec) {
		this.encoded = Collections.unmodifiableMap(encoded);
		this.codec = codec;
	}

	/**
	 * Return the names of the attributes.
	 * @return the names, unmodifiable
	 */
	public Set<String> names() {
		return this.encoded.keySet();
	}

	/**
	 * Whether an attribute is present.
	 * @param name the attribute's name
	 * @return {@code true} if the session has it
	 */
	public boolean contains(String name) {
		return this.encoded.containsKey(name);
	}

	/**
	 * Decode an attribute.
	 * @param <T> the attribute's type
	 * @param name the attribute's name
	 * @param type the type to read it as
	 * @return the value, or {@code null} if the session has no such attribute
	 * @throws io.github.redisutils.core.codec.ValueDecodingException if the stored value
	 * cannot be read as the type
	 */
	public <T> @Nullable T get(String name, Class<T> type) {
		byte[] bytes = this.encoded.get(name);
		return (bytes != null) ? this.codec.decode(bytes, type) : null;
	}

	/**
	 * Decode an attribute of a generic type, such as {@code List<String>}.
	 * @param <T> the attribute's type
	 * @param name the attribute's name
	 * @param type the type to read it as
	 * @return the value, or {@code null} if the session has no such attribute
	 * @throws io.github.redisutils.core.codec.ValueDecodingException if the stored value
	 * cannot be read as the type
	 */
	public <T> @Nullable T get(String name, ParameterizedTypeReference<T> type) {
		byte[] bytes = this.encoded.get(name);
		return (bytes != null) ? this.codec.decode(bytes, type) : null;
	}

	/**
	 * Return the number of attributes.
	 * @return the size
	 */
	public int size() {
		return this.encoded.size();
	}

	@Override
	public String toString() {
		return "SessionAttributes" + names();
	}

}
