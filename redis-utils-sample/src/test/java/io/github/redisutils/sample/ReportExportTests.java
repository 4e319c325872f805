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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent report exports over HTTP: the semaphore lets two run at once and turns the
 * others away, then gives its permits back.
 *
 * @author redis-utils authors
 */
class ReportExportTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void atMostTwoExportsRunAtOnce() throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--spring.data.redis.port=" + freePort())) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			assertThat(send(base + "/reports/exports", "GET").body()).contains("\"available\":2");
			ExecutorService executor = Executors.newFixedThreadPool(6);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> statuses = new ArrayList<>();
			try {
				for (int i = 0; i < 6; i++) {
					String uri = base + "/reports/sales-" + i + "/exports?workMillis=3000";
					statuses.add(executor.submit(() -> {
						start.await();
						return send(uri, "POST").statusCode();
					}));
				}
				start.countDown();
				int exported = 0;
				int refused = 0;
				for (Future<Integer> status : statuses) {
					int code = status.get(1, TimeUnit.MINUTES);
					exported += (code == 200) ? 1 : 0;
					refused += (code == 429) ? 1 : 0;
				}
				assertThat(exported).isEqualTo(2);
				assertThat(refused).isEqualTo(4);
			}
			finally {
				executor.shutdownNow();
			}
			assertThat(send(base + "/reports/exports", "GET").body()).contains("\"available\":2");
			assertThat(send(base + "/reports/q3/exports?waitMillis=5000&workMillis=10", "POST").statusCode())
				.isEqualTo(200);
			HttpResponse<String> negative = send(base + "/reports/q3/exports?waitMillis=-1", "POST");
			assertThat(negative.statusCode()).isEqualTo(400);
			assertThat(negative.body()).contains("'waitMillis' must be from 0 to 30000 ms (was -1)");
			HttpResponse<String> huge = send(base + "/reports/q3/exports?workMillis=9223372036854775807", "POST");
			assertThat(huge.statusCode()).isEqualTo(400);
			assertThat(huge.body()).contains("'workMillis' must be from 0 to 60000 ms");
			assertThat(send(base + "/actuator/metrics/redis.lock.semaphore.acquire", "GET").body())
				.contains("\"COUNT\",\"value\":7.0");
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
