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
 * The sample's rate-limited endpoints, with the embedded Redis.
 *
 * @author redis-utils authors
 */
class RateLimitedEndpointTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void helloAllowsABurstOfFiveThenAnswers429() throws Exception {
		int redisPort = freePort();
		try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--spring.data.redis.port=" + redisPort)) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			int allowed = 0;
			HttpResponse<String> response = get(base + "/limited/hello");
			while (response.statusCode() == 200 && allowed < 10) {
				allowed++;
				assertThat(response.headers().firstValue("RateLimit"))
					.hasValueSatisfying((value) -> assertThat(value).matches("\"hello\";r=[0-4];t=([1-9]|10)"));
				response = get(base + "/limited/hello");
			}
			// A burst of five; a token comes back every 2 s, so a slow machine may see
			// more.
			assertThat(allowed).isBetween(5, 9);
			assertThat(response.statusCode()).isEqualTo(429);
			assertThat(response.headers().firstValue("Retry-After"))
				.hasValueSatisfying((value) -> assertThat(value).isIn("1", "2"));
			assertThat(response.body()).contains("\"status\":429").contains("\"policy\":\"hello\"");
			HttpResponse<String> api = get(base + "/limited/api/items");
			assertThat(api.statusCode()).isEqualTo(200);
			assertThat(api.headers().firstValue("RateLimit-Policy")).hasValue("\"api\";q=20;w=60");
		}
	}

	private HttpResponse<String> get(String uri) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
