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
package io.github.redisutils.cache;

import java.time.Duration;
import java.util.Map;

import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.SettingProblems;
import org.jspecify.annotations.Nullable;

/**
 * Behaviour shared by every cache of one {@link RedisCaches}: cross-instance
 * single-flight loading, what happens while Redis is unavailable, how caches are cleared
 * and how eagerly entries are refreshed early.
 *
 * @param singleFlight whether concurrent misses of one key, across instances, run the
 * loader once ({@code @Cacheable(sync = true)} and {@link CacheStore#getOrLoad})
 * @param lease how long the single-flight marker of a key lives: if the loading instance
 * dies, others may load once it has expired
 * @param maxWait longest time a caller waits for another instance's load before loading
 * itself
 * @param pollInterval how often a waiting caller looks for the loaded value
 * @param outageBackoff how long, after a failed Redis call, caches skip Redis and go
 * straight to their loaders; zero to try Redis on every call
 * @param clearBatchSize {@code SCAN COUNT} and deletion batch size of
 * {@link org.springframework.cache.Cache#clear()}
 * @param earlyRefreshBeta XFetch's beta: above 1 refreshes earlier, below 1 later
 * @author redis-utils authors
 */
public record CacheOptions(boolean singleFlight, Duration lease, Duration maxWait, Duration pollInterval,
		Duration outageBackoff, int clearBatchSize, double earlyRefreshBeta) {

	/**
	 * Create options, checking them.
	 * @param singleFlight whether single-flight loading is on
	 * @param lease time to live of the single-flight marker
	 * @param maxWait longest wait for another instance's load
	 * @param pollInterval interval of the waiting caller's reads
	 * @param outageBackoff how long Redis is skipped after a failure
	 * @param clearBatchSize batch size of clear
	 * @param earlyRefreshBeta XFetch's beta
	 */
	public CacheOptions {
		SettingProblems.throwIfAny("cache options",
				problems(lease, maxWait, pollInterval, outageBackoff, clearBatchSize, earlyRefreshBeta));
	}

	/**
	 * Return the problems of cache options, the rules used by the constructor and by
	 * start-up validation of {@code redis.cache.*}.
	 * @param lease time to live of the single-flight marker
	 * @param maxWait longest wait for another instance's load
	 * @param pollInterval interval of the waiting caller's reads
	 * @param outageBackoff how long Redis is skipped after a failure
	 * @param clearBatchSize batch size of clear
	 * @param earlyRefreshBeta XFetch's beta
	 * @return a problem per field name ({@code lease}, {@code maxWait},
	 * {@code pollInterval}, {@code outageBackoff}, {@code clearBatchSize},
	 * {@code earlyRefreshBeta}), empty when the values are acceptable
	 */
	public static Map<String, String> problems(@Nullable Duration lease, @Nullable Duration maxWait,
			@Nullable Duration pollInterval, @Nullable Duration outageBackoff, int clearBatchSize,
			double earlyRefreshBeta) {
		SettingProblems problems = new SettingProblems().positive("lease", lease)
			.notNegative("maxWait", maxWait)
			.positive("pollInterval", pollInterval)
			.notNegative("outageBackoff", outageBackoff)
			.atMost("outageBackoff", outageBackoff, OutageBackoff.MAX_BACKOFF, null)
			.atLeast("clearBatchSize", clearBatchSize, 1);
		if (!(earlyRefreshBeta > 0)) {
			problems.add("earlyRefreshBeta", "must be positive (was " + earlyRefreshBeta + ")");
		}
		return problems.toMap();
	}

	/**
	 * Return the defaults: single-flight on with a 10 s lease, a 5 s wait polled every 20
	 * ms, a 1 s outage back-off, clear in batches of 500, beta 1.
	 * @return the default options
	 */
	public static CacheOptions defaults() {
		return new CacheOptions(true, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMillis(20),
				Duration.ofSeconds(1), 500, 1.0);
	}

}
