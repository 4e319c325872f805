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

/**
 * Real Redis servers for tests. Shared servers start on first use, once per JVM, and stop
 * when the JVM exits; nothing is ever skipped: a server that cannot be obtained fails the
 * test that asks for it with the reason.
 * <p>
 * A standalone server comes from the first of:
 * <ol>
 * <li>the {@code REDIS_URL} environment variable, used as is;</li>
 * <li>a {@code redis-server} on the {@code PATH}, started on a free loopback port;</li>
 * <li>Testcontainers ({@code redis:7}) if it is on the class path and a Docker engine
 * answers;</li>
 * <li>the {@code redis-server} binary embedded in
 * {@code com.github.codemonstur:embedded-redis}.</li>
 * </ol>
 * Cluster, Sentinel and dedicated servers are always started from a binary, the one on
 * the {@code PATH} else the embedded one, as they need processes that this module
 * controls.
 */
public final class RedisServers {

	private static final Lazy<StandaloneRedis> standalone = new Lazy<>(
			() -> StandaloneRedisFactory.fromSystem().create());

	private static final Lazy<ClusterRedis> cluster = new Lazy<>(() -> ClusterBootstrap.start(RedisBinary.system()));

	private static final Lazy<SentinelRedis> sentinel = new Lazy<>(() -> SentinelBootstrap.start(RedisBinary.system()));

	private static final Lazy<StandaloneRedis> standaloneTls = new Lazy<>(
			() -> StandaloneRedisFactory.start(RedisBinary.system(), TlsCertificates.get()));

	private static final Lazy<ClusterRedis> clusterTls = new Lazy<>(
			() -> ClusterBootstrap.start(RedisBinary.system(), TlsCertificates.get()));

	private static final Lazy<SentinelRedis> sentinelTls = new Lazy<>(
			() -> SentinelBootstrap.start(RedisBinary.system(), TlsCertificates.get()));

	private RedisServers() {
	}

	/**
	 * Returns the shared standalone server, starting it if needed.
	 * @return the server
	 * @throws IllegalStateException if none can be obtained
	 */
	public static StandaloneRedis standalone() {
		return standalone.get();
	}

	/**
	 * Returns the shared three-master Redis Cluster, starting it if needed. It reports
	 * {@code cluster_state:ok} on every node by the time this method returns.
	 * @return the cluster
	 * @throws IllegalStateException if it cannot be started
	 */
	public static ClusterRedis cluster() {
		return cluster.get();
	}

	/**
	 * Returns the shared Sentinel topology (primary, replica, Sentinel monitoring
	 * {@code mymaster}), starting it if needed. The replica is in sync and the Sentinel
	 * knows both servers by the time this method returns.
	 * @return the topology
	 * @throws IllegalStateException if it cannot be started
	 */
	public static SentinelRedis sentinel() {
		return sentinel.get();
	}

	/**
	 * Returns the shared standalone server that listens with TLS only, starting it if
	 * needed. It is always started from a binary (never {@code REDIS_URL}), with a
	 * certificate made at test time for {@code 127.0.0.1}; its
	 * {@link StandaloneRedis#springProperties() Spring Boot properties} include
	 * {@code spring.data.redis.ssl.*} and an SSL bundle that trusts the certificate's
	 * authority ({@link #tlsCertificates()}).
	 * @return the server
	 * @throws IllegalStateException if it cannot be started, for example because the
	 * binary was built without TLS (the message says what to install)
	 */
	public static StandaloneRedis standaloneTls() {
		return standaloneTls.get();
	}

	/**
	 * Returns the shared three-master Redis Cluster that listens with TLS only and runs
	 * its Cluster bus over TLS ({@code tls-cluster yes}), starting it if needed; see
	 * {@link #standaloneTls()}.
	 * @return the cluster
	 * @throws IllegalStateException if it cannot be started
	 */
	public static ClusterRedis clusterTls() {
		return clusterTls.get();
	}

	/**
	 * Returns the shared Sentinel topology (primary, replica, Sentinel) in which every
	 * process listens with TLS only, the replica replicates over TLS
	 * ({@code tls-replication yes}) and the Sentinel talks TLS to both servers, starting
	 * it if needed; see {@link #standaloneTls()}.
	 * @return the topology
	 * @throws IllegalStateException if it cannot be started
	 */
	public static SentinelRedis sentinelTls() {
		return sentinelTls.get();
	}

	/**
	 * Returns the certificates of the TLS servers, made once per JVM with the JDK's
	 * {@code keytool}: the certificate authority a client must trust, the servers'
	 * certificate and key.
	 * @return the certificates
	 * @throws IllegalStateException if they cannot be made
	 */
	public static TlsCertificates tlsCertificates() {
		return TlsCertificates.get();
	}

	/**
	 * Starts a Sentinel topology that belongs to the caller, who may fail it over: a
	 * primary, a replica and three Sentinels with quorum 2. The caller should
	 * {@link SentinelFailoverRedis#close() close} it when done.
	 * @param serverOptions options for both {@code redis-server} processes, for example
	 * {@code "--min-replicas-to-write", "1"}
	 * @return the running topology, with the replica in sync and every Sentinel aware of
	 * every server and Sentinel
	 * @throws IllegalStateException if it cannot be started
	 */
	public static SentinelFailoverRedis sentinelFailover(String... serverOptions) {
		return SentinelFailoverRedis.start(RedisBinary.system(), serverOptions);
	}

	/**
	 * Starts a Redis Cluster of three masters with a replica each that belongs to the
	 * caller, who may kill masters. The caller should {@link ClusterFailoverRedis#close()
	 * close} it when done.
	 * @return the running cluster, every replica in sync
	 * @throws IllegalStateException if it cannot be started
	 */
	public static ClusterFailoverRedis clusterFailover() {
		return ClusterBootstrap.startWithReplicas(RedisBinary.system());
	}

	/**
	 * Starts a new standalone server that belongs to the caller, who should
	 * {@link DedicatedRedis#close() close} it when done; if not, it stops when the JVM
	 * exits.
	 * @return the running server
	 * @throws IllegalStateException if it cannot be started
	 */
	public static DedicatedRedis dedicated() {
		return DedicatedRedis.start(RedisBinary.system());
	}

	/**
	 * Starts a new standalone server that belongs to the caller, with further
	 * {@code redis-server} options that override the defaults (persistence off), for
	 * example {@code "--appendonly", "yes", "--appendfsync", "always"}: a server killed
	 * with {@link DedicatedRedis#stop()} then reloads its data from its working directory
	 * when {@link DedicatedRedis#start() started} again.
	 * @param options the options
	 * @return the running server
	 * @throws IllegalStateException if it cannot be started
	 */
	public static DedicatedRedis dedicated(String... options) {
		return DedicatedRedis.start(RedisBinary.system(), options);
	}

}
