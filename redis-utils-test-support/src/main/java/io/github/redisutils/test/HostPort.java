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

package io.github.redisutils.test;

import java.util.Objects;

/**
 * A host and a port at which a Redis server (or Sentinel) answers.
 *
 * @param host the host name or IP address, for servers started by this module always
 * {@code 127.0.0.1}
 * @param port the TCP port
 */
public record HostPort(String host, int port) {

	static final String LOOPBACK = "127.0.0.1";

	/**
	 * Creates a new instance.
	 * @param host the host name or IP address
	 * @param port the TCP port, between 1 and 65535
	 */
	public HostPort {
		Objects.requireNonNull(host, "host must not be null");
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("port must be between 1 and 65535 but was " + port);
		}
	}

	static HostPort loopback(int port) {
		return new HostPort(LOOPBACK, port);
	}

	/**
	 * Returns {@code host:port}, the form Spring Boot's {@code nodes} properties expect.
	 * @return {@code host:port}
	 */
	@Override
	public String toString() {
		return this.host + ":" + this.port;
	}

}
