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

import java.util.UUID;
import java.util.stream.Stream;

import io.github.redisutils.ApplicationInstances;
import io.github.redisutils.autoconfigure.RedisUtilsQueueAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.params.provider.Arguments;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * Application contexts with the queue auto-configuration, each standing for one
 * application instance, and the topologies the tests run on.
 *
 * @author redis-utils authors
 */
final class QueueTestSupport {

	private QueueTestSupport() {
	}

	static String uniquePrefix() {
		return "queue-test-" + UUID.randomUUID();
	}

	/**
	 * A runner for instances of one application sharing a key prefix.
	 */
	static ApplicationContextRunner instances(String[] redisProperties, String prefix, String... properties) {
		return ApplicationInstances.runner(RedisUtilsQueueAutoConfiguration.class, redisProperties, prefix)
			.withPropertyValues("redis.queue.shutdown-timeout=2s")
			.withPropertyValues(properties);
	}

	static void runInstances(ApplicationContextRunner runner, int count, ApplicationInstances.InstancesAction action) {
		ApplicationInstances.runInstances(runner, count, action);
	}

	static Stream<Arguments> topologies() {
		return ApplicationInstances.topologies();
	}

	static JobQueue queue(ApplicationContext context, String name) {
		return context.getBean(JobQueues.class).queue(name);
	}

	static JobHandlers handlers(ApplicationContext context) {
		return context.getBean(JobHandlers.class);
	}

	static double meter(ApplicationContext context, String name, String tag, String value) {
		return context.getBean(MeterRegistry.class).get(name).tag(tag, value).counter().count();
	}

	static double count(ApplicationContext context, String queue, String outcome) {
		return context.getBean(MeterRegistry.class)
			.get("redis.queue.jobs")
			.tag("queue", queue)
			.tag("outcome", outcome)
			.counter()
			.count();
	}

}
