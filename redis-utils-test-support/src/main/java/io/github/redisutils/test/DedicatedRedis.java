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

import java.nio.file.Path;

import io.lettuce.core.api.sync.RedisCommands;

/**
 * A standalone Redis server owned by one test, which may {@link #stop()} it and
 * {@link #start()} it again on the same port to see how code copes with an outage or a
 * restart, or {@link #pause()} it to see how code copes with a server that does not
 * answer. Obtained from {@link RedisServers#dedicated()} or as a parameter resolved by
 * {@link RedisExtension}, which closes it after the test.
 * <p>
 * It is always started from a {@code redis-server} binary (the one on the {@code PATH},
 * else the embedded one), never taken from {@code REDIS_URL}. Persistence is off unless
 * the options given to {@link RedisServers#dedicated(String...)} switch it on, so a
 * restarted server is empty by default.
 */
public final class DedicatedRedis implements RedisEndpoint, AutoCloseable {

	private final RedisProcess process;

	private final Path directory;

	private volatile boolean paused;

	private DedicatedRedis(RedisProcess process, Path directory) {
		this.process = process;
		this.directory = directory;
	}

	/**
	 * Starts a new server on a free port.
	 * @param binary the executable
	 * @param options further options, overriding the defaults
	 * @return the running server
	 */
	static DedicatedRedis start(RedisBinary binary, String... options) {
		Path directory = Cleanup.createTempDirectory("redis-utils-dedicated-");
		RedisProcess process = RedisProcess.startOnFreePort(FreePorts::next,
				(port) -> RedisProcess.server(binary, port, directory, options));
		DedicatedRedis redis = new DedicatedRedis(process, directory);
		Cleanup.register(redis);
		return redis;
	}

	@Override
	public String host() {
		return HostPort.LOOPBACK;
	}

	@Override
	public int port() {
		return this.process.port();
	}

	/**
	 * Returns {@code redis://127.0.0.1:port}.
	 * @return the URI
	 */
	@Override
	public String url() {
		return "redis://" + address();
	}

	/**
	 * Returns {@code spring.data.redis.host} and {@code spring.data.redis.port}.
	 * @return the properties
	 */
	@Override
	public String[] springProperties() {
		return StandaloneRedis.hostAndPortProperties(address());
	}

	/**
	 * Removes every key ({@code FLUSHALL}).
	 * @throws io.lettuce.core.RedisConnectionException if the server is stopped
	 */
	@Override
	public void flushAll() {
		SetupConnection.call(address(), RedisCommands::flushall);
	}

	/**
	 * Kills the server process, as a crash would, and waits until it is gone. Connections
	 * to it fail until {@link #start()} is called. The port stays this server's: nothing
	 * else in this JVM is given it. Does nothing if the server is stopped.
	 */
	public void stop() {
		this.process.stop();
		this.paused = false;
	}

	/**
	 * Starts the server again on the same port, empty, and waits until it answers. Does
	 * nothing if it runs.
	 * @throws IllegalStateException if it does not answer within 10 seconds, for example
	 * because another process took the port meanwhile
	 */
	public void start() {
		this.process.start();
	}

	/**
	 * Freezes the server ({@code SIGSTOP}), as a hung or swapped-out server would be:
	 * connections stay open and commands get no answer until {@link #resume()}. Closing
	 * the server resumes it first.
	 * @throws IllegalStateException if the server is stopped
	 */
	public void pause() {
		this.process.signal("STOP");
		this.paused = true;
	}

	/**
	 * Lets a {@link #pause() paused} server go on ({@code SIGCONT}); commands sent
	 * meanwhile are answered then. Does nothing if it is not paused.
	 */
	public void resume() {
		if (this.paused) {
			this.paused = false;
			this.process.signal("CONT");
		}
	}

	/**
	 * Whether the server process runs.
	 * @return whether it runs
	 */
	public boolean isRunning() {
		return this.process.isRunning();
	}

	/**
	 * Stops the server for good and deletes its files.
	 */
	@Override
	public void close() {
		Cleanup.unregister(this);
		if (this.paused && isRunning()) {
			// A stopped process ignores SIGTERM until it is continued.
			resume();
		}
		this.process.close();
		Cleanup.deleteRecursively(this.directory);
	}

	@Override
	public String toString() {
		return "DedicatedRedis[" + address() + (isRunning() ? ", running" : ", stopped") + "]";
	}

}
