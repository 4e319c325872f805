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

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.redisutils.actuate.RedisServerReader.Outcome;
import io.github.redisutils.actuate.RedisServerReader.Reading;
import io.github.redisutils.core.RateLimitedLog;
import io.github.redisutils.core.RedisThreads;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The server meters: what every node the application talks to says about itself in
 * {@code INFO} and {@code SLOWLOG LEN}, sampled on a background thread every interval and
 * read by gauges and function counters tagged {@code node} ({@code host:port}).
 * <p>
 * Which nodes: the server when standalone, the current primary with Sentinel, every
 * master on Cluster, and replicas too when Lettuce reads from them. A node that leaves
 * the topology (a Sentinel switch, a Cluster change) has its meters removed, so the
 * number of series stays bounded by the topology. {@code redis.server.replication.lag} is
 * read from each master's view of its replicas and tagged with the replica's address.
 * <p>
 * Each sample is bounded by the timeout: a node that does not answer in time leaves its
 * meters at the last values and counts {@code redis.server.samples} with
 * {@code outcome=error}; while that sample is still waiting on Redis, later ticks do not
 * start another one, so a hung server ties up one thread. An ACL user without the right
 * to run {@code INFO} counts {@code outcome=denied} and logs it once per node. Meters
 * never ask Redis: nothing of this runs on a request path.
 *
 * @author redis-utils authors
 */
