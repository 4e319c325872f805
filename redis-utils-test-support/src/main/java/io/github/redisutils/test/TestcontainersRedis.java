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

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Redis in a Docker container. Testcontainers is an optional dependency, so its types
 * appear only in the nested {@link Docker} class, which is loaded only once
 * {@link #isPresent()} said that Testcontainers is on the class path.
 */
final class TestcontainersRedis {

	static final String IMAGE = "redis:7";

	private static final String DOCKER_CLIENT_FACTORY = "org.testcontainers.DockerClientFactory";

	private TestcontainersRedis() {
	}

	static boolean isPresent() {
		try {
			Class.forName(DOCKER_CLIENT_FACTORY, false, TestcontainersRedis.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * Whether Testcontainers is on the class path and a Docker engine answers.
	 * @return whether a container can be started
	 */
	static boolean isDockerAvailable() {
		if (!isPresent()) {
			return false;
		}
		try {
			return Docker.isAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * Starts {@code redis:7}, stopped when the JVM exits.
	 * @return the server
	 */
	static StandaloneRedis start() {
		return Docker.start();
	}

	private static final class Docker {

		private static final int REDIS_PORT = 6379;

		static boolean isAvailable() {
			return DockerClientFactory.instance().isDockerAvailable();
		}

		static StandaloneRedis start() {
			GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
				.withExposedPorts(REDIS_PORT);
			container.start();
			AutoCloseable owned = container::stop;
			Cleanup.register(owned);
			HostPort address = new HostPort(container.getHost(), container.getMappedPort(REDIS_PORT));
			return StandaloneRedis.started(address, "testcontainers " + IMAGE, owned);
		}

	}

}
