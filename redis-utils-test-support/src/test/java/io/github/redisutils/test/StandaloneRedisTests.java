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

import java.util.Map;

import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StandaloneRedis} as shared by {@link RedisServers#standalone()}.
 */
class StandaloneRedisTests {

	private final StandaloneRedis redis = RedisServers.standalone();

	@Test
	void aValueSetCanBeReadBack() {
		String key = "standalone-tests:greeting";
		TestClients.call(this.redis.url(), (commands) -> commands.set(key, "hello"));
		assertThat(TestClients.get(this.redis.url(), key)).isEqualTo("hello");
	}

	@Test
	void flushAllRemovesEveryKey() {
		TestClients.call(this.redis.url(), (commands) -> commands.mset(Map.of("a", "1", "b", "2")));
		this.redis.flushAll();
		assertThat(TestClients.dbsize(this.redis.url())).isZero();
	}

	@Test
	void theServerIsSharedAcrossCalls() {
		assertThat(RedisServers.standalone()).isSameAs(this.redis);
	}

	@Test
	void addressAndUrlNameTheSameServer() {
		RedisURI uri = RedisURI.create(this.redis.url());
		assertThat(this.redis.address()).isEqualTo(new HostPort(this.redis.host(), this.redis.port()))
			.isEqualTo(new HostPort(uri.getHost(), uri.getPort()));
		assertThat(TestClients.ping(this.redis.url())).isEqualTo("PONG");
	}

	@Test
	void sourceSaysWhereTheServerCameFrom() {
		assertThat(this.redis.source())
			.matches("REDIS_URL|redis-server on PATH \\(.+\\)|testcontainers redis:7|embedded binary \\d+(\\.\\d+)+");
	}

	@Test
	void aStartedServerIsConfiguredWithHostAndPort() {
		StandaloneRedis started = StandaloneRedis.started(HostPort.loopback(12345), "test", () -> {
		});
		assertThat(started.url()).isEqualTo("redis://127.0.0.1:12345");
		assertThat(started.springProperties()).containsExactly("spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=12345");
	}

	@Test
	void aServerFromRedisUrlKeepsCredentialsDatabaseAndTls() {
		String url = "rediss://user:secret@redis.example.com:6390/2";
		StandaloneRedis fromUrl = StandaloneRedis.fromUrl(url, "REDIS_URL");
		assertThat(fromUrl.address()).isEqualTo(new HostPort("redis.example.com", 6390));
		assertThat(fromUrl.url()).isEqualTo(url);
		assertThat(fromUrl.springProperties()).containsExactly("spring.data.redis.url=" + url);
		assertThat(fromUrl.source()).isEqualTo("REDIS_URL");
	}

}
