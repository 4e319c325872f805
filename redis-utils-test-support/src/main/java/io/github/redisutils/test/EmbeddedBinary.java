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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The {@code redis-server} executables that {@code com.github.codemonstur:embedded-redis}
 * ships at the root of its jar. Only the executables are used, not that library's API, so
 * an embedded server is started exactly like one found on the {@code PATH} and can form a
 * Cluster or run as a Sentinel too.
 */
final class EmbeddedBinary {

	private static final Pattern VERSION = Pattern.compile("redis-server-(\\d+(?:\\.\\d+)+)");

	private static final Lazy<Optional<RedisBinary>> extracted = new Lazy<>(
			() -> Optional.ofNullable(extract(platform())));

	private EmbeddedBinary() {
	}

	/**
	 * Extracts, once per JVM, the executable for this operating system and architecture.
	 * @return the binary, or {@code null} if there is none for this platform
	 */
	static @Nullable RedisBinary extract() {
		return extracted.get().orElse(null);
	}

	static String platform() {
		return System.getProperty("os.name", "?") + "/" + System.getProperty("os.arch", "?");
	}

	/**
	 * Returns the name of the jar entry for an {@code os.name}/{@code os.arch} pair.
	 * @param platform the platform as returned by {@link #platform()}
	 * @return the entry name or {@code null}
	 */
	static @Nullable String resourceName(String platform) {
		String[] parts = platform.toLowerCase(Locale.ROOT).split("/", 2);
		String os = parts[0];
		String arch = (parts.length > 1) ? parts[1] : "";
		boolean amd64 = arch.equals("amd64") || arch.equals("x86_64");
		boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
		boolean x86 = arch.equals("x86") || arch.equals("i386") || arch.equals("i686");
		if (os.contains("linux")) {
			return amd64 ? "redis-server-6.2.6-v5-linux-amd64"
					: arm64 ? "redis-server-6.2.7-linux-arm64" : x86 ? "redis-server-6.2.7-linux-386" : null;
		}
		if (os.contains("mac") || os.contains("darwin")) {
			return amd64 ? "redis-server-6.2.6-v5-darwin-amd64" : arm64 ? "redis-server-6.2.6-v5-darwin-arm64" : null;
		}
		if (os.startsWith("windows")) {
			return amd64 ? "redis-server-5.0.14.1-windows-amd64.exe" : null;
		}
		return null;
	}

	/**
	 * Returns the Redis version in an entry name, {@code 6.2.6} for
	 * {@code redis-server-6.2.6-v5-linux-amd64}.
	 * @param resourceName the entry name
	 * @return the version
	 */
	static String version(String resourceName) {
		Matcher matcher = VERSION.matcher(resourceName);
		return matcher.find() ? matcher.group(1) : resourceName;
	}

	private static @Nullable RedisBinary extract(String platform) {
		String name = resourceName(platform);
		if (name == null) {
			return null;
		}
		ClassLoader classLoader = EmbeddedBinary.class.getClassLoader();
		try (InputStream input = classLoader.getResourceAsStream(name)) {
			if (input == null) {
				return null;
			}
			Path file = Cleanup.createTempDirectory("redis-utils-binary-").resolve(name);
			Files.copy(input, file, StandardCopyOption.REPLACE_EXISTING);
			if (!file.toFile().setExecutable(true, true)) {
				throw new IllegalStateException("Could not make " + file + " executable");
			}
			return new RedisBinary(file, "embedded binary " + version(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not extract " + name + " from the embedded-redis jar", ex);
		}
	}

}
