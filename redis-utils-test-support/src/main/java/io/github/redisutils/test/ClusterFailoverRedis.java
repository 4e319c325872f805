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
import java.util.List;
import java.util.stream.Collectors;

import io.lettuce.core.api.sync.RedisCommands;

/**
 * A Redis Cluster of three masters with a replica each, owned by one test, that can lose
 * a master ({@link #killMaster(int)}). The node timeout is one second, so a replica takes
 * over about two seconds after its master died.
 * <p>
 * Start one with {@link RedisServers#clusterFailover()} and {@link #close() close} it
 * when done (else it stops when the JVM exits).
 */
public final class ClusterFailoverRedis implements AutoCloseable {

	private static final Duration PROMOTION_TIMEOUT = Duration.ofSeconds(20);

	private final List<RedisProcess> processes;

	private final AutoCloseable owned;

	ClusterFailoverRedis(List<RedisProcess> processes, AutoCloseable owned) {
		this.processes = List.copyOf(processes);
		this.owned = owned;
	}

	/**
	 * Returns the addresses of every node, the three masters first, then their replicas
	 * in the same order.
	 * @return the nodes
	 */
	public List<HostPort> nodes() {
		return this.processes.stream().map(RedisProcess::address).toList();
	}

	/**
	 * Returns {@code spring.data.redis.cluster.nodes} listing every node.
	 * @return the properties
	 */
	public String[] springProperties() {
		return new String[] { "spring.data.redis.cluster.nodes="
				+ nodes().stream().map(HostPort::toString).collect(Collectors.joining(",")) };
	}

	/**
	 * Kills master {@code index} (0 to 2, as first started) with {@code SIGKILL} and
	 * waits until its replica is a master and every surviving node reports
	 * {@code cluster_state:ok}.
	 * @param index which master
	 * @return the promotion: the dead master, its promoted replica and how long it took
	 */
	public SentinelFailoverRedis.Promotion killMaster(int index) {
		RedisProcess master = this.processes.get(index);
		RedisProcess replica = this.processes.get(ClusterBootstrap.MASTERS + index);
		long started = System.nanoTime();
		master.stop();
		Polling.await(PROMOTION_TIMEOUT, "replica " + replica.address() + " to take over", () -> {
			if (!SetupConnection.call(replica.address(), (commands) -> commands.info("replication"))
				.contains("role:master")) {
				return false;
			}
			for (RedisProcess process : this.processes) {
				if (process != master && !SetupConnection.call(process.address(), RedisCommands::clusterInfo)
					.contains("cluster_state:ok")) {
					return false;
				}
			}
			return true;
		}, () -> replica.logTail());
		return new SentinelFailoverRedis.Promotion(master.address(), replica.address(),
				Duration.ofNanos(System.nanoTime() - started));
	}

	/**
	 * Stops every node.
	 */
	@Override
	public void close() {
		Cleanup.unregister(this.owned);
		Cleanup.closeQuietly(this.owned);
	}

	@Override
	public String toString() {
		return "ClusterFailoverRedis" + nodes();
	}

}