public class RedisServerMetrics implements MeterBinder, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RedisServerMetrics.class);

	private final RedisServerReader reader;

	private final Duration interval;

	private final Duration timeout;

	private final RedisThreads threads;

	private final RateLimitedLog errors = new RateLimitedLog(logger, Duration.ofMinutes(5));

	private final Map<Outcome, AtomicLong> outcomes = new EnumMap<>(Outcome.class);

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	private final Map<String, NodeState> nodes = new ConcurrentHashMap<>();

	private final Map<String, ReplicaState> replicas = new ConcurrentHashMap<>();

	private final Set<String> deniedLogged = ConcurrentHashMap.newKeySet();

	private volatile boolean slowlogDeniedLogged;

	private @Nullable ScheduledExecutorService scheduler;

	private @Nullable ExecutorService worker;

	private @Nullable Run current;

	/**
	 * Create the server meters.
	 * @param connectionFactory the application's connection factory
	 * @param interval time between two samples
	 * @param timeout longest time one sample may take; less than the interval
	 * @param threads where the sampling threads come from
	 * @param sentinelPrimary the primary as a watcher knows it, {@code host:port}, or
	 * {@code null} when unknown (a Sentinel is then asked)
	 */
	public RedisServerMetrics(RedisConnectionFactory connectionFactory, Duration interval, Duration timeout,
			RedisThreads threads, Supplier<@Nullable String> sentinelPrimary) {
		if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("interval and timeout must be positive");
		}
		this.reader = new RedisServerReader(connectionFactory, sentinelPrimary);
		this.interval = interval;
		this.timeout = timeout;
		this.threads = threads;
		for (Outcome outcome : Outcome.values()) {
			this.outcomes.put(outcome, new AtomicLong());
		}
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		for (Outcome outcome : Outcome.values()) {
			FunctionCounter.builder("redis.server.samples", this.outcomes.get(outcome), AtomicLong::get)
				.description("Readings of a node's INFO by the server meters, by outcome")
				.tag("outcome", outcome.tag())
				.register(registry);
		}
		this.nodes.values().forEach((node) -> node.register(registry));
		this.replicas.values().forEach((replica) -> replica.register(registry));
	}

	/**
	 * Sample every node now, waiting for the answers one timeout at most. A sample still
	 * waiting on Redis is waited for instead of starting another one.
	 * @return whether every node answered in time
	 */
	public boolean sample() {
		Run run;
		synchronized (this) {
			run = this.current;
			if (run == null || run.future.isDone()) {
				run = startRun();
				this.current = run;
			}
		}
		try {
			run.future.get(Math.max(0, run.deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			return !run.failed;
		}
		catch (TimeoutException ex) {
			count(Outcome.ERROR);
			this.errors.warn(
					() -> "No answer from Redis within " + this.timeout.toMillis()
							+ " ms (redis.metrics.server.timeout) for the server meters; they keep their last values",
					null);
			return false;
		}
		catch (ExecutionException ex) {
			count(Outcome.ERROR);
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			this.errors.warn(() -> "Could not sample the server meters", cause);
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Return what each node said in its last sample that answered.
	 * @return the last readings, by node
	 */
	public List<RedisServerInfo> lastSamples() {
		List<RedisServerInfo> samples = new ArrayList<>();
		this.nodes.values().forEach((node) -> {
			RedisServerInfo info = node.info;
			if (info != null) {
				samples.add(info);
			}
		});
		samples.sort((a, b) -> a.node().compareTo(b.node()));
		return samples;
	}

	private Run startRun() {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		ExecutorService executor = this.worker;
		Run run = new Run(deadline);
		Runnable task = () -> this.reader.read(run);
		run.future = (executor != null) ? CompletableFuture.runAsync(task, executor)
				: CompletableFuture.runAsync(task, (command) -> this.threads.start("server-metrics-sample", command));
		return run;
	}

	private void count(Outcome outcome) {
		this.outcomes.get(outcome).incrementAndGet();
	}

	private synchronized void topology(List<String> names) {
		for (String name : names) {
			this.nodes.computeIfAbsent(name, (key) -> {
				NodeState node = new NodeState(key);
				this.registries.forEach(node::register);
				return node;
			});
		}
		for (NodeState node : List.copyOf(this.nodes.values())) {
			if (!names.contains(node.name)) {
				this.nodes.remove(node.name);
				node.remove();
			}
		}
	}

	private synchronized void replicasSeen(Set<String> names, Set<String> masters) {
		names.forEach((name) -> this.replicas.computeIfAbsent(name, (key) -> {
			ReplicaState replica = new ReplicaState(key);
			this.registries.forEach(replica::register);
			return replica;
		}));
		for (ReplicaState replica : List.copyOf(this.replicas.values())) {
			if (!names.contains(replica.name) && (replica.master == null || masters.contains(replica.master)
					|| !this.nodes.containsKey(replica.master))) {
				this.replicas.remove(replica.name);
				replica.remove();
			}
		}
	}

	private void reading(Reading reading) {
		count(reading.outcome());
		if (reading.outcome() == Outcome.SUCCESS) {
			RedisServerInfo info = reading.info();
			NodeState node = this.nodes.get(reading.node());
			if (node != null && info != null) {
				node.update(info);
			}
			this.deniedLogged.remove(reading.node());
			if (this.reader.isSlowlogDenied() && !this.slowlogDeniedLogged) {
				this.slowlogDeniedLogged = true;
				logger.warn("Redis refused SLOWLOG LEN to the application's user: redis.server.slowlog.length "
						+ "stays empty (grant +slowlog|len to show it)");
			}
		}
		else if (reading.outcome() == Outcome.DENIED) {
			if (this.deniedLogged.add(reading.node())) {
				logger.warn("Redis node " + reading.node() + " refused INFO to the application's user ("
						+ reading.error() + "): its server meters stay empty; grant +info to sample it. Counted as "
						+ "redis.server.samples{outcome=denied}, not logged again");
			}
		}
		else {
			this.errors.warn(() -> "Could not read INFO of Redis node " + reading.node() + ": " + reading.error(),
					null);
		}
	}

	@Override
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		this.worker = Executors.newSingleThreadExecutor(this.threads.factory("server-metrics-sample"));
		ScheduledExecutorService scheduler = Executors
			.newSingleThreadScheduledExecutor(this.threads.factory("server-metrics"));
		scheduler.scheduleWithFixedDelay(this::tick, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		this.scheduler = scheduler;
	}

	private void tick() {
		try {
			sample();
		}
		catch (RuntimeException ex) {
			count(Outcome.ERROR);
			this.errors.warn(() -> "Could not sample the server meters", ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
		if (this.worker != null) {
			this.worker.shutdownNow();
			this.worker = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * One sample in flight: readings that arrive after its deadline are dropped.
	 */
	private final class Run implements RedisServerReader.Sink {

		private final long deadline;

		private CompletableFuture<Void> future = new CompletableFuture<>();

		private final Set<String> replicasSeen = new HashSet<>();

		private final Set<String> mastersRead = new HashSet<>();

		private int expected;

		private int received;

		private volatile boolean failed;

		Run(long deadline) {
			this.deadline = deadline;
		}

		private boolean late() {
			return System.nanoTime() - this.deadline > 0;
		}

		@Override
		public void topology(List<String> nodes) {
			if (late()) {
				return;
			}
			this.expected = nodes.size();
			RedisServerMetrics.this.topology(nodes);
		}

		@Override
		public void reading(Reading reading) {
			if (late()) {
				return;
			}
			RedisServerMetrics.this.reading(reading);
			this.received++;
			if (reading.outcome() != Outcome.SUCCESS) {
				this.failed = true;
			}
			else if (reading.info() != null) {
				this.mastersRead.add(reading.node());
				this.replicasSeen.addAll(reading.info().replicaLag().keySet());
			}
			if (this.received == this.expected) {
				replicasSeen(this.replicasSeen, this.mastersRead);
				updateReplicaLags();
			}
		}

		private void updateReplicaLags() {
			for (NodeState node : RedisServerMetrics.this.nodes.values()) {
				RedisServerInfo info = node.info;
				if (info != null && this.mastersRead.contains(node.name)) {
					info.replicaLag().forEach((replica, lag) -> {
						ReplicaState state = RedisServerMetrics.this.replicas.get(replica);
						if (state != null) {
							state.update(lag, node.name);
						}
					});
				}
			}
		}

	}

	/**
	 * One node's last reading and its meters in every registry.
	 */
	private static final class NodeState {

		private final String name;

		private volatile @Nullable RedisServerInfo info;

		private final Map<MeterRegistry, List<Meter>> meters = new ConcurrentHashMap<>();

		private final Set<Integer> databases = ConcurrentHashMap.newKeySet();

		NodeState(String name) {
			this.name = name;
		}

		void update(RedisServerInfo info) {
			this.info = info;
			for (Integer database : info.keysPerDatabase().keySet()) {
				if (this.databases.add(database)) {
					this.meters.forEach((registry, list) -> list.add(keys(registry, database)));
				}
			}
		}

		synchronized void register(MeterRegistry registry) {
			List<Meter> list = new CopyOnWriteArrayList<>();
			list.add(gauge(registry, "redis.server.memory.used", "Memory used by the node (used_memory)",
					BaseUnits.BYTES, RedisServerInfo::usedMemory));
			list.add(gauge(registry, "redis.server.memory.max", "Memory limit of the node (maxmemory), 0 without one",
					BaseUnits.BYTES, RedisServerInfo::maxMemory));
			list.add(gauge(registry, "redis.server.memory.fragmentation",
					"Resident memory over used memory (mem_fragmentation_ratio)", null,
					RedisServerInfo::fragmentationRatio));
			list.add(gauge(registry, "redis.server.clients.connected", "Client connections (connected_clients)", null,
					RedisServerInfo::connectedClients));
			list.add(gauge(registry, "redis.server.clients.blocked",
					"Clients waiting in a blocking command (blocked_clients)", null, RedisServerInfo::blockedClients));
			list.add(gauge(registry, "redis.server.slowlog.length", "Entries in the slow log (SLOWLOG LEN)", null,
					RedisServerInfo::slowlogLength));
			list.add(TimeGauge
				.builder("redis.server.uptime", this, TimeUnit.SECONDS, (node) -> value(RedisServerInfo::uptimeSeconds))
				.description("Time since the node started (uptime_in_seconds)")
				.tag("node", this.name)
				.strongReference(true)
				.register(registry));
			list.add(counter(registry, "redis.server.commands.processed",
					"Commands the node processed (total_commands_processed)", RedisServerInfo::commandsProcessed));
			list.add(counter(registry, "redis.server.keyspace.hits", "Successful key lookups (keyspace_hits)",
					RedisServerInfo::keyspaceHits));
			list.add(counter(registry, "redis.server.keyspace.misses", "Failed key lookups (keyspace_misses)",
					RedisServerInfo::keyspaceMisses));
			list.add(counter(registry, "redis.server.keys.expired", "Keys removed because their TTL ended",
					RedisServerInfo::expiredKeys));
			list.add(counter(registry, "redis.server.keys.evicted",
					"Keys evicted because of the maxmemory limit (evicted_keys)", RedisServerInfo::evictedKeys));
			for (Integer database : this.databases) {
				list.add(keys(registry, database));
			}
			this.meters.put(registry, list);
		}

		synchronized void remove() {
			this.meters.forEach((registry, list) -> list.forEach(registry::remove));
			this.meters.clear();
		}

		private Meter keys(MeterRegistry registry, int database) {
			return Gauge.builder("redis.server.keys", this, (node) -> {
				RedisServerInfo current = node.info;
				return (current != null) ? current.keysPerDatabase().getOrDefault(database, 0L) : Double.NaN;
			})
				.description("Keys in one database of the node (keyspace section)")
				.tag("node", this.name)
				.tag("db", Integer.toString(database))
				.strongReference(true)
				.register(registry);
		}

		private Meter gauge(MeterRegistry registry, String name, String description, @Nullable String baseUnit,
				Function<RedisServerInfo, @Nullable Number> value) {
			return Gauge.builder(name, this, (node) -> node.value(value))
				.description(description)
				.baseUnit(baseUnit)
				.tag("node", this.name)
				.strongReference(true)
				.register(registry);
		}

		private Meter counter(MeterRegistry registry, String name, String description,
				Function<RedisServerInfo, @Nullable Number> value) {
			return FunctionCounter.builder(name, this, (node) -> node.value(value))
				.description(description)
				.tag("node", this.name)
				.register(registry);
		}

		private double value(Function<RedisServerInfo, @Nullable Number> field) {
			RedisServerInfo current = this.info;
			Number value = (current != null) ? field.apply(current) : null;
			return (value != null) ? value.doubleValue() : Double.NaN;
		}

	}

	/**
	 * One replica's lag as its master last reported it.
	 */
	private static final class ReplicaState {

		private final String name;

		private volatile double lag = Double.NaN;

		private volatile @Nullable String master;

		private final Map<MeterRegistry, Meter> meters = new ConcurrentHashMap<>();

		ReplicaState(String name) {
			this.name = name;
		}

		void update(long lag, String master) {
			this.lag = lag;
			this.master = master;
		}

		synchronized void register(MeterRegistry registry) {
			this.meters.put(registry, Gauge.builder("redis.server.replication.lag", this, (replica) -> replica.lag)
				.description("Bytes of the replication stream the replica has not acknowledged, as its master reports")
				.baseUnit(BaseUnits.BYTES)
				.tag("node", this.name)
				.strongReference(true)
				.register(registry));
		}

		synchronized void remove() {
			this.meters.forEach(MeterRegistry::remove);
			this.meters.clear();
		}

	}

}
