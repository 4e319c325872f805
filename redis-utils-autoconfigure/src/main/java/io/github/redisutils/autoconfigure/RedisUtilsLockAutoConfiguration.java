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

import io.github.redisutils.core.OutageBackoffs;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.lock.DistributedLockAdvisor;
import io.github.redisutils.lock.DistributedLockInterceptor;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.lock.LockLostListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.aop.Advisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Distributed locks: the {@link DistributedLocks} registry and, with Spring AOP on the
 * class path, the {@link io.github.redisutils.lock.DistributedLock @DistributedLock}
 * annotation. Switched off by {@code redis.lock.enabled=false}.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = RedisUtilsAutoConfiguration.class)
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnBean({ RedisConnectionFactory.class, RedisKeys.class })
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "redis.lock.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RedisLockProperties.class)
public final class RedisUtilsLockAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DistributedLocks distributedLocks(RedisConnectionFactory redisConnectionFactory, RedisKeys redisKeys,
			RedisLockProperties properties, ObjectProvider<MeterRegistry> meterRegistry,
			ObjectProvider<LockLostListener> lostListeners, ObjectProvider<RedisThreads> redisThreads,
			ObjectProvider<OutageBackoffs> outageBackoffs) {
		return DistributedLocks.create(redisConnectionFactory, redisKeys, properties.toOptions(),
				MeterRegistries.applicationOrNoop(meterRegistry), lostListeners.orderedStream().toList(),
				redisThreads.getIfAvailable(RedisThreads::platform),
				outageBackoffs.getIfAvailable(OutageBackoffs::disabled).forFeature(DistributedLocks.FEATURE));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Advisor.class, MethodInterceptor.class })
	static class DistributedLockAnnotationConfiguration {

		// Static and lazy in its dependencies: advisors are created early, by the
		// auto-proxy creator, and must not drag the Redis beans along.
		@Bean
		@ConditionalOnMissingBean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static DistributedLockAdvisor distributedLockAdvisor(ObjectProvider<DistributedLocks> distributedLocks,
				ObjectProvider<RedisLockProperties> properties) {
			return new DistributedLockAdvisor(new DistributedLockInterceptor(distributedLocks::getObject,
					() -> properties.getObject().getWait()));
		}

	}

}
