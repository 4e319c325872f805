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

package io.github.redisutils.failover;

import java.util.UUID;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsBlacklistAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsCacheAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsClusterRefreshAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsFailoverAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsLockAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsPubSubAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsQueueAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsRateLimitAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsSessionAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * An application with every feature, as the failover suites run it.
 *
 * @author redis-utils authors
 */
final class FailoverContexts {

	private FailoverContexts() {
	}

	static ApplicationContextRunner application(String[] redisProperties, String... properties) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisUtilsClusterRefreshAutoConfiguration.class,
					DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
					RedisUtilsFailoverAutoConfiguration.class, RedisUtilsSessionAutoConfiguration.class,
					RedisUtilsBlacklistAutoConfiguration.class, RedisUtilsLockAutoConfiguration.class,
					RedisUtilsRateLimitAutoConfiguration.class, RedisUtilsQueueAutoConfiguration.class,
					RedisUtilsCacheAutoConfiguration.class, RedisUtilsPubSubAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues(redisProperties)
			.withPropertyValues("redis.key-prefix=failover-" + UUID.randomUUID().toString().substring(0, 8))
			.withPropertyValues(FailoverWorkload.properties())
			.withPropertyValues(properties);
	}

}
