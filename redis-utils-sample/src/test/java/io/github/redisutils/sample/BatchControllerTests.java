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
 * The sample's batches: many prices written and read in one round trip each.
 *
 * @author redis-utils authors
 */
class BatchControllerTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void pricesAreWrittenAndReadInOneBatch() throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--spring.data.redis.port=" + freePort())) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			HttpResponse<String> written = send(base + "/batch/prices", "PUT",
					"{\"apple\":120,\"pear\":95,\"plum\":40}");
			assertThat(written.statusCode()).isEqualTo(200);
			assertThat(written.body()).contains("\"written\":3");
			assertThat(send(base + "/batch/prices?skus=plum,kiwi,apple", "GET", null).body())
				.isEqualTo("{\"plum\":40,\"kiwi\":null,\"apple\":120}");
		}
	}

	private HttpResponse<String> send(String uri, String method, String json) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody())
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
