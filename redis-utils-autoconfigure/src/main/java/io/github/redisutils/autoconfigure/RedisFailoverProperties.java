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

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of failover handling, under {@code redis.failover.*}:
 * following the primary that Sentinel switched to, and Lettuce's topology refresh on
 * Cluster.
 *
 * @author redis-utils authors
 */
@ConfigurationProperties("redis.failover")
public class RedisFailoverProperties {

	/**
	 * Whether every connection moves to the new primary when Sentinel switches it
	 * (+switch-master). Applies when spring.data.redis.sentinel.master is set.
	 */
	private boolean followPrimary = true;

	/**
	 * How often the Sentinels are asked for the primary in case a +switch-master message
	 * was missed.
	 */
	private Duration checkInterval = Duration.ofSeconds(1);

	/**
	 * Whether Lettuce's adaptive and periodic Cluster topology refresh are switched on
	 * when a Cluster is configured and neither
	 * spring.data.redis.lettuce.cluster.refresh.adaptive nor
	 * spring.data.redis.lettuce.cluster.refresh.period is set.
	 */
	private boolean clusterRefresh = true;

	/**
	 * Period of the Cluster topology refresh switched on by
	 * redis.failover.cluster-refresh; an adaptive refresh may also run at most once per
	 * half of it.
	 */
	private Duration clusterRefreshPeriod = Duration.ofSeconds(2);

	public boolean isFollowPrimary() {
		return this.followPrimary;
	}

	public void setFollowPrimary(boolean followPrimary) {
		this.followPrimary = followPrimary;
	}

	public Duration getCheckInterval() {
		return this.checkInterval;
	}

	public void setCheckInterval(Duration checkInterval) {
		this.checkInterval = checkInterval;
	}

	public boolean isClusterRefresh() {
		return this.clusterRefresh;
	}

	public void setClusterRefresh(boolean clusterRefresh) {
		this.clusterRefresh = clusterRefresh;
	}

	public Duration getClusterRefreshPeriod() {
		return this.clusterRefreshPeriod;
	}

	public void setClusterRefreshPeriod(Duration clusterRefreshPeriod) {
		this.clusterRefreshPeriod = clusterRefreshPeriod;
	}

}
