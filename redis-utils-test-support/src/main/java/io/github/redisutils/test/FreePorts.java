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

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * Finds free loopback ports for the servers this module starts.
 * <p>
 * Ports are drawn from {@code [10000, 22768)} (unless {@value #RANGE_PROPERTY} pins
 * another range) rather than from the ephemeral range the operating system gives to
 * {@code new ServerSocket(0)} (Linux: 32768 and up, macOS and Windows: 49152 and up). A
 * {@link DedicatedRedis} that a test stops keeps its port, and an ephemeral port could
 * meanwhile be handed to an outgoing connection, or a client that reconnects in a loop
 * could even connect to itself. Below the ephemeral range neither happens, and
 * {@code port + 10000}, the Cluster bus port, stays below it too.
 */
final class FreePorts {

	private static final int CLUSTER_BUS_OFFSET = 10000;

	/**
	 * System property (or, upper case with underscores, environment variable
	 * {@code REDIS_UTILS_TEST_PORTS}) that pins the range, as {@code <lowest>-<highest>},
	 * both inclusive; for machines where the default range is taken or firewalled.
	 */
	static final String RANGE_PROPERTY = "redis-utils.test.ports";

	private static final int[] RANGE = range(
			System.getProperty(RANGE_PROPERTY, System.getenv("REDIS_UTILS_TEST_PORTS")));

	private static final int LOWEST = RANGE[0];

	private static final int HIGHEST_EXCLUSIVE = RANGE[1];

	private static final int ATTEMPTS = 200;

	// Ports handed out in this JVM, so two servers starting at once never pick the same.
	private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

	private FreePorts() {
	}

	static int[] range(@Nullable String spec) {
		if (spec == null || spec.isBlank()) {
			return new int[] { 10000, 22768 };
		}
		String[] bounds = spec.trim().split("-");
		try {
			int lowest = Integer.parseInt(bounds[0].trim());
			int highest = Integer.parseInt(bounds[1].trim());
			if (bounds.length == 2 && lowest >= 1024 && highest > lowest && highest + CLUSTER_BUS_OFFSET <= 65535) {
				return new int[] { lowest, highest + 1 };
			}
		}
		catch (RuntimeException ex) {
			// reported below
		}
		throw new IllegalArgumentException(
				RANGE_PROPERTY + " must be '<lowest>-<highest>' with 1024 <= lowest < highest" + " and highest + "
						+ CLUSTER_BUS_OFFSET + " (the Cluster bus port) <= 65535, but was '" + spec + "'");
	}

	/**
	 * Returns a port that is free on {@code 127.0.0.1} right now.
	 * @return the port
	 */
	static int next() {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST_EXCLUSIVE);
			if (isFree(port) && handedOut.add(port)) {
				return port;
			}
		}
		throw new IllegalStateException(noPortMessage());
	}

	/**
	 * Returns a port that is free on {@code 127.0.0.1} right now and whose Cluster bus
	 * port ({@code port + 10000}) is free too.
	 * @return the port
	 */
	static int nextWithClusterBus() {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST_EXCLUSIVE);
			int busPort = port + CLUSTER_BUS_OFFSET;
			if (isFree(port) && isFree(busPort) && handedOut.add(port)) {
				if (handedOut.add(busPort)) {
					return port;
				}
				handedOut.remove(port);
			}
		}
		throw new IllegalStateException(noPortMessage());
	}

	static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(false);
			socket.bind(new InetSocketAddress(InetAddress.getByName(HostPort.LOOPBACK), port), 1);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String noPortMessage() {
		return "No free port on " + HostPort.LOOPBACK + " in [" + LOWEST + ", " + HIGHEST_EXCLUSIVE + ") after "
				+ ATTEMPTS + " attempts";
	}

}
