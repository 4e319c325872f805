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
package io.github.redisutils.lock;

import java.util.UUID;
import java.util.stream.Stream;

import io.github.redisutils.ApplicationInstances;
import io.github.redisutils.autoconfigure.RedisUtilsLockAutoConfiguration;
import io.github.redisutils.core.RedisKeys;
import org.junit.jupiter.params.provider.Arguments;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * Application contexts with the lock auto-configuration, each standing for one
 * application instance, and the topologies contract tests run on.
 *
 * @author redis-utils authors
 */
final class LockTestSupport {

	private LockTestSupport() {
	}

	/**
	 * A runner for instances of one application: every context it runs shares a key
	 * prefix unique to the caller, so tests do not see each other's locks.
	 */
	static ApplicationContextRunner instances(String[] redisProperties, String... properties) {
		return ApplicationInstances
			.runner(RedisUtilsLockAutoConfiguration.class, redisProperties, "lock-test-" + UUID.randomUUID())
			.withPropertyValues(properties);
	}

	static void runInstances(ApplicationContextRunner runner, int count, ApplicationInstances.InstancesAction action) {
		ApplicationInstances.runInstances(runner, count, action);
	}

	static Stream<Arguments> topologies() {
		return ApplicationInstances.topologies();
	}

	static String lockKey(ApplicationContext context, String name) {
		return context.getBean(RedisKeys.class).feature("lock").tagged(name);
	}

	static String semaphoreKey(ApplicationContext context, String name) {
		return context.getBean(RedisKeys.class).feature("lock").tagged(name, "semaphore");
	}

	static String readWriteKey(ApplicationContext context, String name, String part) {
		return context.getBean(RedisKeys.class).feature("lock").tagged(name, "rw", part);
	}

	static String fenceKey(ApplicationContext context, String name) {
		return context.getBean(RedisKeys.class).feature("lock").tagged(name, "fence");
	}

}
