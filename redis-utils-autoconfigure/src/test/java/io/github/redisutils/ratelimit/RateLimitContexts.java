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
package io.github.redisutils.ratelimit;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsRateLimitAutoConfiguration;
import io.github.redisutils.test.RedisEndpoint;
import io.github.redisutils.test.RedisServers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Application contexts with rate limiting over a real Redis, for the tests of this
 * package.
 *
 * @author redis-utils authors
 */
final class RateLimitContexts {

	private RateLimitContexts() {
	}

	static ApplicationContextRunner runner() {
		return runner(RedisServers.standalone());
	}

	static ApplicationContextRunner runner(RedisEndpoint redis) {
		return runner(redis.springProperties());
	}

	static ApplicationContextRunner runner(String... redisProperties) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					RedisUtilsAutoConfiguration.class, RedisUtilsRateLimitAutoConfiguration.class))
			.withPropertyValues(redisProperties)
			.withPropertyValues("redis.key-prefix=ratelimit-tests");
	}

	static String uniqueKey(String prefix) {
		return prefix + "-" + java.util.UUID.randomUUID();
	}

}
