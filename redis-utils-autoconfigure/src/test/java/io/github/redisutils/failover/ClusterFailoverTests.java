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

package io.github.redisutils.failover;

import java.time.Duration;

import io.github.redisutils.session.SessionStore;
import io.github.redisutils.test.ClusterFailoverRedis;
import io.github.redisutils.test.RedisServers;
import io.github.redisutils.test.SentinelFailoverRedis.Promotion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 3+3 Redis Cluster loses a master under a workload of every feature: with the topology
 * refresh that redis-utils switches on by default, features recover within two seconds of
 * the replica's promotion, without an application restart, and nothing acknowledged
 * before the kill is lost beyond the replication tail.
 *
 * @author redis-utils authors
 */
class ClusterFailoverTests {

	private static final long TAIL_NANOS = Duration.ofMillis(50).toNanos();

	@Test
	void featuresRecoverWithinTwoSecondsOfThePromotionAndLoseNothingAcknowledged() throws Exception {
		try (ClusterFailoverRedis cluster = RedisServers.clusterFailover()) {
			FailoverContexts.application(cluster.springProperties()).run((context) -> {
				FailoverWorkload workload = new FailoverWorkload(context);
				workload.start(2);
				Thread.sleep(1000);
				long trigger = System.nanoTime();
				Promotion promotion = cluster.killMaster(0);
				long promoted = System.nanoTime();
				Thread.sleep(4000);
				workload.close();
				long recoveredAfterPromotion = Math.max(0,
						Duration.ofNanos(workload.lastFailureNanos.get() - promoted).toMillis());
				System.out.println("FAILOVER cluster: promotion after " + promotion.took().toMillis() + " ms, "
						+ workload.summary(trigger) + ", last failure " + recoveredAfterPromotion
						+ " ms after the promotion");
				assertThat(workload.untyped).as("failures that are not typed exceptions").isEmpty();
				assertThat(recoveredAfterPromotion).as("ms from promotion to the last failure").isLessThan(2000);
				FailoverWorkload.Losses losses = workload
					.losses((at) -> at > trigger - TAIL_NANOS && at < trigger + TAIL_NANOS);
				assertThat(losses.sessions()).as("acknowledged sessions lost").isEmpty();
				assertThat(losses.revocations()).as("acknowledged revocations reported valid").isEmpty();
				assertThat(losses.jobs()).as("acknowledged jobs lost").isEmpty();
				assertThat(workload.tokenRegressions).as("fencing tokens that went backwards").hasValue(0);
				assertThat(workload.admitted.get()).isLessThanOrEqualTo(FailoverWorkload.RATE_LIMIT + 5);
				context.getBean(SessionStore.class).create("after-failover");
			});
		}
	}

}
