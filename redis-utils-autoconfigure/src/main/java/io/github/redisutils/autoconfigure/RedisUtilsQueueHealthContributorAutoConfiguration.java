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

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.redisutils.actuate.RedisHealthContribution;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.queue.QueueSizes;
import io.github.redisutils.queue.QueueWorkers;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code queues} child of the {@code redis} health contributor: per configured queue,
 * its sizes, the age of its oldest waiting job and the jobs running in this instance.
 * Thresholds ({@code redis.queue.health.*}) add warnings to the details or turn it DOWN.
 * UNKNOWN when Redis cannot be read (the {@code connection} child says why).
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
	@ConditionalOnMissingBean(name = "queuesHealthContribution")
	RedisHealthContribution queuesHealthContribution(JobQueues jobQueues, RedisQueueProperties properties,
			ObjectProvider<QueueWorkers> queueWorkers) {
		HealthIndicator indicator = () -> health(jobQueues, properties, queueWorkers.getIfAvailable());
		return new RedisHealthContribution("queues", indicator);
	}

	static Health health(JobQueues jobQueues, RedisQueueProperties properties, @Nullable QueueWorkers workers) {
		RedisQueueProperties.Health thresholds = properties.getHealth();
		Map<String, Integer> running = (workers != null) ? workers.running() : Map.of();
		Map<String, Object> queues = new LinkedHashMap<>();
		List<String> warnings = new ArrayList<>();
		boolean down = false;
		for (String name : properties.getQueues().keySet()) {
			QueueSizes sizes;
			try {
				sizes = jobQueues.queue(name).sizes();
			}
			catch (RuntimeException ex) {
				return Health.unknown().withDetail("error", ex.getMessage()).build();
			}
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("waiting", sizes.waiting());
			details.put("delayed", sizes.delayed());
			details.put("active", sizes.active());
			details.put("dead", sizes.dead());
			details.put("completed", sizes.completed());
			Duration age = sizes.oldestWaitingAge();
			if (age != null) {
				details.put("oldestWaitingAge", age.toString());
			}
			if (running.containsKey(name)) {
				details.put("runningHere", running.get(name));
			}
			queues.put(name, details);
			if (thresholds.getDeadDown() != null && sizes.dead() >= thresholds.getDeadDown()) {
				down = true;
				warnings.add(name + ": " + sizes.dead() + " dead jobs");
			}
			else if (sizes.dead() >= thresholds.getDeadWarning()) {
				warnings.add(name + ": " + sizes.dead() + " dead jobs");
			}
			if (age != null && thresholds.getWaitingAgeDown() != null
					&& age.compareTo(thresholds.getWaitingAgeDown()) >= 0) {
				down = true;
				warnings.add(name + ": oldest waiting job ready for " + age);
			}
			else if (age != null && age.compareTo(thresholds.getWaitingAgeWarning()) >= 0) {
				warnings.add(name + ": oldest waiting job ready for " + age);
			}
		}
		Health.Builder builder = down ? Health.down() : Health.up();
		builder.withDetail("queues", queues);
		if (!warnings.isEmpty()) {
			builder.withDetail("warnings", warnings);
		}
		return builder.build();
	}

}
