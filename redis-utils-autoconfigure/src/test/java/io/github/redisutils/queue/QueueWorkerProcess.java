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
package io.github.redisutils.queue;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsQueueAutoConfiguration;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application in a JVM of its own whose handler of {@code "crash-test"} jobs reports
 * the delivery on standard output and never returns, for the test that kills it with
 * {@code -9} mid-job. Arguments are Spring properties ({@code --name=value}).
 *
 * @author redis-utils authors
 */
public final class QueueWorkerProcess {

	static final String STARTED = "JOB-STARTED";

	private QueueWorkerProcess() {
	}

	/**
	 * Start the application.
	 * @param args Spring properties
	 */
	public static void main(String[] args) {
		new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE).run(args);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
			RedisUtilsQueueAutoConfiguration.class })
	static class Application {

		@Bean
		StuckHandler stuckHandler() {
			return new StuckHandler();
		}

	}

	static class StuckHandler {

		@JobHandler("crash-test")
		void handle(JobContext context, String payload) throws InterruptedException {
			System.out.println(STARTED + " " + context.id() + " " + context.attempt());
			System.out.flush();
			Thread.sleep(Long.MAX_VALUE);
		}

	}

}
