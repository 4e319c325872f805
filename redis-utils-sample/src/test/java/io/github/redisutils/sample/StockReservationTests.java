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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent reservations over HTTP never oversell, and the lock shows in health and
 * metrics.
 *
 * @author redis-utils authors
 */
class StockReservationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void concurrentReservationsNeverOversell() throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--spring.data.redis.port=" + freePort())) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			assertThat(send(base + "/stock/tea?quantity=40", "PUT").statusCode()).isEqualTo(200);
			ExecutorService executor = Executors.newFixedThreadPool(8);
			List<Future<Integer>> statuses = new ArrayList<>();
			try {
				for (int i = 0; i < 60; i++) {
					statuses.add(executor.submit(() -> send(base + "/stock/tea/reservations", "POST").statusCode()));
				}
				int reserved = 0;
				int soldOut = 0;
				for (Future<Integer> status : statuses) {
					int code = status.get(1, TimeUnit.MINUTES);
					reserved += (code == 200) ? 1 : 0;
					soldOut += (code == 409) ? 1 : 0;
				}
				assertThat(reserved).isEqualTo(40);
				assertThat(soldOut).isEqualTo(20);
			}
			finally {
				executor.shutdownNow();
			}
			assertThat(send(base + "/stock/tea", "GET").body()).contains("\"stock\":0");
			assertThat(send(base + "/actuator/health/redis", "GET").body()).contains("\"lock\":{")
				.contains("\"watchdog\"");
			assertThat(send(base + "/actuator/metrics/redis.lock.acquire", "GET").body())
				.contains("\"COUNT\",\"value\":60.0");
		}
	}

	private HttpResponse<String> send(String uri, String method) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(30))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
