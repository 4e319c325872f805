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

import org.springframework.context.annotation.Configuration;

import org.springframework.context.annotation.Bean;

import io.github.redisutils.core.RedisThreads;

import java.time.Duration;

import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.maintenance.CleanupSchedule;
import io.github.redisutils.maintenance.RedisBackup;
import io.github.redisutils.maintenance.RedisCleanup;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisUtilsMaintenanceAutoConfiguration}, without a Redis server:
 * nothing here connects.
 *
 * @author redis-utils authors
 */
class RedisUtilsMaintenanceAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsMaintenanceAutoConfiguration.class));

	@Test
	void defaultsProvideTheBackup() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(RedisBackup.class)
			.hasSingleBean(RedisMaintenanceProperties.class));
	}

	@Test
	void maintenanceSwitchTurnsTheFeatureOff() {
		this.contextRunner.withPropertyValues("redis.maintenance.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisBackup.class));
	}

	@Test
	void redisSwitchTurnsItOff() {
		this.contextRunner.withPropertyValues("redis.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisBackup.class));
	}

	@Test
	void anInvalidPropertyFailsStartUp() {
		this.contextRunner.withPropertyValues("redis.maintenance.backup.scan-count=0")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void backsOffForTheUsersOwnBackup() {
		this.contextRunner
			.withBean("myBackup", RedisBackup.class,
					() -> RedisBackup.create(new LettuceConnectionFactory(), RedisKeys.withPrefix("mine")))
			.run((context) -> assertThat(context).hasSingleBean(RedisBackup.class).hasBean("myBackup"));
	}

	@Test
	void defaultsProvideTheCleanupWithoutASchedule() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(RedisCleanup.class)
			.doesNotHaveBean(CleanupSchedule.class));
	}

	@Test
	void cleanupSwitchTurnsTheCleanupOffAndKeepsTheBackup() {
		this.contextRunner.withPropertyValues("redis.maintenance.cleanup.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisCleanup.class).hasSingleBean(RedisBackup.class));
	}

	@Test
	void theScheduleNeedsItsSwitchAndTheLocksAndFailsStartUpWithoutThem() {
		this.contextRunner.withPropertyValues("redis.maintenance.cleanup.schedule.enabled=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.message()
				.contains("redis.maintenance.cleanup.schedule.enabled", "DistributedLocks"));
		this.contextRunner.withConfiguration(AutoConfigurations.of(RedisUtilsLockAutoConfiguration.class))
			.withPropertyValues("redis.maintenance.cleanup.schedule.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(DistributedLocks.class)
				.hasSingleBean(CleanupSchedule.class));
		this.contextRunner.withConfiguration(AutoConfigurations.of(RedisUtilsLockAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CleanupSchedule.class));
	}

	@Test
	void invalidCleanupPropertiesFailStartUpNamingTheKey() {
		for (String property : new String[] { "redis.maintenance.cleanup.scan-count=0",
				"redis.maintenance.cleanup.pause=-1s", "redis.maintenance.cleanup.lock-fence-retention=0s",
				"redis.maintenance.cleanup.consumer-idle=0s", "redis.maintenance.cleanup.old-prefix=a b",
				"redis.maintenance.cleanup.schedule.cron=every minute",
				"redis.maintenance.cleanup.schedule.interval=0s",
				"redis.maintenance.cleanup.schedule.lock-lease=0s" }) {
			String key = property.substring(0, property.indexOf('='));
			String field = key.substring("redis.maintenance.".length());
			String camel = toCamel(field);
			this.contextRunner.withPropertyValues(property)
				.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().message().contains(camel));
		}
	}

	@Test
	void anOldPrefixThatIsTheKeyPrefixFailsStartUp() {
		this.contextRunner.withPropertyValues("redis.key-prefix=app", "redis.maintenance.cleanup.old-prefix=app")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.message()
				.contains("redis.maintenance.cleanup.old-prefix"));
	}

	@Test
	void backsOffForTheUsersOwnCleanup() {
		this.contextRunner
			.withBean("myCleanup", RedisCleanup.class,
					() -> RedisCleanup.create(new LettuceConnectionFactory(), RedisKeys.withPrefix("mine")))
			.run((context) -> assertThat(context).hasSingleBean(RedisCleanup.class).hasBean("myCleanup"));
	}

	@Test
	void backsOffForTheUsersOwnSchedule() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(RedisUtilsLockAutoConfiguration.class))
			.withUserConfiguration(OwnScheduleConfiguration.class)
			.withPropertyValues("redis.maintenance.cleanup.schedule.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(CleanupSchedule.class).hasBean("mySchedule"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnScheduleConfiguration {

		@Bean
		CleanupSchedule mySchedule(RedisCleanup cleanup, DistributedLocks locks) {
			return new CleanupSchedule(cleanup, locks, Duration.ofDays(1), null, Duration.ofMinutes(1), true,
					RedisThreads.platform());
		}

	}

	private static String toCamel(String dashed) {
		StringBuilder camel = new StringBuilder();
		boolean upper = false;
		for (char c : dashed.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				camel.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return camel.toString();
	}

}
