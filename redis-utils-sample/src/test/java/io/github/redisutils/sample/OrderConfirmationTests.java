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
import static org.awaitility.Awaitility.await;

/**
 * Order confirmations go through the job queue: enqueued over HTTP, completed by the
 * handler, retried then dead for a bouncing address, visible in health.
 *
 * @author redis-utils authors
 */
class OrderConfirmationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void confirmationsAreSentByTheQueueAndFailuresEndInTheDeadLetters() throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--spring.data.redis.port=" + freePort())) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			String sent = jobId(send(base + "/orders/o-1/confirmation?email=ann@example.com", "POST").body());
			await().atMost(Duration.ofSeconds(30))
				.until(() -> send(base + "/jobs/mail/" + sent, "GET").body().contains("\"status\":\"COMPLETED\""));
			// The handler's return value is the job's result, its report the progress.
			assertThat(send(base + "/jobs/mail/" + sent, "GET").body())
				.contains("\"result\":{\"messageId\":\"msg-" + sent)
				.contains("\"sentTo\":\"ann@example.com\"")
				.contains("\"progress\":\"rendering\"");
			String bounced = jobId(send(base + "/orders/o-2/confirmation?email=bounce@example.com", "POST").body());
			await().atMost(Duration.ofSeconds(60))
				.until(() -> send(base + "/jobs/mail/" + bounced, "GET").body().contains("\"status\":\"DEAD\""));
			assertThat(send(base + "/jobs/mail/" + bounced, "GET").body()).contains("\"attempt\":3")
				.contains("bounced");
			assertThat(send(base + "/jobs/mail", "GET").body()).contains("\"dead\":1");
			assertThat(send(base + "/actuator/health/redis", "GET").body()).contains("\"queue\":{")
				.contains("mail: 1 dead jobs");
		}
	}

	private static String jobId(String body) {
		int start = body.indexOf("\"jobId\":\"") + 9;
		return body.substring(start, body.indexOf('"', start));
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
