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

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsLockAutoConfiguration;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
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
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					RedisUtilsAutoConfiguration.class, RedisUtilsLockAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues(redisProperties)
			.withPropertyValues("redis.key-prefix=lock-test-" + UUID.randomUUID())
			.withPropertyValues(properties);
	}

	/**
	 * Run {@code count} contexts of the runner at once, standing for as many instances of
	 * one application, and close them after the action.
	 */
	static void runInstances(ApplicationContextRunner runner, int count, InstancesAction action) {
		runInstances(runner, count, new ArrayList<>(), action);
	}

	private static void runInstances(ApplicationContextRunner runner, int count,
			List<AssertableApplicationContext> started, InstancesAction action) {
		if (started.size() == count) {
			try {
				action.run(started);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			return;
		}
		runner.run((context) -> {
			started.add(context);
			runInstances(runner, count, started, action);
		});
	}

	static Stream<Arguments> topologies() {
		return Stream.of(Arguments.of(Named.of("standalone", RedisServers.standalone().springProperties())),
				Arguments.of(Named.of("cluster", RedisServers.cluster().springProperties())));
	}

	static String lockKey(ApplicationContext context, String name) {
		return context.getBean(RedisKeys.class).feature("lock").tagged(name);
	}

	@FunctionalInterface
	interface InstancesAction {

		void run(List<AssertableApplicationContext> contexts) throws Exception;

	}

	static String fenceKey(ApplicationContext context, String name) {
		return context.getBean(RedisKeys.class).feature("lock").tagged(name, "fence");
	}

}
