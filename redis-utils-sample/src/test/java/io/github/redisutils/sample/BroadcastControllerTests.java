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
package io.github.redisutils.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An announcement posted to one sample instance reaches a server-sent-events client of
 * another.
 *
 * @author redis-utils authors
 */
class BroadcastControllerTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void announcementPostedOnOneInstanceReachesTheStreamOfAnother() throws Exception {
		String redisPort = "--spring.data.redis.port=" + freePort();
		try (ConfigurableApplicationContext first = SpringApplication.run(SampleApplication.class, "--server.port=0",
				redisPort);
				ConfigurableApplicationContext second = SpringApplication.run(SampleApplication.class,
						"--server.port=0", redisPort, "--redis.embedded.enabled=false")) {
			BlockingQueue<String> lines = new LinkedBlockingQueue<>();
			HttpResponse<InputStream> stream = this.http
				.send(HttpRequest.newBuilder(URI.create(base(second) + "/broadcast/stream"))
					.timeout(Duration.ofSeconds(10))
					.GET()
					.build(), HttpResponse.BodyHandlers.ofInputStream());
			Thread reader = new Thread(() -> {
				try (BufferedReader in = new BufferedReader(
						new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = in.readLine()) != null) {
						lines.add(line);
					}
				}
				catch (IOException ex) {
					// The server closed the stream.
				}
			});
			reader.setDaemon(true);
			reader.start();
			awaitLine(lines, ":connected");
			HttpResponse<String> posted = this.http
				.send(HttpRequest.newBuilder(URI.create(base(first) + "/broadcast/announcements"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"deploy at noon\"}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(posted.statusCode()).isEqualTo(200);
			assertThat(posted.body()).contains("\"receivers\":2");
			assertThat(awaitLine(lines, "data:")).contains("deploy at noon");
		}
	}

	private static String awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			String line = lines.poll(1, TimeUnit.SECONDS);
			if (line != null && line.startsWith(prefix)) {
				return line;
			}
		}
		throw new AssertionError("no line starting with " + prefix + " within 10 s");
	}

	private static String base(ConfigurableApplicationContext context) {
		return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
