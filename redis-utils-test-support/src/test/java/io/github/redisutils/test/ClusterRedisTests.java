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

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterRedis} as shared by {@link RedisServers#cluster()}.
 */
class ClusterRedisTests {

	private final ClusterRedis cluster = RedisServers.cluster();

	@Test
	void everyNodeReportsTheClusterOkWithAllSlotsAssigned() {
		assertThat(this.cluster.nodes()).hasSize(3);
		for (HostPort node : this.cluster.nodes()) {
			assertThat(TestClients.clusterInfo(node)).contains("cluster_state:ok")
				.contains("cluster_slots_assigned:16384")
				.contains("cluster_known_nodes:3");
		}
	}

	@Test
	void threeMastersShareTheSlotsBetweenThem() {
		TestClients.cluster(this.cluster, (client) -> {
			List<RedisClusterNode> nodes = client.getPartitions().getPartitions();
			assertThat(nodes).hasSize(3).allMatch((node) -> node.is(NodeFlag.UPSTREAM));
			Set<Integer> slots = new HashSet<>();
			nodes.forEach((node) -> slots.addAll(node.getSlots()));
			assertThat(slots).hasSize(16384);
		});
	}

	@Test
	void keysInDifferentSlotsOnEveryMasterAreWrittenAndReadThroughAClusterClient() {
		List<String> keys = IntStream.range(0, 30).mapToObj((i) -> "cluster-tests:key-" + i).toList();
		TestClients.cluster(this.cluster, (client) -> {
			Set<String> owners = new HashSet<>();
			keys.forEach(
					(key) -> owners.add(client.getPartitions().getPartitionBySlot(SlotHash.getSlot(key)).getNodeId()));
			assertThat(owners).as("masters owning the keys").hasSize(3);
			try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
				RedisAdvancedClusterCommands<String, String> commands = connection.sync();
				keys.forEach((key) -> commands.set(key, key.toUpperCase()));
				keys.forEach((key) -> assertThat(commands.get(key)).isEqualTo(key.toUpperCase()));
			}
		});
	}

	@Test
	void flushAllEmptiesEveryMaster() {
		TestClients.cluster(this.cluster, (client) -> {
			try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
				IntStream.range(0, 30).forEach((i) -> connection.sync().set("cluster-tests:flush-" + i, "x"));
			}
		});
		this.cluster.flushAll();
		for (HostPort node : this.cluster.nodes()) {
			assertThat(TestClients.dbsize(node)).isZero();
		}
	}

	@Test
	void springPropertiesListEveryNode() {
		List<HostPort> nodes = this.cluster.nodes();
		assertThat(this.cluster.springProperties()).containsExactly(
				"spring.data.redis.cluster.nodes=" + nodes.get(0) + "," + nodes.get(1) + "," + nodes.get(2));
	}

	@Test
	void theClusterIsSharedAcrossCalls() {
		assertThat(RedisServers.cluster()).isSameAs(this.cluster);
	}

}
