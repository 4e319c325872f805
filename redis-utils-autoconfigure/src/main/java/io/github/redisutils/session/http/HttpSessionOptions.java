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

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Settings of the HTTP session repository.
 *
 * @param defaultMaxInactiveInterval the idle timeout of new sessions (Boot's
 * {@code spring.session.timeout} or {@code server.servlet.session.timeout}), at least 1s
 * @param absoluteLifetime how long a session lives however active it is (the store's
 * absolute lifetime); a session that logs in starts a new one
 * @param touchInterval the least time between two writes of a session's last access: a
 * request within it that changes nothing writes nothing
 * @param outagePolicy what requests get while Redis cannot be reached
 * @author redis-utils authors
 */
public record HttpSessionOptions(Duration defaultMaxInactiveInterval, Duration absoluteLifetime, Duration touchInterval,
		HttpSessionOutagePolicy outagePolicy) {

	/**
	 * Create options, checking them.
	 * @param defaultMaxInactiveInterval the idle timeout of new sessions
	 * @param absoluteLifetime the absolute lifetime of sessions
	 * @param touchInterval the least time between two writes of the last access
	 * @param outagePolicy what requests get while Redis cannot be reached
	 */
	public HttpSessionOptions {
		Assert.isTrue(defaultMaxInactiveInterval.toMillis() >= 1000,
				"'defaultMaxInactiveInterval' must be at least 1s");
		Assert.isTrue(absoluteLifetime.toMillis() >= 1000, "'absoluteLifetime' must be at least 1s");
		Assert.isTrue(!touchInterval.isNegative(), "'touchInterval' must not be negative");
		Assert.notNull(outagePolicy, "'outagePolicy' must not be null");
	}

}
