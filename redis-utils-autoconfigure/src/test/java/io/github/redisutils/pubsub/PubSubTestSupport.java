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
package io.github.redisutils.pubsub;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.github.redisutils.actuate.RedisHealthContributor;
import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsHealthContributorAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsPubSubAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsPubSubHealthContributorAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.fail;

/**
 * Application contexts standing for application instances, and polling helpers.
 *
 * @author redis-utils authors
 */
final class PubSubTestSupport {

	/**
	 * Generous: the machine is small and shared.
	 */
	static final Duration BOUND = Duration.ofSeconds(10);

	private PubSubTestSupport() {
	}

	static ApplicationContextRunner instance(String prefix, String... redisProperties) {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
							RedisUtilsPubSubAutoConfiguration.class, RedisUtilsHealthContributorAutoConfiguration.class,
							RedisUtilsPubSubHealthContributorAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues(redisProperties)
			.withPropertyValues("redis.key-prefix=" + prefix, "spring.data.redis.timeout=3s");
	}

	static Health health(ApplicationContext context) {
		RedisHealthContributor redis = context.getBean(RedisHealthContributor.class);
		return ((HealthIndicator) redis.getContributor("pubsub")).health(true);
	}

	static void await(BooleanSupplier condition, String what) {
		await(condition, what, BOUND);
	}

	static void await(BooleanSupplier condition, String what, Duration bound) {
		long deadline = System.nanoTime() + bound.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				fail("Timed out after " + bound + " waiting until " + what);
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				fail("interrupted");
			}
		}
	}

	static void awaitSubscribed(ApplicationContext context) {
		await(() -> context.getBean(RedisPubSub.class).status().connected(), "the subscription connection is up");
	}

	static double count(ApplicationContext context, String meter, String channel) {
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		var counter = registry.find(meter).tag("channel", channel).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
