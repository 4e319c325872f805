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

import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Switches Lettuce's adaptive and periodic Cluster topology refresh on when a Cluster is
 * configured and the user did not decide
 * ({@code spring.data.redis.lettuce.cluster.refresh.adaptive} and {@code .period} unset).
 * With Spring Boot's defaults Lettuce learns of a promoted replica only when a command is
 * redirected, so features fail for seconds after a master is lost. Switched off by
 * {@code redis.failover.cluster-refresh=false}.
 * <p>
 * A {@link LettuceClientOptionsBuilderCustomizer} rather than a client configuration
 * customizer: it refines the client options that Spring Boot built (timeouts, SSL,
 * protocol) instead of replacing them. It runs before {@link DataRedisAutoConfiguration}
 * so that the connection factory finds it.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(before = DataRedisAutoConfiguration.class)
@ConditionalOnClass({ ClusterClientOptions.class, LettuceClientOptionsBuilderCustomizer.class })
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "redis.failover.cluster-refresh", matchIfMissing = true)
@ConditionalOnProperty(prefix = "spring.data.redis.cluster", name = "nodes")
@Conditional(RedisUtilsClusterRefreshAutoConfiguration.RefreshUndecided.class)
@EnableConfigurationProperties(RedisFailoverProperties.class)
public final class RedisUtilsClusterRefreshAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "redisUtilsClusterTopologyRefresh")
	LettuceClientOptionsBuilderCustomizer redisUtilsClusterTopologyRefresh(RedisFailoverProperties properties,
			Environment environment) {
		Duration period = properties.getClusterRefreshPeriod();
		boolean dynamicSources = environment
			.getProperty("spring.data.redis.lettuce.cluster.refresh.dynamic-refresh-sources", Boolean.class, true);
		ClusterTopologyRefreshOptions refresh = ClusterTopologyRefreshOptions.builder()
			.enablePeriodicRefresh(period)
			.enableAllAdaptiveRefreshTriggers()
			// A refresh right after the loss still sees the dead master; the next one
			// must not wait Lettuce's default 30 s.
			.adaptiveRefreshTriggersTimeout(Duration.ofMillis(Math.max(100, period.toMillis() / 2)))
			.refreshTriggersReconnectAttempts(1)
			.dynamicRefreshSources(dynamicSources)
			.build();
		return (builder) -> {
			if (builder instanceof ClusterClientOptions.Builder cluster) {
				cluster.topologyRefreshOptions(refresh);
			}
		};
	}

	/**
	 * Matches when neither {@code spring.data.redis.lettuce.cluster.refresh.adaptive} nor
	 * {@code spring.data.redis.lettuce.cluster.refresh.period} is set.
	 */
	static final class RefreshUndecided extends SpringBootCondition {

		private static final String PREFIX = "spring.data.redis.lettuce.cluster.refresh.";

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Environment environment = context.getEnvironment();
			for (String name : new String[] { "adaptive", "period" }) {
				if (environment.containsProperty(PREFIX + name)) {
					return ConditionOutcome.noMatch(PREFIX + name + " is set: the user decided");
				}
			}
			return ConditionOutcome.match("no Cluster topology refresh configured");
		}

	}

}
