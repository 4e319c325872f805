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

package io.github.redisutils.autoconfigure;

import java.time.Duration;
import java.util.UUID;

import io.github.redisutils.lock.DistributedLock;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.pubsub.PubSubListener;
import io.github.redisutils.queue.JobHandler;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application using every feature, built the way the README says, starts without a
 * single warning: no bean created too early for the post-processors, no meter registered
 * twice.
 *
 * @author redis-utils authors
 */
@ExtendWith(OutputCaptureExtension.class)
class CleanStartUpTests {

	@Test
	void anApplicationWithEveryFeatureStartsWithoutAWarning(CapturedOutput output) throws InterruptedException {
		String[] redis = RedisServers.standalone().springProperties();
		SpringApplicationBuilder builder = new SpringApplicationBuilder(EveryFeatureApplication.class)
			.web(WebApplicationType.NONE)
			.properties(redis)
			.properties("spring.main.banner-mode=off", "spring.data.redis.timeout=2s",
					"redis.key-prefix=clean-" + UUID.randomUUID().toString().substring(0, 8),
					"redis.cache.cache-names=products", "redis.queue.queues.mail.concurrency=1",
					"redis.rate-limit.policies.api.limit=10", "redis.rate-limit.policies.api.window=1m");
		String log;
		try (ConfigurableApplicationContext context = builder.run()) {
			assertThat(context.isRunning()).isTrue();
			// Workers and subscriptions start on threads of their own: give them time to
			// connect and say anything they would.
			Thread.sleep(1500);
			log = output.getAll();
		}
		assertThat(log).doesNotContain("is not eligible for getting processed by all BeanPostProcessors")
			.doesNotContain("has been already registered")
			.doesNotContainPattern("(?m)^\\S+\\s+WARN .*io\\.github\\.redisutils");
	}

	@Test
	void anApplicationWithEveryFeatureClosesWithoutAWarning(CapturedOutput output) throws InterruptedException {
		String[] redis = RedisServers.standalone().springProperties();
		SpringApplicationBuilder builder = new SpringApplicationBuilder(EveryFeatureApplication.class,
				ReliableListener.class)
			.web(WebApplicationType.NONE)
			.properties(redis)
			.properties("spring.main.banner-mode=off", "spring.data.redis.timeout=2s",
					"redis.key-prefix=close-" + UUID.randomUUID().toString().substring(0, 8),
					"redis.cache.cache-names=products", "redis.queue.queues.mail.concurrency=1",
					"redis.token-blacklist.local-cache.enabled=true", "redis.rate-limit.policies.api.limit=10",
					"redis.rate-limit.policies.api.window=1m");
		int closedFrom;
		ConfigurableApplicationContext context = builder.run();
		// A lock held across the close: its watchdog is renewing it when the context
		// stops.
		context.getBean(DistributedLocks.class).tryAcquire("held", Duration.ofSeconds(2));
		// Let the queue fetcher block, the subscriptions connect and the watchdog renew.
		Thread.sleep(1500);
		closedFrom = output.getAll().length();
		context.close();
		// Anything a fetcher or a reconnecting subscription would log comes after the
		// close.
		Thread.sleep(1500);
		String closing = output.getAll().substring(closedFrom);
		assertThat(closing).doesNotContainPattern("(?m)^\\S+\\s+(WARN|ERROR) ")
			.doesNotContain("Connection is already closed")
			.doesNotContain("Reconnecting");
	}

	static class ReliableListener {

		@PubSubListener(channels = "invoices", reliable = true)
		public void onInvoice(String invoice) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableCaching
	static class EveryFeatureApplication {

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

	}

	static class Handlers {

		@DistributedLock(key = "'report'")
		public void report() {
		}

		@PubSubListener(channels = "news")
		public void onNews(String news) {
		}

		@JobHandler("send")
		public void send(String payload) {
		}

	}

}
