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

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.jspecify.annotations.Nullable;

/**
 * Lettuce clients for the tests, as an application would create them. They share one
 * small set of event loops, whose threads are daemons and end with the test JVM.
 */
final class TestClients {

	static final ClientResources resources = DefaultClientResources.builder()
		.ioThreadPoolSize(2)
		.computationThreadPoolSize(2)
		.build();

	private TestClients() {
	}

	static RedisClient client() {
		RedisClient client = RedisClient.create(resources);
		client.setOptions(ClientOptions.builder()
			.autoReconnect(false)
			.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
			.build());
		return client;
	}

	static <T> T call(String url, Function<RedisCommands<String, String>, T> action) {
		return call(RedisURI.create(url), action);
	}

	static <T> T call(HostPort address, Function<RedisCommands<String, String>, T> action) {
		return call(RedisURI.create(address.host(), address.port()), action);
	}

	static <T> T call(RedisURI uri, Function<RedisCommands<String, String>, T> action) {
		RedisClient client = client();
		try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
			return action.apply(connection.sync());
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	static String ping(String url) {
		return call(url, RedisCommands::ping);
	}

	static @Nullable String get(String url, String key) {
		return call(url, (commands) -> commands.get(key));
	}

	static @Nullable String get(HostPort address, String key) {
		return call(address, (commands) -> commands.get(key));
	}

	static long exists(String url, String key) {
		return call(url, (commands) -> commands.exists(key));
	}

	static long dbsize(String url) {
		return call(url, RedisCommands::dbsize);
	}

	static long dbsize(HostPort address) {
		return call(address, RedisCommands::dbsize);
	}

	static String clusterInfo(HostPort address) {
		return call(address, RedisCommands::clusterInfo);
	}

	static void cluster(ClusterRedis cluster, Consumer<RedisClusterClient> action) {
		RedisClusterClient client = RedisClusterClient.create(resources,
				cluster.nodes().stream().map((node) -> RedisURI.create(node.host(), node.port())).toList());
		try {
			action.accept(client);
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

}
