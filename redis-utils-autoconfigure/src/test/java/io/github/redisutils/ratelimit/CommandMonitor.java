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
package io.github.redisutils.ratelimit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.redisutils.test.RedisEndpoint;

/**
 * Records the commands a Redis server receives from clients, through {@code MONITOR} on a
 * plain socket. Commands run by scripts ({@code [0 lua]}) are left out unless asked for:
 * what remains is one line per round trip.
 *
 * @author redis-utils authors
 */
final class CommandMonitor implements AutoCloseable {

	private final Socket socket;

	private final List<String> commands = new CopyOnWriteArrayList<>();

	private final Thread reader;

	CommandMonitor(RedisEndpoint redis) throws IOException {
		this(redis, false);
	}

	/**
	 * Monitor a server, keeping the commands that scripts run when {@code scriptCommands}
	 * is set.
	 */
	CommandMonitor(RedisEndpoint redis, boolean scriptCommands) throws IOException {
		this.socket = new Socket(redis.host(), redis.port());
		OutputStream output = this.socket.getOutputStream();
		output.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
		output.flush();
		BufferedReader input = new BufferedReader(
				new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
		String ok = input.readLine();
		if (!"+OK".equals(ok)) {
			throw new IOException("MONITOR answered " + ok);
		}
		this.reader = new Thread(() -> {
			try {
				for (String line = input.readLine(); line != null; line = input.readLine()) {
					if (scriptCommands || !line.contains(" lua]")) {
						this.commands.add(line);
					}
				}
			}
			catch (IOException ex) {
				// Closed.
			}
		}, "command-monitor");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Return the client commands seen so far, as {@code MONITOR} prints them.
	 */
	List<String> commands() {
		return List.copyOf(this.commands);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
