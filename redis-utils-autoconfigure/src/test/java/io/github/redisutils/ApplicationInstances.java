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
package io.github.redisutils;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Application contexts of one feature's auto-configuration, each standing for one
 * application instance, and the topologies multi-instance tests run on. Shared by the
 * lock and queue test helpers, which add their feature's beans and keys.
 *
 * @author redis-utils authors
 */
public final class ApplicationInstances {

	private ApplicationInstances() {
	}

	/**
	 * A runner for instances of one application with one feature's auto-configuration, a
	 * simple meter registry and the given key prefix.
	 * @param feature the feature's auto-configuration class
	 * @param redisProperties the Spring Data Redis properties of the topology
	 * @param keyPrefix the key prefix every context shares
	 * @return the runner
	 */
	public static ApplicationContextRunner runner(Class<?> feature, String[] redisProperties, String keyPrefix) {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class, feature))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues(redisProperties)
			.withPropertyValues("redis.key-prefix=" + keyPrefix);
	}

	/**
	 * Run {@code count} contexts of the runner at once, standing for as many instances of
	 * one application, and close them after the action.
	 * @param runner the runner
	 * @param count how many contexts
	 * @param action what to do with them
	 */
	public static void runInstances(ApplicationContextRunner runner, int count, InstancesAction action) {
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

	/**
	 * The standalone and cluster topologies, as Spring Data Redis properties.
	 * @return the arguments of a parameterized test
	 */
	public static Stream<Arguments> topologies() {
		return Stream.of(Arguments.of(Named.of("standalone", RedisServers.standalone().springProperties())),
				Arguments.of(Named.of("cluster", RedisServers.cluster().springProperties())));
	}

	/**
	 * What to do with the running instances.
	 */
	@FunctionalInterface
	public interface InstancesAction {

		/**
		 * Act on the running contexts.
		 * @param contexts the contexts, in start order
		 * @throws Exception on failure
		 */
		void run(List<AssertableApplicationContext> contexts) throws Exception;

	}

}
