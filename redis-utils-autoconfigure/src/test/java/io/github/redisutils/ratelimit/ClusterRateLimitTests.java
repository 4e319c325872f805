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

import java.time.Duration;
import java.util.List;

import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Redis Cluster, each algorithm's state key and the block key of one client key share
 * a hash tag, so one script touches them on one node; keys of different clients spread
 * over the masters.
 *
 * @author redis-utils authors
 */
class ClusterRateLimitTests {

	@Test
	void everyAlgorithmAndBlocksWorkOnCluster() {
		RateLimitContexts.runner(RedisServers.cluster().springProperties())
			.withPropertyValues("redis.rate-limit.policies.tb.limit=3", "redis.rate-limit.policies.tb.window=1m",
					"redis.rate-limit.policies.gcra.algorithm=gcra", "redis.rate-limit.policies.gcra.limit=3",
					"redis.rate-limit.policies.gcra.window=1m", "redis.rate-limit.policies.sw.algorithm=sliding-window",
					"redis.rate-limit.policies.sw.limit=3", "redis.rate-limit.policies.sw.window=1m",
					"redis.rate-limit.policies.swa.algorithm=sliding-window-approximate",
					"redis.rate-limit.policies.swa.limit=3", "redis.rate-limit.policies.swa.window=1m",
					"redis.rate-limit.policies.fw.algorithm=fixed-window", "redis.rate-limit.policies.fw.limit=3",
					"redis.rate-limit.policies.fw.window=1m")
			.run((context) -> {
				RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
				for (int client = 0; client < 12; client++) {
					String key = RateLimitContexts.uniqueKey("client" + client);
					for (String policy : List.of("tb", "gcra", "sw", "swa", "fw")) {
						long allowed = 0;
						for (int i = 0; i < 5; i++) {
							allowed += registry.limiter(policy).tryAcquire(key).allowed() ? 1 : 0;
						}
						assertThat(allowed).as(policy).isEqualTo(3);
					}
					registry.block(key, Duration.ofMinutes(1));
					for (String policy : List.of("tb", "gcra", "fw")) {
						assertThat(registry.limiter(policy).tryAcquire(key).outcome()).as(policy)
							.isEqualTo(RateLimitOutcome.BLOCKED);
					}
					registry.unblock(key);
					for (String policy : List.of("tb", "gcra", "fw")) {
						registry.limiter(policy).reset(key);
						assertThat(registry.limiter(policy).tryAcquire(key).outcome()).as(policy)
							.isEqualTo(RateLimitOutcome.ALLOWED);
					}
				}
			});
	}

}
