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

import java.util.List;

import io.github.redisutils.core.OutageBackoffs;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisServerClock;
import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.core.codec.ValueCodec;
import io.github.redisutils.queue.JobHandlerBeanPostProcessor;
import io.github.redisutils.queue.JobHandlers;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.queue.QueueGauges;
import io.github.redisutils.queue.QueueWorkers;
import io.github.redisutils.queue.RecurringJobScheduler;
import io.github.redisutils.queue.RecurringJobs;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Job queues: the {@link JobQueues}, the {@link JobHandlers} registry filled from
 * {@link io.github.redisutils.queue.JobHandler @JobHandler} methods, the
 * {@link QueueWorkers} of the queues under {@code redis.queue.queues} and their gauges.
 * Each queue's settings ({@code redis.queue.queues.<name>.*} over the
 * {@code redis.queue.*} defaults) pass through the {@link QueueSettingsCustomizer} beans,
 * in order. Switched off by {@code redis.queue.enabled=false}; the workers alone by
 * {@code redis.queue.workers-enabled=false}.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = RedisUtilsAutoConfiguration.class)
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnBean({ RedisConnectionFactory.class, RedisKeys.class, ValueCodec.class })
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "redis.queue.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RedisQueueProperties.class)
public final class RedisUtilsQueueAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JobQueues jobQueues(RedisConnectionFactory redisConnectionFactory, RedisKeys redisKeys, ValueCodec valueCodec,
			RedisQueueProperties properties, ObjectProvider<QueueSettingsCustomizer> customizers,
			ObjectProvider<OutageBackoffs> outageBackoffs, ObjectProvider<MeterRegistry> meterRegistry) {
		return JobQueues.create(redisConnectionFactory, redisKeys, valueCodec,
				properties.toSettingsResolver(customizers.orderedStream().toList()),
				outageBackoffs.getIfAvailable(OutageBackoffs::disabled).forFeature(JobQueues.FEATURE),
				MeterRegistries.applicationOrNoop(meterRegistry));
	}

	@Bean
	@ConditionalOnMissingBean
	JobHandlers jobHandlers() {
		return new JobHandlers();
	}

	// Static and lazy in its dependency: post-processors are created before other beans.
	@Bean
	@ConditionalOnMissingBean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static JobHandlerBeanPostProcessor jobHandlerBeanPostProcessor(ObjectProvider<JobHandlers> jobHandlers) {
		return new JobHandlerBeanPostProcessor(jobHandlers::getObject);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "redis.queue.workers-enabled", matchIfMissing = true)
	QueueWorkers queueWorkers(JobQueues jobQueues, JobHandlers jobHandlers, RedisQueueProperties properties,
			ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<RedisThreads> redisThreads) {
		return new QueueWorkers(jobQueues, jobHandlers, List.copyOf(properties.getQueues().keySet()),
				properties.getBlockTimeout(), properties.getShutdownTimeout(),
				MeterRegistries.applicationOrNoop(meterRegistry), redisThreads.getIfAvailable(RedisThreads::platform));
	}

	@Bean
	@ConditionalOnMissingBean(RecurringJobs.class)
	@ConditionalOnBooleanProperty(name = "redis.queue.schedules-enabled", matchIfMissing = true)
	RecurringJobScheduler recurringJobs(JobQueues jobQueues, RedisConnectionFactory redisConnectionFactory,
			RedisQueueProperties properties, ObjectProvider<MeterRegistry> meterRegistry,
			ObjectProvider<RedisThreads> redisThreads) {
		RecurringJobScheduler scheduler = new RecurringJobScheduler(jobQueues,
				new RedisServerClock(redisConnectionFactory), MeterRegistries.applicationOrNoop(meterRegistry),
				redisThreads.getIfAvailable(RedisThreads::platform));
		properties.getSchedules().forEach((name, schedule) -> scheduler.register(name, schedule.toRecurringJob()));
		return scheduler;
	}

	// A MeterBinder bean: Spring Boot's metrics support binds it to every registry, once.
	@Bean
	@ConditionalOnMissingBean
	QueueGauges queueGauges(JobQueues jobQueues, RedisQueueProperties properties) {
		return new QueueGauges(jobQueues, List.copyOf(properties.getQueues().keySet()));
	}

}
