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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.redisutils.core.ErrorText;
import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.core.SettingProblems;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The {@code connection} child of the {@code redis} health contributor: UP when Redis
 * answers PING, with the round trip, the server version, the mode and, on Cluster, the
 * cluster state and node count.
 * <p>
 * The check runs on its own thread and is bounded by a timeout, because a hung server
 * must not hang the health endpoint (Lettuce's own command timeout defaults to a minute).
 * Concurrent checks share one probe in flight, so a hung server ties up one thread, not
 * one per request.
 * <p>
 * A round trip above the latency threshold keeps the status UP and adds a {@code warning}
 * detail: a slow Redis still serves requests, and turning it DOWN would take instances
 * out of load balancing for a condition they cannot fix.
 * <p>
 * Where {@code INFO memory} is readable, the details show {@code memoryUsed},
 * {@code memoryMax} ({@code maxmemory}, {@code 0} without a limit),
 * {@code memoryUsedPercent} (with a limit) and {@code maxmemoryPolicy}. Use above the
 * memory warning threshold adds a warning; above the memory DOWN threshold, when one is
 * set, the status is DOWN. A policy that lets a full Redis evict the data of features in
 * use ({@link RedisEvictionRisk}) adds a warning and an {@code evictionRisk} detail
 * naming them. Several warnings are joined with {@code "; "}. On Cluster the node that
 * answers the probe is reported; the server meters cover every master.
 *
 * @author redis-utils authors
 */
public class RedisConnectionHealthIndicator implements HealthIndicator, DisposableBean {

	private final RedisConnectionProbe probe;

	private final Duration timeout;

	private final Duration latencyThreshold;

	private final ExecutorService executor;

	private final MemoryThresholds memory;

	private final Supplier<? extends Collection<String>> featuresInUse;

	private @Nullable CompletableFuture<RedisConnectionProbe.Report> inFlight;

	/**
	 * Create an indicator.
	 * @param connectionFactory the application's connection factory
	 * @param timeout longest wait for an answer before reporting DOWN
	 * @param latencyThreshold round trip above which a warning detail is added
	 */
	public RedisConnectionHealthIndicator(RedisConnectionFactory connectionFactory, Duration timeout,
			Duration latencyThreshold) {
		this(connectionFactory, timeout, latencyThreshold, RedisThreads.platform());
	}

	/**
	 * Create an indicator whose probe threads come from the given source.
	 * @param connectionFactory the application's connection factory
	 * @param timeout longest wait for an answer before reporting DOWN
	 * @param latencyThreshold round trip above which a warning detail is added
	 * @param threads where probe threads come from
	 */
	public RedisConnectionHealthIndicator(RedisConnectionFactory connectionFactory, Duration timeout,
			Duration latencyThreshold, RedisThreads threads) {
		this(connectionFactory, timeout, latencyThreshold, threads, MemoryThresholds.DEFAULTS, Set::of);
	}

	/**
	 * Create an indicator with memory thresholds and the features whose data an evicting
	 * {@code maxmemory-policy} puts at risk.
	 * @param connectionFactory the application's connection factory
	 * @param timeout longest wait for an answer before reporting DOWN
	 * @param latencyThreshold round trip above which a warning detail is added
	 * @param threads where probe threads come from
	 * @param memory the memory thresholds
	 * @param featuresInUse the features in use by their health names (see
	 * {@link RedisEvictionRisk#featuresAtRisk}), asked on every check
	 */
	public RedisConnectionHealthIndicator(RedisConnectionFactory connectionFactory, Duration timeout,
			Duration latencyThreshold, RedisThreads threads, MemoryThresholds memory,
			Supplier<? extends Collection<String>> featuresInUse) {
		this.memory = memory;
		this.featuresInUse = featuresInUse;
		this.executor = Executors.newCachedThreadPool(threads.factory("connection-probe"));
		this.probe = new RedisConnectionProbe(connectionFactory);
		this.timeout = timeout;
		this.latencyThreshold = latencyThreshold;
	}

	@Override
	public Health health() {
		CompletableFuture<RedisConnectionProbe.Report> check = currentCheck();
		try {
			return up(check.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS));
		}
		catch (TimeoutException ex) {
			return Health.down()
				.withDetail("error", "No answer from Redis within " + this.timeout.toMillis() + " ms")
				.build();
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return Health.down().withDetail("error", describe(cause)).build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.unknown().withDetail("error", "Interrupted while checking Redis").build();
		}
	}

	private synchronized CompletableFuture<RedisConnectionProbe.Report> currentCheck() {
		if (this.inFlight == null || this.inFlight.isDone()) {
			this.inFlight = CompletableFuture.supplyAsync(this.probe::probe, this.executor);
		}
		return this.inFlight;
	}

	private Health up(RedisConnectionProbe.Report report) {
		double pingMillis = Math.round(report.pingNanos() / 10_000.0) / 100.0;
		Double usedPercent = RedisServerInfo.usedMemoryPercent(report.usedMemory(), report.maxMemory());
		boolean down = usedPercent != null && this.memory.downPercent() != null
				&& usedPercent >= this.memory.downPercent();
		Health.Builder health = (down ? Health.down() : Health.up()).withDetail("pingMillis", pingMillis)
			.withDetail("version", report.version())
			.withDetail("mode", report.mode().displayName());
		if (report.clusterState() != null) {
			health.withDetail("clusterState", report.clusterState());
		}
		if (report.clusterKnownNodes() != null) {
			health.withDetail("clusterNodes", report.clusterKnownNodes());
		}
		if (report.clusterSize() != null) {
			health.withDetail("clusterMasters", report.clusterSize());
		}
		List<String> warnings = new ArrayList<>();
		if (report.pingNanos() > this.latencyThreshold.toNanos()) {
			warnings.add("PING took " + pingMillis + " ms, above the " + this.latencyThreshold.toMillis()
					+ " ms threshold (redis.health.latency-threshold)");
		}
		if (report.usedMemory() != null) {
			health.withDetail("memoryUsed", report.usedMemory());
		}
		if (report.maxMemory() != null) {
			health.withDetail("memoryMax", report.maxMemory());
		}
		if (usedPercent != null) {
			health.withDetail("memoryUsedPercent", usedPercent);
			if (down) {
				health.withDetail("error", "Memory use " + usedPercent + " % of maxmemory, at or above the "
						+ this.memory.downPercent() + " % DOWN threshold (redis.health.memory-down-threshold)");
			}
			else if (usedPercent > this.memory.warningPercent()) {
				warnings.add("Memory use " + usedPercent + " % of maxmemory, above the " + this.memory.warningPercent()
						+ " % threshold (redis.health.memory-warning-threshold)");
			}
		}
		if (report.maxMemoryPolicy() != null) {
			health.withDetail("maxmemoryPolicy", report.maxMemoryPolicy());
			Collection<String> features = this.featuresInUse.get();
			List<String> atRisk = RedisEvictionRisk.featuresAtRisk(report.maxMemoryPolicy(), report.maxMemory(),
					features);
			if (!atRisk.isEmpty()) {
				health.withDetail("evictionRisk", atRisk);
				warnings.add(RedisEvictionRisk.warning(report.maxMemoryPolicy(), report.maxMemory(), features));
			}
		}
		if (!warnings.isEmpty()) {
			health.withDetail("warning", String.join("; ", warnings));
		}
		return health.build();
	}

	private static String describe(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		String error = (root == failure) ? message : failure.getClass().getSimpleName() + ": " + message;
		return ErrorText.firstLine(error);
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	/**
	 * Memory use, as a percentage of {@code maxmemory}, above which the connection check
	 * warns or reports DOWN.
	 *
	 * @param warningPercent use above which a {@code warning} detail is added, more than
	 * 0 and at most 100
	 * @param downPercent use from which the status is DOWN, more than 0 and at most 100,
	 * or {@code null} never to report DOWN for memory
	 */
	public record MemoryThresholds(double warningPercent, @Nullable Double downPercent) {

		/**
		 * A warning above 80 %, never DOWN.
		 */
		public static final MemoryThresholds DEFAULTS = new MemoryThresholds(80, null);

		/**
		 * Create thresholds.
		 * @throws IllegalArgumentException when a threshold is not more than 0 and at
		 * most 100, or the DOWN threshold is below the warning threshold
		 */
		public MemoryThresholds {
			SettingProblems.throwIfAny("memory thresholds", problems(warningPercent, downPercent));
		}

		/**
		 * Return what is wrong with memory thresholds, the rules used by the constructor
		 * and by start-up validation of {@code redis.health.memory-*-threshold}.
		 * @param warningPercent use above which a warning is added
		 * @param downPercent use from which the status is DOWN, or {@code null}
		 * @return a problem per field name ({@code warningPercent}, {@code downPercent}),
		 * empty when the values are acceptable
		 */
		public static Map<String, String> problems(double warningPercent, @Nullable Double downPercent) {
			SettingProblems problems = new SettingProblems();
			if (!(warningPercent > 0 && warningPercent <= 100)) {
				problems.add("warningPercent",
						"must be more than 0 and at most 100, a percentage of maxmemory (was " + warningPercent + ")");
			}
			if (downPercent != null) {
				if (!(downPercent > 0 && downPercent <= 100)) {
					problems.add("downPercent",
							"must be more than 0 and at most 100, a percentage of maxmemory (was " + downPercent + ")");
				}
				else if (downPercent < warningPercent) {
					problems.add("downPercent", "must be at least the memory warning threshold, " + warningPercent
							+ " (was " + downPercent + ")");
				}
			}
			return problems.toMap();
		}

	}

}
