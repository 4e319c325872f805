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
package io.github.redisutils.actuate;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link RedisServerInfo}, the one parser of {@code INFO} replies, and of
 * {@link RedisEvictionRisk}.
 *
 * @author redis-utils authors
 */
class RedisServerInfoTests {

	private static final String INFO = String.join("\r\n", "# Server", "redis_version:7.0.15", "uptime_in_seconds:42",
			"", "# Clients", "connected_clients:3", "blocked_clients:1", "", "# Memory", "used_memory:1048576",
			"maxmemory:2097152", "maxmemory_policy:allkeys-lru", "mem_fragmentation_ratio:1.25", "", "# Stats",
			"total_commands_processed:100", "keyspace_hits:7", "keyspace_misses:3", "expired_keys:2", "evicted_keys:0",
			"", "# Replication", "role:master", "connected_slaves:2",
			"slave0:ip=10.0.0.2,port=6380,state=online,offset=900,lag=0",
			"slave1:ip=10.0.0.3,port=6381,state=online,offset=1000,lag=1", "master_repl_offset:1000", "", "# Keyspace",
			"db0:keys=12,expires=4,avg_ttl=1000", "db3:keys=5,expires=0,avg_ttl=0", "");

	@Test
	void readsEverySectionTheMetersUse() {
		RedisServerInfo info = RedisServerInfo.parse("127.0.0.1:6379", INFO);
		assertThat(info.node()).isEqualTo("127.0.0.1:6379");
		assertThat(info.version()).isEqualTo("7.0.15");
		assertThat(info.uptimeSeconds()).isEqualTo(42);
		assertThat(info.connectedClients()).isEqualTo(3);
		assertThat(info.blockedClients()).isEqualTo(1);
		assertThat(info.usedMemory()).isEqualTo(1048576);
		assertThat(info.maxMemory()).isEqualTo(2097152);
		assertThat(info.usedMemoryPercent()).isEqualTo(50.0);
		assertThat(info.maxMemoryPolicy()).isEqualTo("allkeys-lru");
		assertThat(info.fragmentationRatio()).isEqualTo(1.25);
		assertThat(info.commandsProcessed()).isEqualTo(100);
		assertThat(info.keyspaceHits()).isEqualTo(7);
		assertThat(info.keyspaceMisses()).isEqualTo(3);
		assertThat(info.expiredKeys()).isEqualTo(2);
		assertThat(info.evictedKeys()).isZero();
		assertThat(info.isReplica()).isFalse();
		assertThat(info.keysPerDatabase()).containsExactly(Map.entry(0, 12L), Map.entry(3, 5L));
		assertThat(info.slowlogLength()).isNull();
		assertThat(info.withSlowlogLength(4L).slowlogLength()).isEqualTo(4);
	}

	@Test
	void replicationLagIsTheMasterOffsetMinusEachReplicasOffset() {
		RedisServerInfo info = RedisServerInfo.parse("m:1", INFO);
		assertThat(info.replicaLag()).containsExactly(Map.entry("10.0.0.2:6380", 100L), Map.entry("10.0.0.3:6381", 0L));
	}

	@Test
	void malformedAndMissingNumbersAreAbsentNotExceptions() {
		RedisServerInfo info = RedisServerInfo.parse("n:1",
				"used_memory:12x\nmaxmemory:\nmem_fragmentation_ratio:nan\nuptime_in_seconds:99999999999999999999\n"
						+ "db0:keys=many,expires=0\ndbx:keys=1\nslave0:ip=a,port=1,offset=?\nmaster_repl_offset:5\n"
						+ "connected_clients\n:7\n");
		assertThat(info.usedMemory()).isNull();
		assertThat(info.maxMemory()).isNull();
		assertThat(info.fragmentationRatio()).isNull();
		assertThat(info.uptimeSeconds()).isNull();
		assertThat(info.connectedClients()).isNull();
		assertThat(info.usedMemoryPercent()).isNull();
		assertThat(info.keysPerDatabase()).isEmpty();
		assertThat(info.replicaLag()).isEmpty();
		assertThat(info.version()).isNull();
	}

	@Test
	void fieldsSkipHeadersAndKeepValuesWithColons() {
		assertThat(RedisServerInfo.fields("# Cluster\r\ncluster_state:ok\r\nexecutable:/usr/bin/redis:x\r\n"))
			.containsExactly(Map.entry("cluster_state", "ok"), Map.entry("executable", "/usr/bin/redis:x"));
	}

	@Test
	void allKeysPoliciesPutEveryFeatureInUseAtRisk() {
		Set<String> inUse = Set.of("cache", "queue", "lock", "session", "token-blacklist", "rate-limit");
		assertThat(RedisEvictionRisk.featuresAtRisk("allkeys-lru", 1024L, inUse)).containsExactly("queue", "lock",
				"session", "token-blacklist", "rate-limit", "cache");
		assertThat(RedisEvictionRisk.warning("allkeys-lfu", 1024L, Set.of("queue")))
			.startsWith("maxmemory-policy allkeys-lfu lets a full Redis evict any key, silently dropping queue jobs")
			.contains("noeviction")
			.contains("separate instance");
	}

	@Test
	void volatilePoliciesPutFeaturesWithTtlsAtRiskButNotQueues() {
		assertThat(RedisEvictionRisk.featuresAtRisk("volatile-ttl", null, List.of("queue", "lock", "cache")))
			.containsExactly("lock", "cache");
		assertThat(RedisEvictionRisk.warning("volatile-lru", 1L, List.of("session"))).contains("keys with a TTL")
			.contains("sessions");
	}

	@Test
	void noevictionNoLimitOrNoFeatureMeansNoRisk() {
		assertThat(RedisEvictionRisk.warning("noeviction", 1024L, List.of("queue"))).isNull();
		assertThat(RedisEvictionRisk.warning("allkeys-lru", 0L, List.of("queue"))).isNull();
		assertThat(RedisEvictionRisk.warning("allkeys-lru", 1024L, List.of())).isNull();
		assertThat(RedisEvictionRisk.warning(null, 1024L, List.of("queue"))).isNull();
	}

}
