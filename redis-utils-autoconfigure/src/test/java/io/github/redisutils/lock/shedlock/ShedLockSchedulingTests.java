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
package io.github.redisutils.lock.shedlock;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.github.redisutils.ApplicationInstances;
import io.github.redisutils.autoconfigure.RedisUtilsLockAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsShedLockAutoConfiguration;
import io.github.redisutils.test.RedisServers;
import net.javacrumbs.shedlock.core.LockAssert;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @Scheduled} method with {@code @SchedulerLock} in three instances of one
 * application runs once per tick, under the auto-configured provider.
 *
 * @author redis-utils authors
 */
class ShedLockSchedulingTests {

	private static final Map<Long, List<Long>> runsByTick = new ConcurrentHashMap<>();

	private static final List<Throwable> problems = new CopyOnWriteArrayList<>();

	@Test
	void aScheduledTaskRunsOncePerTickAcrossThreeInstances() {
		ApplicationContextRunner runner = ApplicationInstances
			.runner(RedisUtilsShedLockAutoConfiguration.class, RedisServers.standalone().springProperties(),
					"shedlock-scheduling-" + System.nanoTime())
			.withConfiguration(AutoConfigurations.of(RedisUtilsLockAutoConfiguration.class))
			.withUserConfiguration(Scheduling.class);
		ApplicationInstances.runInstances(runner, 3, (contexts) -> {
			assertThat(contexts).allSatisfy((context) -> assertThat(context).hasNotFailed());
			Thread.sleep(5_500);
		});
		assertThat(problems).isEmpty();
		assertThat(runsByTick).as("ticks that ran").hasSizeGreaterThanOrEqualTo(3);
		assertThat(runsByTick.values()).as("runs per tick").allSatisfy((runs) -> assertThat(runs).hasSize(1));
		List<Long> tokens = runsByTick.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map((entry) -> entry.getValue().get(0))
			.collect(Collectors.toList());
		assertThat(tokens).isSorted().doesNotHaveDuplicates();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@EnableSchedulerLock(defaultLockAtMostFor = "PT10S")
	static class Scheduling {

		@Bean
		Job job() {
			return new Job();
		}

	}

	static class Job {

		@Scheduled(cron = "* * * * * *")
		@SchedulerLock(name = "every-second", lockAtLeastFor = "PT0.9S")
		public void run() {
			try {
				LockAssert.assertLocked();
				long tick = System.currentTimeMillis() / 1000;
				runsByTick.computeIfAbsent(tick, (key) -> new CopyOnWriteArrayList<>())
					.add(RedisShedLockProvider.requireFencingToken());
			}
			catch (RuntimeException ex) {
				problems.add(ex);
			}
		}

	}

}
