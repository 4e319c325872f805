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
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's usage quota, its backup/restore round trip and its cleanup over HTTP.
 *
 * @author redis-utils authors
 */
class UsageAndBackupTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void aWorkspaceSpendsTokensUpToItsDailyQuota() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			String base = base(context);
			assertThat(send(base + "/usage/acme/tokens?amount=600", "POST", "").statusCode()).isEqualTo(200);
			HttpResponse<String> second = send(base + "/usage/acme/tokens?amount=300", "POST", "");
			assertThat(second.statusCode()).isEqualTo(200);
			assertThat(second.body()).contains("\"remaining\":100");
			HttpResponse<String> refused = send(base + "/usage/acme/tokens?amount=200", "POST", "");
			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.headers().firstValue("Retry-After")).isPresent();
			assertThat(send(base + "/usage/acme", "GET", "").body()).contains("\"tokens\":900");
			assertThat(send(base + "/usage/other/tokens?amount=200", "POST", "").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void valuesBackedUpComeBackAfterTheyAreLost() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			String base = base(context);
			send(base + "/values/visits", "POST", "");
			send(base + "/values/visits", "POST", "");
			send(base + "/values/banner?expected=&text=hello", "PUT", "");
			HttpResponse<String> backup = send(base + "/admin/backup?pattern=values:*", "GET", "");
			assertThat(backup.statusCode()).isEqualTo(200);
			assertThat(backup.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/x-ndjson"));
			assertThat(backup.body().lines()).hasSize(4);

			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			redis.delete(redis.keys("redis-utils-sample:values:*"));
			assertThat(send(base + "/values/banner", "GET", "").body()).isEqualTo("{\"text\":\"\"}");

			HttpResponse<String> restored = send(base + "/admin/restore", "POST", backup.body());
			assertThat(restored.statusCode()).isEqualTo(200);
			assertThat(restored.body()).contains("\"restored\":2").contains("\"failed\":0");
			assertThat(send(base + "/values/banner", "GET", "").body()).isEqualTo("{\"text\":\"hello\"}");
			assertThat(send(base + "/values/visits", "POST", "").body()).contains("\"visits\":3");

			HttpResponse<String> again = send(base + "/admin/restore", "POST", backup.body());
			assertThat(again.body()).as("existing keys are skipped").contains("\"skipped\":2");
		}
	}

	@Test
	void aCleanupPreviewsThenRemovesAStaleFencingCounter() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			String base = base(context);
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			String fence = "redis-utils-sample:lock:{retired-job}:fence";
			redis.opsForValue().set(fence, "1");
			HttpResponse<String> preview = send(base + "/admin/cleanup?dryRun=true", "POST", "");
			assertThat(preview.statusCode()).isEqualTo(200);
			assertThat(preview.body()).contains("\"dryRun\":true").contains("\"LOCK_FENCES\"");
			assertThat(redis.hasKey(fence)).as("a dry run removes nothing").isTrue();
			HttpResponse<String> done = send(base + "/admin/cleanup?dryRun=false", "POST", "");
			assertThat(done.body()).contains("\"dryRun\":false");
			assertThat(redis.hasKey(fence)).isFalse();
		}
	}

	private static ConfigurableApplicationContext start() throws IOException {
		return SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--spring.data.redis.port=" + freePort());
	}

	private static String base(ConfigurableApplicationContext context) {
		return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
	}

	private HttpResponse<String> send(String uri, String method, String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
			.method(method,
					body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
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
