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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StandaloneRedisFactory}: which source wins.
 */
class StandaloneRedisFactoryTests {

	private static final BooleanSupplier DOCKER_MUST_NOT_BE_ASKED = () -> {
		throw new AssertionError("Docker must not be asked when an earlier source has a server");
	};

	@TempDir
	Path temp;

	@Test
	void redisUrlIsUsedAsIsWithoutStartingAServer() {
		StandaloneRedis shared = RedisServers.standalone();
		String url = shared.url();
		StandaloneRedis redis = create(Map.of("REDIS_URL", url, "PATH", this.temp.toString()),
				DOCKER_MUST_NOT_BE_ASKED);
		assertThat(redis.source()).isEqualTo("REDIS_URL");
		assertThat(redis.address()).isEqualTo(shared.address());
		assertThat(redis.url()).isEqualTo(url);
		assertThat(redis.springProperties()).containsExactly("spring.data.redis.url=" + url);
		TestClients.call(shared.url(), (commands) -> commands.set("factory-tests:via-url", "yes"));
		assertThat(TestClients.get(redis.url(), "factory-tests:via-url")).isEqualTo("yes");
	}

	@Test
	void aRedisServerOnThePathComesBeforeDockerAndTheEmbeddedBinary() throws IOException {
		Path onPath = Files.createSymbolicLink(this.temp.resolve("redis-server"), RedisBinary.system().path());
		StandaloneRedis redis = create(Map.of("PATH", this.temp.toString()), DOCKER_MUST_NOT_BE_ASKED);
		try {
			assertThat(redis.source()).isEqualTo("redis-server on PATH (" + onPath + ")");
			assertThat(redis.host()).isEqualTo("127.0.0.1");
			assertThat(TestClients.ping(redis.url())).isEqualTo("PONG");
		}
		finally {
			redis.close();
			// Left in place, JUnit would warn about deleting a link to outside its
			// directory.
			Files.delete(onPath);
		}
	}

	@Test
	void theEmbeddedBinaryIsUsedWhenThereIsNoBinaryOnThePathAndNoDocker() {
		AtomicBoolean dockerAsked = new AtomicBoolean();
		StandaloneRedis redis = create(Map.of("PATH", this.temp.toString()), () -> {
			dockerAsked.set(true);
			return false;
		});
		try {
			assertThat(dockerAsked).isTrue();
			assertThat(redis.source()).startsWith("embedded binary ");
			TestClients.call(redis.url(), (commands) -> commands.set("key", "embedded"));
			assertThat(TestClients.get(redis.url(), "key")).isEqualTo("embedded");
		}
		finally {
			redis.close();
		}
	}

	@Test
	void aStoppedServerNoLongerAnswers() {
		StandaloneRedis redis = StandaloneRedisFactory.start(RedisBinary.system());
		redis.close();
		assertThat(FreePorts.isFree(redis.port())).isTrue();
	}

	private StandaloneRedis create(Map<String, String> environment, BooleanSupplier dockerAvailable) {
		return new StandaloneRedisFactory(environment::get, dockerAvailable).create();
	}

}
