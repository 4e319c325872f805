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
 * Starts the sample as a user would, with nothing listening at its Redis address, so that
 * the embedded server comes up, and reads {@code /actuator/health/redis} and the
 * readiness and liveness groups over HTTP.
 *
 * @author redis-utils authors
 */
class SampleApplicationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void startsWithAnEmbeddedRedisAndReportsHealthUp() throws Exception {
		int redisPort = freePort();
		try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--spring.data.redis.port=" + redisPort)) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			HttpResponse<String> health = get(base + "/actuator/health/redis");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"")
				.contains("\"connection\"")
				.contains("\"mode\":\"standalone\"")
				.contains("\"pingMillis\"")
				.containsPattern("\"version\":\"\\d+\\.\\d+\\.\\d+\"");
			HttpResponse<String> readiness = get(base + "/actuator/health/readiness");
			assertThat(readiness.statusCode()).isEqualTo(200);
			assertThat(readiness.body()).contains("\"readinessState\"")
				.contains("\"connection\"")
				.doesNotContain("\"queue\"");
			assertThat(get(base + "/actuator/health/liveness").body()).contains("\"livenessState\"")
				.doesNotContain("\"redis\"");
			HttpResponse<String> time = get(base + "/redis/time");
			assertThat(time.statusCode()).isEqualTo(200);
			assertThat(time.body()).contains("\"exampleKey\":\"redis-utils-sample:lock:{invoice:42}:fence\"");
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
