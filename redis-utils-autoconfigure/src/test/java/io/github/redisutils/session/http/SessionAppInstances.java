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
package io.github.redisutils.session.http;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Instances of a test web application with its sessions in the session store, on real
 * ports and one Redis, sharing a key prefix; closed together.
 *
 * @author redis-utils authors
 */
final class SessionAppInstances implements AutoCloseable {

	private final Class<?> application;

	private final WebApplicationType type;

	private final String prefix;

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private @Nullable DedicatedRedis dedicated;

	SessionAppInstances(Class<?> application, WebApplicationType type) {
		this.application = application;
		this.type = type;
		this.prefix = type.name().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * The connection properties of a topology: {@code standalone}, {@code cluster}, or
	 * {@code dedicated} (a server of its own, stopped with the instances).
	 */
	String[] redis(String topology) {
		return switch (topology) {
			case "cluster" -> RedisServers.cluster().springProperties();
			case "standalone" -> RedisServers.standalone().springProperties();
			default -> {
				DedicatedRedis server = RedisServers.dedicated();
				this.dedicated = server;
				yield server.springProperties();
			}
		};
	}

	ConfigurableApplicationContext start(String[] redis, String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(this.application).web(this.type)
			.properties(redis)
			.properties("server.port=0", "spring.main.banner-mode=off", "redis.key-prefix=" + this.prefix,
					"redis.session.http.enabled=true", "spring.data.redis.timeout=2s")
			.properties(properties)
			.run();
		this.instances.add(context);
		return context;
	}

	static String base(ConfigurableApplicationContext context) {
		return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
	}

	/**
	 * Whether a response sends the browser to the login page.
	 */
	static boolean toLogin(HttpResponse<String> response) {
		return response.statusCode() == 302 && response.headers().firstValue("Location").orElse("").endsWith("/login");
	}

	@Override
	public void close() {
		this.instances.forEach(ConfigurableApplicationContext::close);
		if (this.dedicated != null) {
			this.dedicated.close();
		}
	}

}
