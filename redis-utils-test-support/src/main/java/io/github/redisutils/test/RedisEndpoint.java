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

/**
 * A single Redis server that a test can talk to, shared by {@link StandaloneRedis} and
 * {@link DedicatedRedis}.
 */
public interface RedisEndpoint {

	/**
	 * Returns the host the server answers on.
	 * @return the host
	 */
	String host();

	/**
	 * Returns the port the server answers on.
	 * @return the port
	 */
	int port();

	/**
	 * Returns the host and port the server answers on.
	 * @return the address
	 */
	default HostPort address() {
		return new HostPort(host(), port());
	}

	/**
	 * Returns a Redis URI for the server, {@code redis://host:port} for servers started
	 * by this module.
	 * @return the URI
	 */
	String url();

	/**
	 * Returns Spring Boot properties that point {@code spring.data.redis} at the server,
	 * in the {@code name=value} form that
	 * {@code ApplicationContextRunner.withPropertyValues} and
	 * {@code @SpringBootTest(properties = ...)} accept.
	 * @return the properties
	 */
	String[] springProperties();

	/**
	 * Removes every key from every database of the server ({@code FLUSHALL}).
	 */
	void flushAll();

}
