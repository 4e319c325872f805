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

import java.net.InetSocketAddress;
import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SentinelRedis} as shared by {@link RedisServers#sentinel()}.
 */
class SentinelRedisTests {

	private final SentinelRedis sentinel = RedisServers.sentinel();

	@Test
	void theSentinelReturnsThePrimaryAddress() {
		RedisClient client = TestClients.client();
		try (StatefulRedisSentinelConnection<String, String> connection = client
			.connectSentinel(RedisURI.create(this.sentinel.sentinel().host(), this.sentinel.sentinel().port()))) {
			InetSocketAddress primary = (InetSocketAddress) connection.sync()
				.getMasterAddrByName(this.sentinel.masterName());
			assertThat(new HostPort(primary.getHostString(), primary.getPort())).isEqualTo(this.sentinel.primary());
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void aWriteOnThePrimaryIsReadableOnTheReplica() {
		TestClients.call(this.sentinel.primary(), (commands) -> commands.set("sentinel-tests:replicated", "yes"));
		Polling.await(Duration.ofSeconds(5), "the replica to apply the write",
				() -> "yes".equals(TestClients.get(this.sentinel.replica(), "sentinel-tests:replicated")), () -> "");
		assertThat(TestClients.get(this.sentinel.replica(), "sentinel-tests:replicated")).isEqualTo("yes");
	}

	@Test
	void aClientFindsThePrimaryThroughTheSentinel() {
		RedisURI uri = RedisURI.Builder
			.sentinel(this.sentinel.sentinel().host(), this.sentinel.sentinel().port(), this.sentinel.masterName())
			.build();
		RedisClient client = TestClients.client();
		try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
			connection.sync().set("sentinel-tests:through-sentinel", "found");
			assertThat(connection.sync().get("sentinel-tests:through-sentinel")).isEqualTo("found");
			assertThat(connection.sync().info("server")).contains("tcp_port:" + this.sentinel.primary().port());
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void flushAllEmptiesPrimaryAndReplica() {
		TestClients.call(this.sentinel.primary(), (commands) -> commands.set("sentinel-tests:flushed", "x"));
		this.sentinel.flushAll();
		assertThat(TestClients.dbsize(this.sentinel.primary())).isZero();
		assertThat(TestClients.dbsize(this.sentinel.replica())).isZero();
	}

	@Test
	void springPropertiesNameTheMasterAndTheSentinel() {
		assertThat(this.sentinel.springProperties()).containsExactly("spring.data.redis.sentinel.master=mymaster",
				"spring.data.redis.sentinel.nodes=" + this.sentinel.sentinel());
	}

}
