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

import io.github.redisutils.actuate.RedisServerMetrics;
import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.core.SentinelPrimaryWatcher;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The server meters ({@code redis.server.*}): INFO of every node the application talks
 * to, sampled every {@code redis.metrics.server.interval} when a {@link MeterRegistry}
 * bean exists. Spring Boot binds the {@link RedisServerMetrics} bean, a
 * {@code MeterBinder}, to its registries. Nodes are read through Lettuce.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(
		after = { DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsFailoverAutoConfiguration.class },
		afterName = {
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration" })
@ConditionalOnClass({ RedisConnectionFactory.class, MeterRegistry.class, LettuceConnectionFactory.class })
@ConditionalOnBean({ RedisConnectionFactory.class, MeterRegistry.class })
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "redis.metrics.server.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RedisMetricsProperties.class)
public final class RedisUtilsServerMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisServerMetrics redisServerMetrics(RedisConnectionFactory redisConnectionFactory,
			RedisMetricsProperties properties, ObjectProvider<RedisThreads> redisThreads,
			ObjectProvider<SentinelPrimaryWatcher> sentinelPrimaryWatcher) {
		RedisMetricsProperties.Server server = properties.getServer();
		return new RedisServerMetrics(redisConnectionFactory, server.getInterval(), server.getTimeout(),
				redisThreads.getIfAvailable(RedisThreads::platform), () -> {
					SentinelPrimaryWatcher watcher = sentinelPrimaryWatcher.getIfAvailable();
					return (watcher != null) ? watcher.primary() : null;
				});
	}

}
