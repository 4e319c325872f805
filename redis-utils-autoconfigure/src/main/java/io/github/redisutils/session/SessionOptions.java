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

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Per-session choices for {@link SessionStore#create(String, Map, SessionOptions)}.
 *
 * @param idleTimeout this session's idle timeout, or {@code null} for the store's
 * @param absoluteLifetime this session's absolute lifetime, or {@code null} for the
 * store's
 * @param metadata device and client information stored as plain strings beside the
 * session (see {@link #USER_AGENT}, {@link #IP_ADDRESS}, {@link #DEVICE}); not encrypted
 * by the codec, so keep secrets in attributes
 * @author redis-utils authors
 */
public record SessionOptions(@Nullable Duration idleTimeout, @Nullable Duration absoluteLifetime,
		Map<String, String> metadata) {

	/**
	 * Metadata key of the client's {@code User-Agent}.
	 */
	public static final String USER_AGENT = "userAgent";

	/**
	 * Metadata key of the client's IP address.
	 */
	public static final String IP_ADDRESS = "ipAddress";

	/**
	 * Metadata key of a device name chosen by the client or the user.
	 */
	public static final String DEVICE = "device";

	private static final SessionOptions DEFAULTS = new SessionOptions(null, null, Map.of());

	/**
	 * Create options, checking them and copying the metadata.
	 * @param idleTimeout this session's idle timeout, or {@code null}
	 * @param absoluteLifetime this session's absolute lifetime, or {@code null}
	 * @param metadata device and client information
	 */
	public SessionOptions {
		Assert.isTrue(idleTimeout == null || idleTimeout.toMillis() >= 1000, "'idleTimeout' must be at least 1s");
		Assert.isTrue(absoluteLifetime == null || absoluteLifetime.toMillis() >= 1000,
				"'absoluteLifetime' must be at least 1s");
		metadata.forEach((name, value) -> {
			Assert.hasText(name, "metadata names must not be empty");
			Assert.notNull(value, () -> "metadata '" + name + "' must not be null");
		});
		metadata = Map.copyOf(metadata);
	}

	/**
	 * Return options that take everything from the store.
	 * @return the default options
	 */
	public static SessionOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Return a copy with one more metadata entry.
	 * @param name the entry's name
	 * @param value its value
	 * @return the new options
	 */
	public SessionOptions withMetadata(String name, String value) {
		Map<String, String> copy = new LinkedHashMap<>(this.metadata);
		copy.put(name, value);
		return new SessionOptions(this.idleTimeout, this.absoluteLifetime, copy);
	}

	/**
	 * Return a copy with another idle timeout.
	 * @param idleTimeout the idle timeout
	 * @return the new options
	 */
	public SessionOptions withIdleTimeout(Duration idleTimeout) {
		return new SessionOptions(idleTimeout, this.absoluteLifetime, this.metadata);
	}

	/**
	 * Return a copy with another absolute lifetime.
	 * @param absoluteLifetime the absolute lifetime
	 * @return the new options
	 */
	public SessionOptions withAbsoluteLifetime(Duration absoluteLifetime) {
		return new SessionOptions(this.idleTimeout, absoluteLifetime, this.metadata);
	}

}
