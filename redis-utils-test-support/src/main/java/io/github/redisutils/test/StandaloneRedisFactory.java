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

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Obtains a standalone Redis from the first source that has one: {@code REDIS_URL}, a
 * {@code redis-server} on the {@code PATH}, Testcontainers when a Docker engine answers,
 * the embedded binary.
 */
final class StandaloneRedisFactory {

	static final String REDIS_URL = "REDIS_URL";

	private final Function<String, @Nullable String> environment;

	private final BooleanSupplier dockerAvailable;

	/**
	 * Creates a factory.
	 * @param environment the environment variables ({@code REDIS_URL}, {@code PATH})
	 * @param dockerAvailable whether a Docker engine answers, asked only when neither
	 * {@code REDIS_URL} nor a binary on the {@code PATH} is there, as it may take a while
	 */
	StandaloneRedisFactory(Function<String, @Nullable String> environment, BooleanSupplier dockerAvailable) {
		this.environment = environment;
		this.dockerAvailable = dockerAvailable;
	}

	static StandaloneRedisFactory fromSystem() {
		return new StandaloneRedisFactory(System::getenv, TestcontainersRedis::isDockerAvailable);
	}

	StandaloneRedis create() {
		String url = this.environment.apply(REDIS_URL);
		if (url != null && !url.isBlank()) {
			return StandaloneRedis.fromUrl(url.trim(), REDIS_URL);
		}
		RedisBinary onPath = RedisBinary.onPath(this.environment.apply("PATH"));
		if (onPath != null) {
			return start(onPath);
		}
		if (this.dockerAvailable.getAsBoolean()) {
			return TestcontainersRedis.start();
		}
		return start(RedisBinary.locate(this.environment));
	}

	/**
	 * Starts a server process on a free port.
	 * @param binary the executable
	 * @return the server, stopped when the JVM exits
	 */
	static StandaloneRedis start(RedisBinary binary) {
		return start(binary, null);
	}

	/**
	 * Starts a server process on a free port, with TLS only if {@code tls} is given.
	 * @param binary the executable
	 * @param tls the certificates, or {@code null} for plain TCP
	 * @return the server, stopped when the JVM exits
	 */
	static StandaloneRedis start(RedisBinary binary, @Nullable TlsCertificates tls) {
		Path directory = Cleanup.createTempDirectory("redis-utils-standalone-");
		RedisProcess process = RedisProcess.startOnFreePort(FreePorts::next,
				(port) -> RedisProcess.server(binary, port, directory, tls));
		AutoCloseable owned = () -> {
			process.close();
			Cleanup.deleteRecursively(directory);
		};
		Cleanup.register(owned);
		return StandaloneRedis.started(process.address(), binary.description(), owned, tls);
	}

}
