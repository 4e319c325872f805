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

import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.lock.shedlock.RedisShedLockProvider;
import net.javacrumbs.shedlock.core.LockProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * ShedLock on the distributed locks: with {@code shedlock-core} on the class path, a
 * {@link RedisShedLockProvider} unless the application defines its own
 * {@link LockProvider}. Switched off by {@code redis.lock.shedlock.enabled=false} (and
 * with the locks, by {@code redis.lock.enabled=false}).
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = RedisUtilsLockAutoConfiguration.class)
@ConditionalOnClass(LockProvider.class)
@ConditionalOnBean(DistributedLocks.class)
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "redis.lock.shedlock.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RedisShedLockProperties.class)
public final class RedisUtilsShedLockAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(LockProvider.class)
	RedisShedLockProvider shedLockProvider(DistributedLocks distributedLocks) {
		return new RedisShedLockProvider(distributedLocks);
	}

}
