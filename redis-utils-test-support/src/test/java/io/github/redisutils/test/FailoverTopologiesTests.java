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
package io.github.redisutils.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SentinelFailoverRedis} and {@link ClusterFailoverRedis}.
 */
class FailoverTopologiesTests {

	@Test
	void aGracefulFailoverPromotesTheReplicaAndAKillPromotesTheOldPrimaryAfterItsRestart() {
		try (SentinelFailoverRedis topology = RedisServers.sentinelFailover()) {
			assertThat(topology.springProperties()[1]).contains(topology.sentinels().get(2).toString());
			TestClients.call(topology.primary(), (commands) -> commands.set("failover-tests:k", "v"));
			SentinelFailoverRedis.Promotion graceful = topology.failover();
			assertThat(graceful.newPrimary()).isNotEqualTo(graceful.oldPrimary());
			assertThat(graceful.took()).isLessThan(Duration.ofSeconds(10));
			assertThat(TestClients.get(graceful.newPrimary(), "failover-tests:k")).isEqualTo("v");
			// Wait until the old primary replicates the new one, else it holds no data
			// to hand over.
			Polling.await(Duration.ofSeconds(20), "the old primary to become a replica",
					() -> TestClients.call(graceful.oldPrimary(), (commands) -> commands.info("replication"))
						.contains("master_link_status:up"),
					() -> "");
			SentinelFailoverRedis.Promotion killed = topology.killPrimary();
			assertThat(killed.oldPrimary()).isEqualTo(graceful.newPrimary());
			assertThat(killed.newPrimary()).isEqualTo(graceful.oldPrimary());
			assertThat(TestClients.get(killed.newPrimary(), "failover-tests:k")).isEqualTo("v");
			topology.restart(killed.oldPrimary());
		}
	}

	@Test
	void aKilledClusterMasterIsReplacedByItsReplica() {
		try (ClusterFailoverRedis cluster = RedisServers.clusterFailover()) {
			assertThat(cluster.nodes()).hasSize(6);
			SentinelFailoverRedis.Promotion promotion = cluster.killMaster(1);
			assertThat(promotion.newPrimary()).isEqualTo(cluster.nodes().get(4));
			assertThat(TestClients.clusterInfo(cluster.nodes().get(0))).contains("cluster_state:ok");
		}
	}

}
