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
import java.net.Socket;
import java.net.UnknownHostException;

import io.github.redisutils.core.RedisUtilsException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.ClassUtils;

/**
 * An embedded Redis server for development: started at the configured host and port when
 * nothing listens there yet, and stopped with the application context.
 * <p>
 * The binary comes from {@code com.github.codemonstur:embedded-redis}, an optional
 * dependency. Persistence is off: an embedded server starts empty every time. When a
 * server already listens (a local Redis, or another instance of the application), it is
 * used and nothing is started.
 *
 * @author redis-utils authors
 */
public class EmbeddedRedisServer implements InitializingBean, DisposableBean, BeanClassLoaderAware {

	private static final Log logger = LogFactory.getLog(EmbeddedRedisServer.class);

	private static final String EMBEDDED_REDIS_CLASS = "redis.embedded.RedisServer";

	private static final int PROBE_TIMEOUT_MILLIS = 300;

	private final String host;

	private final int port;

	private final @Nullable String password;

	private @Nullable AutoCloseable running;

	private @Nullable ClassLoader classLoader;

	/**
	 * Create a server description; nothing starts before {@link #afterPropertiesSet()}.
	 * @param host where the application expects Redis; a server is only ever started for
	 * a loopback address
	 * @param port the port
	 * @param password the password clients send, or {@code null}; the embedded server
	 * then requires it
	 */
	public EmbeddedRedisServer(String host, int port, @Nullable String password) {
		this.host = host;
		this.port = port;
		this.password = password;
	}

	/**
	 * Start the server unless something already listens at the address.
	 * @throws EmbeddedRedisException if the server cannot be started
	 */
	@Override
	public void afterPropertiesSet() {
		if (!isLoopback(this.host)) {
			// Only a server on this machine can be started; a remote host is not probed
			// at all.
			logger.warn("redis.embedded.enabled is true but spring.data.redis.host is " + this.host
					+ ", not this machine; no embedded server started");
			return;
		}
		if (isListening()) {
			logger.info("Redis already listens at " + this.host + ":" + this.port + "; no embedded server started");
			return;
		}
		if (!ClassUtils.isPresent(EMBEDDED_REDIS_CLASS, this.classLoader)) {
			throw new EmbeddedRedisException("redis.embedded.enabled is true but com.github.codemonstur:embedded-redis "
					+ "is not on the class path: add it as a dependency, or set redis.embedded.enabled=false");
		}
		this.running = EmbeddedRedisLauncher.start(this.host, this.port, this.password);
		logger.info("Started embedded Redis at " + this.host + ":" + this.port
				+ " (development only; data is not persisted)");
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	/**
	 * Return whether this object started a server that is still running.
	 * @return whether an embedded server runs
	 */
	public boolean isStarted() {
		return this.running != null;
	}

	/**
	 * Stop the server if this object started one.
	 */
	@Override
	public void destroy() throws Exception {
		AutoCloseable server = this.running;
		this.running = null;
		if (server != null) {
			server.close();
			logger.info("Stopped embedded Redis at " + this.host + ":" + this.port);
		}
	}

	private boolean isListening() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(this.host, this.port), PROBE_TIMEOUT_MILLIS);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean isLoopback(String host) {
		try {
			return InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/**
	 * Thrown when the embedded server cannot be started.
	 */
	public static class EmbeddedRedisException extends RedisUtilsException {

		private static final long serialVersionUID = 1L;

		/**
		 * Create an exception.
		 * @param message what went wrong and what to do
		 */
		public EmbeddedRedisException(String message) {
			super(message);
		}

		/**
		 * Create an exception with a cause.
		 * @param message what went wrong and what to do
		 * @param cause the underlying failure
		 */
		public EmbeddedRedisException(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

	}

}
