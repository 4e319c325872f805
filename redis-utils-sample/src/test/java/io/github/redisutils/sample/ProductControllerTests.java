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

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls the sample's cached endpoints over HTTP, with the embedded Redis.
 *
 * @author redis-utils authors
 */
class ProductControllerTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void productsAndReportsAreServedFromTheCache() throws Exception {
		int redisPort = freePort();
		try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--spring.data.redis.port=" + redisPort)) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			String first = send("GET", base + "/products/p1");
			assertThat(first).contains("\"id\":\"p1\"").contains("\"load\":1");
			assertThat(send("GET", base + "/products/p1")).isEqualTo(first);
			send("DELETE", base + "/products/p1/cache");
			assertThat(send("GET", base + "/products/p1")).contains("\"load\":2");

			String report = send("GET", base + "/workspaces/42/report");
			assertThat(send("GET", base + "/workspaces/42/report")).isEqualTo(report);
			assertThat(send("POST", base + "/workspaces/42/invalidate")).contains("\"invalidated\":true");
			Thread.sleep(5);
			assertThat(send("GET", base + "/workspaces/42/report")).isNotEqualTo(report);

			assertThat(send("GET", base + "/actuator/health/redis")).contains("\"cache\"")
				.contains("\"bypassingRedis\":false");
		}
	}

	private String send(String method, String uri) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s %s", method, uri).isBetween(200, 299);
		return response.body();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
