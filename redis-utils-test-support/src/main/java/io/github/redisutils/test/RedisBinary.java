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

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A {@code redis-server} executable that this module can start: one found on the
 * {@code PATH}, else the one shipped in {@code com.github.codemonstur:embedded-redis}.
 *
 * @param path the executable
 * @param description how it was found, for example
 * {@code redis-server on PATH (/usr/bin/redis-server)} or {@code embedded binary 6.2.6}
 */
record RedisBinary(Path path, String description) {

	private static final Lazy<RedisBinary> system = new Lazy<>(() -> locate(System::getenv));

	/**
	 * Returns the binary for this JVM, located once.
	 * @return the binary
	 * @throws IllegalStateException if there is none
	 */
	static RedisBinary system() {
		return system.get();
	}

	/**
	 * Returns the {@code redis-server} on the {@code PATH}, else the embedded one.
	 * @param environment the environment variables
	 * @return the binary
	 * @throws IllegalStateException if there is none
	 */
	static RedisBinary locate(Function<String, @Nullable String> environment) {
		RedisBinary binary = onPath(environment.apply("PATH"));
		if (binary == null) {
			binary = EmbeddedBinary.extract();
		}
		if (binary == null) {
			throw new IllegalStateException("No redis-server binary available: there is none on the PATH and "
					+ "com.github.codemonstur:embedded-redis has none for " + EmbeddedBinary.platform()
					+ ". Install redis-server (for example 'apt-get install redis-server' or 'brew install redis') "
					+ "or, for standalone tests only, set REDIS_URL.");
		}
		return binary;
	}

	/**
	 * Returns the first executable {@code redis-server} on the given search path.
	 * @param searchPath the value of the {@code PATH} environment variable
	 * @return the binary or {@code null}
	 */
	static @Nullable RedisBinary onPath(@Nullable String searchPath) {
		if (searchPath == null || searchPath.isBlank()) {
			return null;
		}
		String name = isWindows() ? "redis-server.exe" : "redis-server";
		for (String entry : searchPath.split(File.pathSeparator)) {
			if (entry.isBlank()) {
				continue;
			}
			try {
				Path candidate = Path.of(entry, name);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return new RedisBinary(candidate.toAbsolutePath(),
							"redis-server on PATH (" + candidate.toAbsolutePath() + ")");
				}
			}
			catch (InvalidPathException ex) {
				// A malformed PATH entry cannot hold the binary; look at the next one.
			}
		}
		return null;
	}

	private static boolean isWindows() {
		return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
	}

}
