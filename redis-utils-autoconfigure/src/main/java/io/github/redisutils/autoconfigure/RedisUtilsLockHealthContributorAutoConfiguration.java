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

import io.github.redisutils.actuate.LocksHealthIndicator;
import io.github.redisutils.actuate.RedisHealthContribution;
import io.github.redisutils.lock.DistributedLocks;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code lock} child of the {@code redis} health contributor: locks held by this
 * instance and the watchdog's state. Always UP: a failing watchdog is reported in the
 * details (and by the {@code connection} child), since taking the instance out of service
 * would not bring its locks back. Switched off alone by
 * {@code management.health.redis.lock.enabled=false}.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = RedisUtilsLockAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(DistributedLocks.class)
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("redis")
public final class RedisUtilsLockHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "lockHealthContribution")
	@ConditionalOnEnabledHealthIndicator("redis.lock")
	RedisHealthContribution lockHealthContribution(DistributedLocks distributedLocks) {
		return new RedisHealthContribution(DistributedLocks.FEATURE,
				new LocksHealthIndicator(distributedLocks::status));
	}

}
