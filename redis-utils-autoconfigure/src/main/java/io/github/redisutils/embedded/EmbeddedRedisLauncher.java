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

import io.github.redisutils.embedded.EmbeddedRedisServer.EmbeddedRedisException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

/**
 * The only class that touches {@code com.github.codemonstur:embedded-redis}, so that
 * {@link EmbeddedRedisServer} loads without that optional dependency and can explain what
 * is missing.
 *
 * @author redis-utils authors
 */
final class EmbeddedRedisLauncher {

	private static final Log logger = LogFactory.getLog(EmbeddedRedisLauncher.class);

	private EmbeddedRedisLauncher() {
	}

	static AutoCloseable start(String host, int port, @Nullable String password) {
		RedisServer server;
		try {
			server = RedisServer.newRedisServer()
				.port(port)
				.bind(host)
				.setting("save \"\"")
				.setting("appendonly no")
				.settingIf(password != null, "requirepass " + password)
				.soutListener(logger::debug)
				.serrListener(logger::warn)
				.build();
		}
		catch (IOException | RuntimeException ex) {
			throw new EmbeddedRedisException("No embedded Redis binary could be prepared for "
					+ System.getProperty("os.name") + " / " + System.getProperty("os.arch") + " (" + ex.getMessage()
					+ "): install a Redis server and point spring.data.redis.* at it, "
					+ "or set redis.embedded.enabled=false", ex);
		}
		try {
			server.start();
		}
		catch (IOException | RuntimeException ex) {
			throw new EmbeddedRedisException("The embedded Redis server did not start at " + host + ":" + port + " ("
					+ ex.getMessage() + "); is the port taken by something that is not Redis?", ex);
		}
		return server::stop;
	}

}
