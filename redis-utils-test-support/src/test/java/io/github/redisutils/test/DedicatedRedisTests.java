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

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DedicatedRedis}.
 */
class DedicatedRedisTests {

	private final DedicatedRedis redis = RedisServers.dedicated();

	@AfterEach
	void closeRedis() {
		this.redis.close();
	}

	@Test
	void aNewServerRunsOnALoopbackPort() {
		assertThat(this.redis.isRunning()).isTrue();
		assertThat(this.redis.host()).isEqualTo("127.0.0.1");
		assertThat(this.redis.url()).isEqualTo("redis://127.0.0.1:" + this.redis.port());
		assertThat(this.redis.springProperties()).containsExactly("spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + this.redis.port());
		assertThat(TestClients.ping(this.redis.url())).isEqualTo("PONG");
	}

	@Test
	void eachCallStartsAnotherServer() {
		try (DedicatedRedis other = RedisServers.dedicated()) {
			assertThat(other.port()).isNotEqualTo(this.redis.port());
			assertThat(RedisServers.standalone().address()).isNotEqualTo(other.address());
		}
	}

	@Test
	void stopMakesOpenAndNewConnectionsFail() {
		RedisClient client = TestClients.client();
		try (StatefulRedisConnection<String, String> connection = client.connect(RedisURI.create(this.redis.url()))) {
			assertThat(connection.sync().ping()).isEqualTo("PONG");
			this.redis.stop();
			assertThat(this.redis.isRunning()).isFalse();
			assertThatExceptionOfType(RedisException.class).isThrownBy(() -> connection.sync().ping());
			assertThatExceptionOfType(RedisConnectionException.class)
				.isThrownBy(() -> client.connect(RedisURI.create(this.redis.url())));
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void startBringsAnEmptyServerBackOnTheSamePort() {
		int port = this.redis.port();
		TestClients.call(this.redis.url(), (commands) -> commands.set("dedicated-tests:before", "x"));
		this.redis.stop();
		this.redis.start();
		assertThat(this.redis.isRunning()).isTrue();
		assertThat(this.redis.port()).isEqualTo(port);
		assertThat(TestClients.exists(this.redis.url(), "dedicated-tests:before")).isZero();
		TestClients.call(this.redis.url(), (commands) -> commands.set("dedicated-tests:after", "y"));
		assertThat(TestClients.get(this.redis.url(), "dedicated-tests:after")).isEqualTo("y");
	}

	@Test
	void stopAndStartCanBeRepeated() {
		for (int i = 0; i < 3; i++) {
			this.redis.stop();
			this.redis.stop();
			this.redis.start();
			this.redis.start();
			assertThat(TestClients.ping(this.redis.url())).isEqualTo("PONG");
		}
	}

	@Test
	void flushAllRemovesEveryKey() {
		TestClients.call(this.redis.url(), (commands) -> commands.set("dedicated-tests:flushed", "x"));
		this.redis.flushAll();
		assertThat(TestClients.dbsize(this.redis.url())).isZero();
	}

	@Test
	void closeStopsTheServerAndFreesItsPort() {
		this.redis.close();
		assertThat(this.redis.isRunning()).isFalse();
		assertThat(FreePorts.isFree(this.redis.port())).isTrue();
	}

}
