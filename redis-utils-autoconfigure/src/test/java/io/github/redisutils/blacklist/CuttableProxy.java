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
package io.github.redisutils.blacklist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of a Redis server that can cut the pub/sub connections
 * going through it (those that sent {@code SUBSCRIBE}) and refuse new ones for a while,
 * leaving command connections alone: a subscription lost while Redis stays reachable.
 *
 * @author redis-utils authors
 */
final class CuttableProxy implements AutoCloseable {

	private final ServerSocket server;

	private final String upstreamHost;

	private final int upstreamPort;

	private final List<Link> links = new CopyOnWriteArrayList<>();

	private volatile boolean refuseNew;

	CuttableProxy(String upstreamHost, int upstreamPort) throws IOException {
		this.upstreamHost = upstreamHost;
		this.upstreamPort = upstreamPort;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Close every connection that subscribed, and close new connections as soon as they
	 * are accepted until {@link #heal()}.
	 */
	void cutSubscriptions() {
		this.refuseNew = true;
		for (Link link : this.links) {
			if (link.subscriber) {
				link.close();
			}
		}
	}

	void heal() {
		this.refuseNew = false;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.refuseNew) {
					client.close();
					continue;
				}
				Socket upstream = new Socket(this.upstreamHost, this.upstreamPort);
				Link link = new Link(client, upstream);
				this.links.add(link);
				pump(link, client.getInputStream(), upstream.getOutputStream(), true);
				pump(link, upstream.getInputStream(), client.getOutputStream(), false);
			}
			catch (IOException ex) {
				// closed, or one connection failed: keep accepting while open
			}
		}
	}

	private void pump(Link link, InputStream in, OutputStream out, boolean fromClient) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					if (fromClient && !link.subscriber
							&& new String(buffer, 0, read, StandardCharsets.ISO_8859_1).toUpperCase()
								.contains("SUBSCRIBE")) {
						link.subscriber = true;
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// the link is closing
			}
			link.close();
			this.links.remove(link);
		}, "proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Link link : this.links) {
			link.close();
		}
	}

	private static final class Link {

		private final Socket client;

		private final Socket upstream;

		private volatile boolean subscriber;

		Link(Socket client, Socket upstream) {
			this.client = client;
			this.upstream = upstream;
		}

		void close() {
			try {
				this.client.close();
			}
			catch (IOException ex) {
				// already closed
			}
			try {
				this.upstream.close();
			}
			catch (IOException ex) {
				// already closed
			}
		}

	}

}
