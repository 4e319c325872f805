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
import java.util.Map;

import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.queue.JobStatus;
import io.github.redisutils.queue.RecurringJobs;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's pull queue (picking) and its recurring stock report.
 *
 * @author redis-utils authors
 */
class PickingAndStockReportTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void pickersPullJobsEnqueuedInBulkAndTheStockReportRunsOnItsSchedule() throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--spring.data.redis.port=" + freePort(), "--redis.queue.schedules.stock-report.cron=* * * * * *")) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			String enqueued = send(base + "/picking", "POST", "[\"o-1\",\"o-2\",\"o-1\"]").body();
			assertThat(enqueued).startsWith("{\"jobIds\":[");
			String[] ids = enqueued.substring(enqueued.indexOf('[') + 1, enqueued.indexOf(']')).split(",");
			assertThat(ids).hasSize(3);
			// The same order twice: one pending job, its id returned twice.
			assertThat(ids[2]).isEqualTo(ids[0]).isNotEqualTo(ids[1]);
			assertThat(send(base + "/picking/next?picker=ann", "POST", null).body()).contains("\"orderId\":\"o-1\"")
				.contains("\"completed\":true");
			assertThat(send(base + "/picking/next?picker=bob", "POST", null).body()).contains("\"orderId\":\"o-2\"");
			assertThat(send(base + "/picking/next?picker=ann", "POST", null).statusCode()).isEqualTo(204);
			String first = ids[0].replace("\"", "");
			assertThat(context.getBean(JobQueues.class).queue("picking").find(first)).hasValueSatisfying((job) -> {
				assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
				assertThat(job.result()).isEqualTo(Map.of("pickedBy", "ann"));
			});

			assertThat(context.getBean(RecurringJobs.class).registered()).containsKey("stock-report");
			await().atMost(Duration.ofSeconds(20))
				.until(() -> send(base + "/actuator/metrics/redis.queue.schedule.fired", "GET", null).body()
					.matches(".*\"value\":[1-9].*"));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> context.getBean(JobQueues.class).queue("reports").sizes().completed() >= 1);
		}
	}

	private HttpResponse<String> send(String uri, String method, @Nullable String json)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30));
		request = (json != null)
				? request.header("Content-Type", "application/json")
					.method(method, HttpRequest.BodyPublishers.ofString(json))
				: request.method(method, HttpRequest.BodyPublishers.noBody());
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
