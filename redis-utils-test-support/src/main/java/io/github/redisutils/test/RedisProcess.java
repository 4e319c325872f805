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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

/**
 * One {@code redis-server} process on a loopback port, with its own working directory and
 * a log file that start-up errors quote. It can be stopped and started again on the same
 * port.
 */
final class RedisProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration STOP_GRACE = Duration.ofSeconds(1);

	private static final int LOG_TAIL_LINES = 30;

	private static final int START_ATTEMPTS = 3;

	private final List<String> command;

	private final int port;

	private final Path directory;

	private final Path log;

	private final @Nullable TlsCertificates tls;

	private @Nullable Process process;

	private RedisProcess(List<String> command, int port, Path directory, @Nullable TlsCertificates tls) {
		this.command = List.copyOf(command);
		this.port = port;
		this.directory = directory;
		this.log = directory.resolve("redis-" + port + ".log");
		this.tls = tls;
		if (tls != null) {
			TlsCertificates.markTls(port);
		}
	}

	/**
	 * Creates (but does not start) a server with persistence off.
	 * @param binary the executable
	 * @param port the port
	 * @param parent the directory in which the server gets a working directory of its own
	 * @param options further options, for example {@code "--cluster-enabled", "yes"}
	 * @return the process
	 */
	static RedisProcess server(RedisBinary binary, int port, Path parent, String... options) {
		return server(binary, port, parent, null, options);
	}

	/**
	 * Creates (but does not start) a server with persistence off that, when {@code tls}
	 * is given, listens with TLS only ({@code --port 0 --tls-port port}).
	 * @param binary the executable
	 * @param port the port
	 * @param parent the directory in which the server gets a working directory of its own
	 * @param tls the certificates, or {@code null} for plain TCP
	 * @param options further options, for example {@code "--tls-replication", "yes"}
	 * @return the process
	 */
	static RedisProcess server(RedisBinary binary, int port, Path parent, @Nullable TlsCertificates tls,
			String... options) {
		Path directory = parent.resolve("redis-" + port);
		List<String> command = new ArrayList<>(List.of(binary.path().toString()));
		if (tls != null) {
			command.addAll(List.of("--port", "0", "--tls-port", String.valueOf(port)));
			command.addAll(tls.serverOptions());
		}
		else {
			command.addAll(List.of("--port", String.valueOf(port)));
		}
		command.addAll(List.of("--bind", HostPort.LOOPBACK, "--daemonize", "no", "--save", "", "--appendonly", "no",
				"--dir", directory.toString()));
		command.addAll(Arrays.asList(options));
		return new RedisProcess(command, port, directory, tls);
	}

	/**
	 * Creates (but does not start) a Sentinel from a configuration file that it may
	 * rewrite, as Sentinel insists on.
	 * @param binary the executable
	 * @param port the port
	 * @param parent the directory in which the Sentinel gets a working directory of its
	 * own
	 * @param configuration the configuration, without {@code port}, {@code bind} and
	 * {@code dir}
	 * @return the process
	 */
	static RedisProcess sentinel(RedisBinary binary, int port, Path parent, List<String> configuration) {
		return sentinel(binary, port, parent, null, configuration);
	}

	/**
	 * Creates (but does not start) a Sentinel that, when {@code tls} is given, listens
	 * with TLS only and talks TLS to the servers it monitors.
	 * @param binary the executable
	 * @param port the port
	 * @param parent the directory in which the Sentinel gets a working directory of its
	 * own
	 * @param tls the certificates, or {@code null} for plain TCP
	 * @param configuration the configuration, without {@code port}, {@code bind} and
	 * {@code dir}
	 * @return the process
	 */
	static RedisProcess sentinel(RedisBinary binary, int port, Path parent, @Nullable TlsCertificates tls,
			List<String> configuration) {
		Path directory = parent.resolve("sentinel-" + port);
		Path file = directory.resolve("sentinel.conf");
		List<String> lines = new ArrayList<>();
		lines.addAll((tls != null) ? tls.sentinelConfiguration(port) : List.of("port " + port));
		lines.addAll(List.of("bind " + HostPort.LOOPBACK, "daemonize no", "dir \"" + directory + "\""));
		lines.addAll(configuration);
		try {
			Files.createDirectories(directory);
			Files.write(file, lines, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + file, ex);
		}
		return new RedisProcess(List.of(binary.path().toString(), file.toString(), "--sentinel"), port, directory, tls);
	}

	/**
	 * Starts a process on a port from {@code ports}, trying another port when another
	 * process took the chosen one in the meantime.
	 * @param ports where ports come from
	 * @param factory creates the process for a port
	 * @return the started process
	 */
	static RedisProcess startOnFreePort(IntSupplier ports, IntFunction<RedisProcess> factory) {
		for (int attempt = 1;; attempt++) {
			RedisProcess process = factory.apply(ports.getAsInt());
			try {
				process.start();
				return process;
			}
			catch (IllegalStateException ex) {
				process.close();
				if (attempt == START_ATTEMPTS || !process.lostPortRace()) {
					throw ex;
				}
			}
		}
	}

	int port() {
		return this.port;
	}

	HostPort address() {
		return HostPort.loopback(this.port);
	}

	/**
	 * Starts the process unless it runs and waits until it answers on its port.
	 * @throws IllegalStateException if it does not answer within 10 seconds
	 */
	synchronized void start() {
		if (isRunning()) {
			return;
		}
		Process started;
		try {
			Files.createDirectories(this.directory);
			started = new ProcessBuilder(this.command).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + commandLine(), ex);
		}
		this.process = started;
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!answersAsItself(started)) {
			if (!started.isAlive() || System.nanoTime() - deadline > 0) {
				String reason = started.isAlive() ? "did not answer within " + START_TIMEOUT.toSeconds() + " s"
						: "exited with code " + started.exitValue();
				destroy(started);
				this.process = null;
				throw new IllegalStateException("redis-server on port " + this.port + " " + reason + ": "
						+ commandLine() + System.lineSeparator() + withoutTlsHint() + "Last lines of " + this.log + ":"
						+ System.lineSeparator() + logTail());
			}
			Polling.sleep(Duration.ofMillis(10));
		}
	}

	/**
	 * Kills the process, as a crash would, and waits until it is gone. The port is free
	 * again afterwards.
	 */
	synchronized void stop() {
		Process running = this.process;
		this.process = null;
		if (running != null) {
			running.destroyForcibly();
			waitFor(running, Duration.ofSeconds(5));
		}
	}

	/**
	 * Sends the process a signal with {@code kill}, for example {@code STOP} to freeze it
	 * as a hung server would be, and {@code CONT} to let it go on.
	 * @param signal the signal's name
	 * @throws IllegalStateException if the process does not run or {@code kill} fails
	 */
	synchronized void signal(String signal) {
		Process running = this.process;
		if (running == null || !running.isAlive()) {
			throw new IllegalStateException("redis-server on port " + this.port + " does not run");
		}
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(running.pid()))
				.redirectErrorStream(true)
				.start();
			if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + running.pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run kill", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while signalling redis-server", ex);
		}
	}

	synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Stops the process, giving it a short grace period to exit on its own.
	 */
	@Override
	public synchronized void close() {
		Process running = this.process;
		this.process = null;
		if (running != null) {
			destroy(running);
		}
	}

	private String commandLine() {
		return String.join(" ", this.command.stream().map((part) -> part.isEmpty() ? "\"\"" : part).toList());
	}

	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join(System.lineSeparator(),
					lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * Says what to install when a server asked for TLS exits because its binary was built
	 * without it: such a build does not know the {@code tls-*} options.
	 */
	private String withoutTlsHint() {
		String tail = logTail();
		if (this.tls == null || !tail.contains("tls-") || !tail.contains("Bad directive")) {
			return "";
		}
		return this.command.get(0) + " was built without TLS support (it does not know the tls-* options). "
				+ "The TLS test servers need a redis-server built with TLS: Debian's and Ubuntu's package "
				+ "('apt-get install redis-server', as .ci/run does), Homebrew's, or a source build with "
				+ "'make BUILD_TLS=yes', first on the PATH." + System.lineSeparator();
	}

	private boolean lostPortRace() {
		return logTail().contains("Address already in use");
	}

	/**
	 * Whether the server answers on its port and is the process we started: another
	 * server could hold the port if ours failed to bind it.
	 */
	private boolean answersAsItself(Process started) {
		try (Socket socket = connect()) {
			OutputStream output = socket.getOutputStream();
			output.write("INFO server\r\n".getBytes(StandardCharsets.US_ASCII));
			output.flush();
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			String header = reader.readLine();
			if (header == null || !header.startsWith("$")) {
				// "-LOADING" or another error: up, but not ready yet.
				return false;
			}
			String line;
			while ((line = reader.readLine()) != null && !line.isEmpty()) {
				if (line.startsWith("process_id:")) {
					return Long.parseLong(line.substring("process_id:".length()).trim()) == started.pid();
				}
			}
			return false;
		}
		catch (IOException | NumberFormatException ex) {
			return false;
		}
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(HostPort.LOOPBACK, this.port), 200);
			socket.setSoTimeout(1000);
			if (this.tls == null) {
				return socket;
			}
			SSLSocket secure = (SSLSocket) this.tls.clientContext()
				.getSocketFactory()
				.createSocket(socket, HostPort.LOOPBACK, this.port, true);
			secure.startHandshake();
			return secure;
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	private static void destroy(Process process) {
		process.destroy();
		if (!waitFor(process, STOP_GRACE)) {
			process.destroyForcibly();
			waitFor(process, Duration.ofSeconds(5));
		}
	}

	private static boolean waitFor(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
