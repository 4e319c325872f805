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

import io.github.redisutils.actuate.RedisEndpointSection;
import io.github.redisutils.actuate.RedisEndpointSections;
import io.github.redisutils.actuate.RedisServerMetrics;
import io.github.redisutils.actuate.RedisUtilsEndpoint;
import io.github.redisutils.blacklist.LocalRevocationCache;
import io.github.redisutils.blacklist.TokenBlacklistMonitor;
import io.github.redisutils.cache.RedisCaches;
import io.github.redisutils.cache.RedisUtilsCacheManager;
import io.github.redisutils.core.OutageBackoffs;
import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.pubsub.RedisPubSub;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.queue.QueueWorkers;
import io.github.redisutils.ratelimit.RateLimiterRegistry;
import io.github.redisutils.session.SessionMetrics;
import io.github.redisutils.session.SessionsStatus;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
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
 * The {@code redisutils} actuator endpoint, available when the application enables it (on
 * by default) and exposes it ({@code management.endpoints.web.exposure.include}), with a
 * {@link RedisEndpointSection} per feature in use. Any other {@link RedisEndpointSection}
 * bean is shown too.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = { RedisUtilsAutoConfiguration.class, RedisUtilsCacheAutoConfiguration.class,
		RedisUtilsLockAutoConfiguration.class, RedisUtilsRateLimitAutoConfiguration.class,
		RedisUtilsSessionAutoConfiguration.class, RedisUtilsBlacklistAutoConfiguration.class,
		RedisUtilsPubSubAutoConfiguration.class, RedisUtilsQueueAutoConfiguration.class,
		RedisUtilsServerMetricsAutoConfiguration.class })
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class, RedisConnectionFactory.class })
@ConditionalOnBean(RedisConnectionFactory.class)
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@ConditionalOnAvailableEndpoint(RedisUtilsEndpoint.class)
@EnableConfigurationProperties(RedisEndpointProperties.class)
public final class RedisUtilsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisUtilsEndpoint redisUtilsEndpoint(RedisEndpointProperties properties,
			ObjectProvider<RedisEndpointSection> sections, ObjectProvider<DistributedLocks> distributedLocks,
			ObjectProvider<RateLimiterRegistry> rateLimiterRegistry, ObjectProvider<JobQueues> jobQueues,
			ObjectProvider<RedisThreads> redisThreads, ObjectProvider<OutageBackoffs> outageBackoffs,
			ObjectProvider<MeterRegistry> meterRegistry) {
		List<RedisEndpointSection> ordered = sections.orderedStream().toList();
		return new RedisUtilsEndpoint(ordered,
				new RedisUtilsEndpoint.Operations(distributedLocks.getIfAvailable(),
						rateLimiterRegistry.getIfAvailable(), jobQueues.getIfAvailable()),
				properties.getTimeout(), redisThreads.getIfAvailable(RedisThreads::platform),
				outageBackoffs.getIfAvailable(OutageBackoffs::disabled),
				MeterRegistries.applicationOrNoop(meterRegistry));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(RedisCaches.class)
	static class CacheSection {

		@Bean
		@ConditionalOnMissingBean(name = "cacheEndpointSection")
		RedisEndpointSection cacheEndpointSection(RedisCaches redisCaches,
				ObjectProvider<RedisUtilsCacheManager> cacheManager) {
			return RedisEndpointSections.caches(redisCaches, cacheManager.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(DistributedLocks.class)
	static class LockSection {

		@Bean
		@ConditionalOnMissingBean(name = "lockEndpointSection")
		RedisEndpointSection lockEndpointSection(DistributedLocks distributedLocks) {
			return RedisEndpointSections.locks(distributedLocks);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(RateLimiterRegistry.class)
	static class RateLimitSection {

		@Bean
		@ConditionalOnMissingBean(name = "rateLimitEndpointSection")
		RedisEndpointSection rateLimitEndpointSection(RateLimiterRegistry rateLimiterRegistry) {
			return RedisEndpointSections.rateLimits(rateLimiterRegistry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(SessionMetrics.class)
	static class SessionSection {

		@Bean
		@ConditionalOnMissingBean(name = "sessionEndpointSection")
		RedisEndpointSection sessionEndpointSection(RedisSessionProperties properties, SessionMetrics sessionMetrics) {
			return RedisEndpointSections.sessions(() -> SessionsStatus.of(properties.toOptions(), sessionMetrics));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(TokenBlacklistMonitor.class)
	static class TokenBlacklistSection {

		@Bean
		@ConditionalOnMissingBean(name = "tokenBlacklistEndpointSection")
		RedisEndpointSection tokenBlacklistEndpointSection(TokenBlacklistMonitor tokenBlacklistMonitor,
				ObjectProvider<LocalRevocationCache> localRevocationCache) {
			return RedisEndpointSections.tokenBlacklist(tokenBlacklistMonitor, localRevocationCache.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(RedisPubSub.class)
	static class PubSubSection {

		@Bean
		@ConditionalOnMissingBean(name = "pubsubEndpointSection")
		RedisEndpointSection pubsubEndpointSection(RedisPubSub redisPubSub) {
			return RedisEndpointSections.pubSub(redisPubSub);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(JobQueues.class)
	static class QueueSection {

		@Bean
		@ConditionalOnMissingBean(name = "queueEndpointSection")
		RedisEndpointSection queueEndpointSection(JobQueues jobQueues, RedisQueueProperties properties,
				ObjectProvider<QueueWorkers> queueWorkers) {
			return RedisEndpointSections.queues(jobQueues, List.copyOf(properties.getQueues().keySet()),
					queueWorkers.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(RedisServerMetrics.class)
	static class ServerSection {

		@Bean
		@ConditionalOnMissingBean(name = "serverEndpointSection")
		RedisEndpointSection serverEndpointSection(RedisServerMetrics redisServerMetrics) {
			return RedisEndpointSections.server(redisServerMetrics);
		}

	}

}
