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

import io.github.redisutils.actuate.QueuesHealthIndicator;
import io.github.redisutils.actuate.RedisHealthContribution;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.queue.QueueWorkers;
import io.github.redisutils.queue.QueuesStatus;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code queue} child of the {@code redis} health contributor: per configured queue,
 * its sizes, the age of its oldest waiting job and the jobs running in this instance.
 * Thresholds ({@code redis.queue.health.*}) add a warning to the details, or turn it DOWN
 * when the user set a DOWN threshold. Switched off alone by
 * {@code management.health.redis.queue.enabled=false}.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = RedisUtilsQueueAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(JobQueues.class)
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("redis")
public final class RedisUtilsQueueHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "queueHealthContribution")
	@ConditionalOnEnabledHealthIndicator("redis.queue")
	RedisHealthContribution queueHealthContribution(JobQueues jobQueues, RedisQueueProperties properties,
			ObjectProvider<QueueWorkers> queueWorkers) {
		List<String> names = List.copyOf(properties.getQueues().keySet());
		return new RedisHealthContribution(JobQueues.FEATURE,
				new QueuesHealthIndicator(() -> QueuesStatus.of(jobQueues, names, queueWorkers.getIfAvailable()),
						properties.getHealth().toThresholds()));
	}

}
