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

import java.util.function.BiConsumer;
import java.util.function.Supplier;

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
	 * Hands the {@link #springProperties() Spring Boot properties} of the server to a
	 * registry, in the shape of Spring's {@code DynamicPropertyRegistry.add}, so that a
	 * {@code @SpringBootTest} can point at the server: <pre class="code">
	 * &#64;DynamicPropertySource
	 * static void redis(DynamicPropertyRegistry registry) {
	 *     RedisServers.standalone().springProperties(registry::add);
	 * }
	 * </pre>
	 * @param registry receives each property name and a supplier of its value
	 */
	default void springProperties(BiConsumer<String, Supplier<Object>> registry) {
		register(springProperties(), registry);
	}

	/**
	 * Hands {@code name=value} properties to a registry in the shape of Spring's
	 * {@code DynamicPropertyRegistry.add}.
	 * @param properties the properties
	 * @param registry receives each property name and a supplier of its value
	 */
	static void register(String[] properties, BiConsumer<String, Supplier<Object>> registry) {
		for (String property : properties) {
			int equals = property.indexOf('=');
			String value = property.substring(equals + 1);
			registry.accept(property.substring(0, equals), () -> value);
		}
	}

	/**
	 * Removes every key from every database of the server ({@code FLUSHALL}).
	 */
	void flushAll();

}
