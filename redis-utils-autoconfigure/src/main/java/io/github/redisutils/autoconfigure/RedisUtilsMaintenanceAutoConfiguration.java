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

import io.github.redisutils.core.RedisConfigurationException;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.maintenance.CleanupOptions;
import io.github.redisutils.maintenance.CleanupSchedule;
import io.github.redisutils.maintenance.RedisBackup;
import io.github.redisutils.maintenance.RedisCleanup;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.queue.QueueSettings;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of maintenance: {@link RedisBackup} (backup and restore of the
 * application's keys), {@link RedisCleanup} (removal of stale keys that cannot expire)
 * and, when asked for, its {@link CleanupSchedule}.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = { RedisUtilsAutoConfiguration.class, RedisUtilsLockAutoConfiguration.class,
		RedisUtilsQueueAutoConfiguration.class, RedisUtilsBlacklistAutoConfiguration.class,
		RedisUtilsPubSubAutoConfiguration.class })
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnBean(RedisConnectionFactory.class)
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "redis.maintenance.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RedisMaintenanceProperties.class)
public final class RedisUtilsMaintenanceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisBackup redisBackup(RedisConnectionFactory redisConnectionFactory, RedisKeys redisKeys,
			RedisMaintenanceProperties properties, ObjectProvider<MeterRegistry> meterRegistry) {
		return RedisBackup.create(redisConnectionFactory, redisKeys, properties.toBackupOptions(),
				properties.toRestoreOptions(), MeterRegistries.applicationOrNoop(meterRegistry));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "redis.maintenance.cleanup.enabled", matchIfMissing = true)
	static class CleanupConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RedisCleanup redisCleanup(RedisConnectionFactory redisConnectionFactory, RedisKeys redisKeys,
				RedisMaintenanceProperties properties, ObjectProvider<JobQueues> jobQueues,
				ObjectProvider<RedisTokenBlacklistProperties> blacklistProperties,
				ObjectProvider<RedisPubSubProperties> pubSubProperties, ObjectProvider<MeterRegistry> meterRegistry) {
			RedisTokenBlacklistProperties blacklist = blacklistProperties.getIfAvailable();
			RedisPubSubProperties pubSub = pubSubProperties.getIfAvailable();
			CleanupOptions options = properties.toCleanupOptions(
					(blacklist != null) ? blacklist.getMaxTokenLifetime()
							: CleanupOptions.DEFAULT_BLACKLIST_MAX_TOKEN_LIFETIME,
					(pubSub != null) ? pubSub.getNamespace() : null);
			JobQueues queues = jobQueues.getIfAvailable();
			QueueSettings.Resolver resolver = (queues != null) ? queues::settings : (queue) -> QueueSettings.defaults();
			return RedisCleanup.create(redisConnectionFactory, redisKeys, options, resolver,
					MeterRegistries.applicationOrNoop(meterRegistry));
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(DistributedLocks.class)
		@ConditionalOnBooleanProperty(name = "redis.maintenance.cleanup.schedule.enabled")
		CleanupSchedule redisCleanupSchedule(RedisCleanup redisCleanup, DistributedLocks distributedLocks,
				RedisMaintenanceProperties properties, ObjectProvider<RedisThreads> redisThreads) {
			RedisMaintenanceProperties.Cleanup.Schedule schedule = properties.getCleanup().getSchedule();
			return new CleanupSchedule(redisCleanup, distributedLocks, schedule.effectiveInterval(), schedule.getCron(),
					schedule.getLockLease(), properties.getCleanup().isDryRun(),
					redisThreads.getIfAvailable(RedisThreads::platform));
		}

		// A schedule asked for without the locks it runs under would silently never run.
		@Bean
		@ConditionalOnMissingBean({ DistributedLocks.class, CleanupSchedule.class })
		@ConditionalOnBooleanProperty(name = "redis.maintenance.cleanup.schedule.enabled")
		CleanupSchedule redisCleanupScheduleWithoutLocks() {
			throw new RedisConfigurationException("redis.maintenance.cleanup.schedule.enabled",
					"scheduled cleanups run on one instance at a time under a distributed lock, and there is no DistributedLocks bean",
					"Turn the locks on (redis.lock.enabled=true) or the schedule off");
		}

	}

}
