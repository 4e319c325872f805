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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.redisutils.core.OutageBackoffs;
import io.github.redisutils.core.OutageStatus;
import io.github.redisutils.core.RedisThreads;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code redis} health contributor at {@code /actuator/health/redis}: the
 * {@code connection} check first, then one child per feature that reports state
 * ({@link RedisHealthContribution} beans).
 * <p>
 * Every child, whatever it does, is bounded here by one timeout
 * ({@code redis.health.timeout}): children run on a small pool of the library's threads,
 * one check per child at most, and reading the whole composite starts them all at once,
 * so the endpoint answers within the timeout however many children hang. A child that
 * does not answer in time reports UNKNOWN with an {@code error} detail saying so: it
 * cannot tell its state, and a Redis that does not answer is reported DOWN by the
 * {@code connection} child (the only one that reports DOWN on a timeout), so one outage
 * does not count several times and a slow feature check alone does not take the
 * application out of service.
 *
 * @author redis-utils authors
 */
public class RedisHealthContributor implements CompositeHealthContributor, DisposableBean {

	private final RedisConnectionHealthIndicator connection;

	private final ThreadPoolExecutor executor;

	private final Prefetching children;

	private final OutageBackoffs outageBackoffs;

	/**
	 * Create the composite.
	 * @param connection the connection check, always the first child
	 * @param contributions the features' children, in order
	 * @param timeout longest time any child's check may take
	 * @throws IllegalStateException if two children share a name
	 */
	public RedisHealthContributor(RedisConnectionHealthIndicator connection,
			List<RedisHealthContribution> contributions, Duration timeout) {
		this(connection, contributions, timeout, RedisThreads.platform());
	}

	/**
	 * Create the composite, its checks running on threads of the given source.
	 * @param connection the connection check, always the first child
	 * @param contributions the features' children, in order
	 * @param timeout longest time any child's check may take
	 * @param threads where the checks' threads come from
	 * @throws IllegalStateException if two children share a name
	 */
	public RedisHealthContributor(RedisConnectionHealthIndicator connection,
			List<RedisHealthContribution> contributions, Duration timeout, RedisThreads threads) {
		this(connection, contributions, timeout, threads, OutageBackoffs.disabled());
	}

	/**
	 * Create the composite, its checks running on threads of the given source, each
	 * feature's child showing an {@code outage} detail while that feature skips Redis
	 * during its outage back-off (children are matched to back-offs by name).
	 * @param connection the connection check, always the first child
	 * @param contributions the features' children, in order
	 * @param timeout longest time any child's check may take
	 * @param threads where the checks' threads come from
	 * @param outageBackoffs the features' outage back-offs
	 * @throws IllegalStateException if two children share a name
	 */
	public RedisHealthContributor(RedisConnectionHealthIndicator connection,
			List<RedisHealthContribution> contributions, Duration timeout, RedisThreads threads,
			OutageBackoffs outageBackoffs) {
		this.connection = connection;
		this.outageBackoffs = outageBackoffs;
		Map<String, HealthContributor> children = new LinkedHashMap<>();
		children.put(RedisHealthContribution.CONNECTION, connection);
		for (RedisHealthContribution contribution : contributions) {
			if (children.putIfAbsent(contribution.name(), contribution.contributor()) != null) {
				throw new IllegalStateException("Two children of the 'redis' health contributor are named '"
						+ contribution.name() + "'; give each RedisHealthContribution a distinct name");
			}
		}
		// One check per child is in flight at most, so one thread per child is enough;
		// idle threads end after a minute.
		int checks = countIndicators(children.values());
		this.executor = new ThreadPoolExecutor(checks, checks, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				threads.factory("health"));
		this.executor.allowCoreThreadTimeOut(true);
		Map<String, HealthContributor> bounded = new LinkedHashMap<>();
		children.forEach((name, child) -> bounded.put(name, bound(name, child, timeout)));
		this.children = new Prefetching(bounded);
	}

	private static int countIndicators(Iterable<HealthContributor> contributors) {
		int count = 0;
		for (HealthContributor contributor : contributors) {
			if (contributor instanceof CompositeHealthContributor composite) {
				count += countIndicators(composite.stream().map(Entry::contributor).toList());
			}
			else {
				count++;
			}
		}
		return Math.max(count, 1);
	}

	private HealthContributor bound(String name, HealthContributor child, Duration timeout) {
		if (child instanceof HealthIndicator indicator) {
			if (RedisHealthContribution.CONNECTION.equals(name)) {
				return new BoundedHealthIndicator(name, indicator, timeout, Status.DOWN,
						"No answer from Redis within " + timeout.toMillis() + " ms", this.executor);
			}
			return new BoundedHealthIndicator(name, indicator, timeout, Status.UNKNOWN,
					"Timed out: no answer within " + timeout.toMillis() + " ms (redis.health.timeout)", this.executor,
					(health) -> withOutage(name, health));
		}
		if (child instanceof CompositeHealthContributor composite) {
			Map<String, HealthContributor> grandchildren = new LinkedHashMap<>();
			composite.stream()
				.forEach((entry) -> grandchildren.put(entry.name(),
						bound(name + "/" + entry.name(), entry.contributor(), timeout)));
			return new Prefetching(grandchildren);
		}
		throw new IllegalStateException("Child '" + name + "' of the 'redis' health contributor is a "
				+ child.getClass().getName() + "; use a HealthIndicator or a CompositeHealthContributor");
	}

	/**
	 * Add the feature's outage back-off to its child's health while the feature skips
	 * Redis: the status stays the child's own (the {@code connection} child reports the
	 * outage itself).
	 */
	private Health withOutage(String name, Health health) {
		OutageStatus outage = this.outageBackoffs.status(name);
		if (outage == null || !outage.bypassing()) {
			return health;
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("bypassing", true);
		if (outage.since() != null) {
			details.put("since", outage.since().toString());
		}
		details.put("backoff", outage.backoff().toMillis() + "ms");
		details.put("failures", outage.failures());
		details.put("bypassed", outage.bypassed());
		if (outage.lastError() != null) {
			details.put("lastError", outage.lastError());
		}
		return Health.status(health.getStatus()).withDetails(health.getDetails()).withDetail("outage", details).build();
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		return this.children.getContributor(name);
	}

	/**
	 * Return the children, starting every child's check: the endpoint then reads them one
	 * after another, and each has been running meanwhile.
	 * @return the children
	 */
	@Override
	public Stream<Entry> stream() {
		return this.children.stream();
	}

	private static void prefetch(Iterable<HealthContributor> contributors) {
		for (HealthContributor contributor : contributors) {
			if (contributor instanceof BoundedHealthIndicator bounded) {
				bounded.prefetch();
			}
			else if (contributor instanceof Prefetching composite) {
				prefetch(composite.children.values());
			}
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
		this.connection.destroy();
	}

	/**
	 * A composite whose bounded children start together when it is read.
	 */
	private static final class Prefetching implements CompositeHealthContributor {

		private final Map<String, HealthContributor> children;

		Prefetching(Map<String, HealthContributor> children) {
			this.children = Collections.unmodifiableMap(children);
		}

		@Override
		public @Nullable HealthContributor getContributor(String name) {
			return this.children.get(name);
		}

		@Override
		public Stream<Entry> stream() {
			prefetch(this.children.values());
			return this.children.entrySet().stream().map((child) -> new Entry(child.getKey(), child.getValue()));
		}

	}

}
