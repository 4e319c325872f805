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

import java.util.UUID;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsLockAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsShedLockAutoConfiguration;
import io.github.redisutils.core.RedisKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with the locks and their ShedLock provider, auto-configured, for tests
 * whose instances outlive one test method (ShedLock's contract tests).
 *
 * @author redis-utils authors
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
		RedisUtilsLockAutoConfiguration.class, RedisUtilsShedLockAutoConfiguration.class })
class ShedLockTestApplication {

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	/**
	 * Start an instance on a key prefix of its own.
	 */
	static ConfigurableApplicationContext start(String[] redisProperties, String... properties) {
		return new SpringApplicationBuilder(ShedLockTestApplication.class).web(WebApplicationType.NONE)
			.properties(redisProperties)
			.properties(properties)
			.properties("redis.key-prefix=shedlock-test-" + UUID.randomUUID(), "spring.main.banner-mode=off")
			.run();
	}

	static String lockKey(ConfigurableApplicationContext context, String name) {
		return context.getBean(RedisKeys.class).feature("lock").tagged(name);
	}

	static void assertLocked(ConfigurableApplicationContext context, String name) {
		assertThat(context.getBean(StringRedisTemplate.class).hasKey(lockKey(context, name)))
			.as("lock '%s' held in Redis", name)
			.isTrue();
	}

	static void assertUnlocked(ConfigurableApplicationContext context, String name) {
		assertThat(context.getBean(StringRedisTemplate.class).hasKey(lockKey(context, name)))
			.as("lock '%s' free in Redis", name)
			.isFalse();
	}

}
