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
package io.github.redisutils.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsEmbeddedAutoConfiguration;
import io.github.redisutils.test.RedisServers;
import io.github.redisutils.test.StandaloneRedis;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EmbeddedRedisServer} and its auto-configuration, with the binary
 * shipped by {@code com.github.codemonstur:embedded-redis}.
 *
 * @author redis-utils authors
 */
class EmbeddedRedisServerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				RedisUtilsEmbeddedAutoConfiguration.class, RedisUtilsAutoConfiguration.class))
		.withPropertyValues("redis.embedded.enabled=true");

	@Test
	void startsWhenNothingListensAndStopsWithTheContext() throws IOException {
		int port = freePort();
		this.contextRunner.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + port)
			.run((context) -> {
				assertThat(context.getBean(EmbeddedRedisServer.class).isStarted()).isTrue();
				try (RedisConnection connection = context.getBean(RedisConnectionFactory.class).getConnection()) {
					assertThat(connection.ping()).isEqualTo("PONG");
				}
			});
		assertThat(isListening(port)).isFalse();
	}

	@Test
	void requiresThePasswordTheApplicationSends() throws IOException {
		int port = freePort();
		this.contextRunner
			.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + port,
					"spring.data.redis.password=s3cret")
			.run((context) -> {
				try (RedisConnection connection = context.getBean(RedisConnectionFactory.class).getConnection()) {
					assertThat(connection.ping()).isEqualTo("PONG");
				}
			});
	}

	@Test
	void usesTheServerThatAlreadyListens() {
		StandaloneRedis redis = RedisServers.standalone();
		this.contextRunner
			.withPropertyValues("spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port())
			.run((context) -> {
				assertThat(context.getBean(EmbeddedRedisServer.class).isStarted()).isFalse();
				try (RedisConnection connection = context.getBean(RedisConnectionFactory.class).getConnection()) {
					assertThat(connection.ping()).isEqualTo("PONG");
				}
			});
		assertThat(isListening(redis.port())).isTrue();
	}

	@Test
	void anythingListeningAtTheAddressIsLeftToServe() throws IOException {
		try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			// Something listens, so the embedded server is not started and the
			// application uses it.
			this.contextRunner
				.withPropertyValues("spring.data.redis.host=127.0.0.1",
						"spring.data.redis.port=" + squatter.getLocalPort())
				.run((context) -> assertThat(context.getBean(EmbeddedRedisServer.class).isStarted()).isFalse());
		}
	}

	@Test
	void remoteHostIsLeftAloneWithoutAnyNetworkProbe() {
		EmbeddedRedisServer server = new EmbeddedRedisServer("10.1.2.3", 6379, null);
		server.afterPropertiesSet();
		assertThat(server.isStarted()).isFalse();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
