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
package io.github.redisutils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import io.github.redisutils.core.RedisKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's packages hold no Spring Boot type: only {@code autoconfigure} and
 * {@code actuate} may refer to one. The compiled classes are read directly: a class that
 * refers to a type names it in its constant pool, in the internal form
 * {@code org/springframework/boot/...}.
 *
 * @author redis-utils authors
 */
class FeaturePackagesTests {

	private static final byte[] SPRING_BOOT = "org/springframework/boot/".getBytes(StandardCharsets.UTF_8);

	private static final List<String> BOOT_PACKAGES = List.of("autoconfigure", "actuate");

	@Test
	void featurePackagesReferToNoSpringBootType() throws Exception {
		Path root = Paths.get(RedisKeys.class.getProtectionDomain().getCodeSource().getLocation().toURI())
			.resolve("io/github/redisutils");
		List<Path> classes;
		try (Stream<Path> files = Files.walk(root)) {
			classes = files.filter((file) -> file.toString().endsWith(".class"))
				.filter((file) -> !BOOT_PACKAGES.contains(root.relativize(file).getName(0).toString()))
				.toList();
		}
		assertThat(classes).as("library classes under " + root).hasSizeGreaterThan(100);
		assertThat(classes.stream().filter(FeaturePackagesTests::refersToSpringBoot).map(root::relativize)).isEmpty();
	}

	@Test
	void theScanSeesSpringBootReferencesWhereTheyAre() throws Exception {
		Path root = Paths.get(RedisKeys.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		assertThat(refersToSpringBoot(root.resolve("io/github/redisutils/actuate/RedisHealthContributor.class")))
			.isTrue();
	}

	private static boolean refersToSpringBoot(Path file) {
		try {
			byte[] bytes = Files.readAllBytes(file);
			return indexOf(bytes, SPRING_BOOT) >= 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int indexOf(byte[] bytes, byte[] part) {
		outer: for (int i = 0; i <= bytes.length - part.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (bytes[i + j] != part[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
