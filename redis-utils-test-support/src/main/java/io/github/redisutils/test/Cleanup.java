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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.stream.Stream;

/**
 * Releases what this module started (processes, containers, temporary directories) when
 * the JVM exits, most recently registered first, so that processes stop before their
 * directories are deleted.
 */
final class Cleanup {

	private static final Deque<AutoCloseable> resources = new ConcurrentLinkedDeque<>();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::closeAll, "redis-utils-test-cleanup"));
	}

	private Cleanup() {
	}

	static void register(AutoCloseable resource) {
		resources.addFirst(resource);
	}

	static void unregister(AutoCloseable resource) {
		resources.remove(resource);
	}

	/**
	 * Creates a temporary directory that is deleted when the JVM exits.
	 * @param prefix the prefix of the directory name
	 * @return the directory
	 */
	static Path createTempDirectory(String prefix) {
		try {
			Path directory = Files.createTempDirectory(prefix);
			register(() -> deleteRecursively(directory));
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a temporary directory", ex);
		}
	}

	static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(Cleanup::deleteQuietly);
		}
		catch (IOException ex) {
			// Best effort: a left-over temporary directory must not fail a test run.
		}
	}

	static void closeQuietly(AutoCloseable resource) {
		try {
			resource.close();
		}
		catch (Exception ex) {
			// Best effort: one resource that fails to close must not keep the others.
		}
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			// Best effort, see deleteRecursively.
		}
	}

	private static void closeAll() {
		AutoCloseable resource;
		while ((resource = resources.pollFirst()) != null) {
			closeQuietly(resource);
		}
	}

}
