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

import io.github.redisutils.core.SentinelPrimaryWatcher;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisUtilsFailoverAutoConfiguration} and
 * {@link RedisUtilsClusterRefreshAutoConfiguration}.
 *
 * @author redis-utils authors
 */
class RedisUtilsFailoverAutoConfigurationTests {

	private static final String CLUSTER = "spring.data.redis.cluster.nodes=127.0.0.1:1,127.0.0.1:2";

	private static final String SENTINEL_MASTER = "spring.data.redis.sentinel.master=mymaster";

	private static final String SENTINEL_NODES = "spring.data.redis.sentinel.nodes=127.0.0.1:1";

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RedisUtilsClusterRefreshAutoConfiguration.class, DataRedisAutoConfiguration.class,
					RedisUtilsAutoConfiguration.class, RedisUtilsFailoverAutoConfiguration.class));

	@Test
	void aClusterGetsAdaptiveAndPeriodicTopologyRefreshByDefault() {
		this.runner.withPropertyValues(CLUSTER).run((context) -> {
			LettuceClientOptionsBuilderCustomizer customizer = context.getBean("redisUtilsClusterTopologyRefresh",
					LettuceClientOptionsBuilderCustomizer.class);
			ClusterClientOptions.Builder builder = ClusterClientOptions.builder();
			customizer.customize(builder);
			ClusterTopologyRefreshOptions refresh = builder.build().getTopologyRefreshOptions();
			assertThat(refresh.isPeriodicRefreshEnabled()).isTrue();
			assertThat(refresh.getRefreshPeriod()).hasSeconds(2);
			assertThat(refresh.getAdaptiveRefreshTriggers()).isNotEmpty();
			assertThat(refresh.getAdaptiveRefreshTimeout()).hasSeconds(1);
		});
	}

	@Test
	void theRefreshPeriodIsConfigurable() {
		this.runner.withPropertyValues(CLUSTER, "redis.failover.cluster-refresh-period=5s").run((context) -> {
			ClusterClientOptions.Builder builder = ClusterClientOptions.builder();
			context.getBean("redisUtilsClusterTopologyRefresh", LettuceClientOptionsBuilderCustomizer.class)
				.customize(builder);
			assertThat(builder.build().getTopologyRefreshOptions().getRefreshPeriod()).hasSeconds(5);
		});
	}

	@Test
	void theRefreshBacksOffWhenTheUserConfiguredLettucesRefresh() {
		this.runner.withPropertyValues(CLUSTER, "spring.data.redis.lettuce.cluster.refresh.adaptive=false")
			.run((context) -> assertThat(context).doesNotHaveBean("redisUtilsClusterTopologyRefresh"));
		this.runner.withPropertyValues(CLUSTER, "spring.data.redis.lettuce.cluster.refresh.period=30s")
			.run((context) -> assertThat(context).doesNotHaveBean("redisUtilsClusterTopologyRefresh"));
	}

	@Test
	void theRefreshIsSwitchedOffByItsProperty() {
		this.runner.withPropertyValues(CLUSTER, "redis.failover.cluster-refresh=false")
			.run((context) -> assertThat(context).doesNotHaveBean("redisUtilsClusterTopologyRefresh"));
	}

	@Test
	void noRefreshCustomizerWithoutACluster() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean("redisUtilsClusterTopologyRefresh"));
	}

	@Test
	void aSentinelConfigurationGetsAPrimaryWatcher() {
		this.runner.withPropertyValues(SENTINEL_MASTER, SENTINEL_NODES)
			.run((context) -> assertThat(context).hasSingleBean(SentinelPrimaryWatcher.class));
	}

	@Test
	void thePrimaryWatcherIsSwitchedOffByItsProperty() {
		this.runner.withPropertyValues(SENTINEL_MASTER, SENTINEL_NODES, "redis.failover.follow-primary=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SentinelPrimaryWatcher.class));
	}

	@Test
	void noPrimaryWatcherWithoutSentinel() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(SentinelPrimaryWatcher.class));
	}

}
