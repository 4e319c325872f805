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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.redisutils.core.OutageBackoffs;
import io.github.redisutils.core.OutageStatus;
import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.ratelimit.RateLimiterRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code redisutils} actuator endpoint: the live state of every redis-utils feature
 * in one place, and the few operations an operator needs.
 * <ul>
 * <li>{@code GET /actuator/redisutils}: the summary of every section.</li>
 * <li>{@code GET /actuator/redisutils/{section}?page=&size=&name=}: one section in
 * detail, lists paginated ({@code size} at most
 * {@value RedisEndpointQuery#MAX_SIZE}).</li>
 * <li>{@code POST /actuator/redisutils/queue/{queue}} with {@code {"id": "..."}}: retry
 * one dead job; without an id, retry the oldest dead jobs, at most {@code limit} (default
 * {@value #DEFAULT_RETRY_LIMIT}, at most {@value #MAX_RETRY_LIMIT}).</li>
 * <li>{@code DELETE /actuator/redisutils/rate-limit/{key}}: lift the key's block; with
 * {@code ?policy=} also reset its count in that policy.</li>
 * <li>{@code DELETE /actuator/redisutils/lock/{name}}: release a stuck lock whoever holds
 * it.</li>
 * </ul>
 * Every section and every operation runs on the endpoint's own threads and is waited for
 * {@code redis.endpoint.timeout} at most, through the same {@link BoundedCall} the health
 * children use: a section that does not answer in time shows an {@code error} entry, the
 * others answer as usual, and a request never hangs. Operations are logged at WARN and
 * counted by the {@code redis.endpoint.operations} counter ({@code operation} and
 * {@code outcome} tags).
 *
 * @author redis-utils authors
 */
@Endpoint(id = RedisUtilsEndpoint.ID)
public class RedisUtilsEndpoint implements DisposableBean {

	/**
	 * The endpoint's id.
	 */
	public static final String ID = "redisutils";

	/**
	 * Dead jobs retried at once unless the request gives a limit.
	 */
	public static final int DEFAULT_RETRY_LIMIT = 100;

	/**
	 * Most dead jobs retried by one request.
	 */
	public static final int MAX_RETRY_LIMIT = 10_000;

	/**
	 * Different detail reads kept in flight at most; more are refused while Redis hangs.
	 */
	private static final int MAX_DETAIL_READS = 32;

	private static final Log logger = LogFactory.getLog(RedisUtilsEndpoint.class);

	private final Map<String, RedisEndpointSection> sections = new LinkedHashMap<>();

	private final Map<String, BoundedCall<Map<String, Object>>> summaries = new LinkedHashMap<>();

	private final Map<String, BoundedCall<Map<String, Object>>> details = new ConcurrentHashMap<>();

	private final Operations operations;

	private final Duration timeout;

	private final ThreadPoolExecutor executor;

	private final OutageBackoffs outageBackoffs;

	private final @Nullable MeterRegistry meterRegistry;

	/**
	 * Create the endpoint.
	 * @param sections what it shows, in order
	 * @param operations the features its write operations act on
	 * @param timeout longest time any read or operation is waited for
	 * @param threads where its threads come from
	 * @param outageBackoffs the features' outage back-offs, shown next to their sections
	 * @param meterRegistry where operations are counted, or {@code null}
	 * @throws IllegalStateException if two sections share a name
	 */
	public RedisUtilsEndpoint(List<RedisEndpointSection> sections, Operations operations, Duration timeout,
			RedisThreads threads, OutageBackoffs outageBackoffs, @Nullable MeterRegistry meterRegistry) {
		this.operations = operations;
		this.timeout = timeout;
		this.outageBackoffs = outageBackoffs;
		this.meterRegistry = meterRegistry;
		int size = Math.max(sections.size(), 2);
		this.executor = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				threads.factory("endpoint"));
		this.executor.allowCoreThreadTimeOut(true);
		for (RedisEndpointSection section : sections) {
			if (this.sections.putIfAbsent(section.name(), section) != null) {
				throw new IllegalStateException("Two sections of the '" + ID + "' endpoint are named '" + section.name()
						+ "'; give each RedisEndpointSection a distinct name");
			}
			this.summaries.put(section.name(), new BoundedCall<>(section::summary, timeout, this.executor));
		}
	}

	/**
	 * Return the summary of every section, each read within the timeout.
	 * @return the summary by section name
	 */
	@ReadOperation
	public Map<String, Object> summary() {
		this.summaries.values().forEach(BoundedCall::prefetch);
		Map<String, Object> summary = new LinkedHashMap<>();
		this.summaries.forEach((name, call) -> summary.put(name,
				withOutage(name, call.await(this::timedOut, (failure) -> error(HealthErrors.describe(failure))))));
		return summary;
	}

	/**
	 * Return one section in detail.
	 * @param section the section's name
	 * @param page the page of each list, from 0
	 * @param size how many items a page holds, at most
	 * {@value RedisEndpointQuery#MAX_SIZE}
	 * @param name the item asked for (a queue, a cache, a rate-limit key), or none
	 * @return the section, or {@code null} (404) when there is no such section
	 */
	@ReadOperation
	public @Nullable Map<String, Object> section(@Selector String section, @Nullable Integer page,
			@Nullable Integer size, @Nullable String name) {
		RedisEndpointSection found = this.sections.get(section);
		if (found == null) {
			return null;
		}
		RedisEndpointQuery query = query(page, size, name);
		String key = section + "\n" + query.page() + "\n" + query.size() + "\n" + query.name();
		BoundedCall<Map<String, Object>> call = this.details.get(key);
		if (call == null) {
			if (this.details.size() >= MAX_DETAIL_READS) {
				this.details.values().removeIf(BoundedCall::isIdle);
			}
			if (this.details.size() >= MAX_DETAIL_READS) {
				return error("Too many reads waiting for Redis; try again later");
			}
			call = this.details.computeIfAbsent(key,
					(k) -> new BoundedCall<>(() -> found.details(query), this.timeout, this.executor));
		}
		return withOutage(section, await(call));
	}

	/**
	 * Retry dead jobs of a queue: one by id, else the oldest ones up to a limit.
	 * @param section {@code queue}
	 * @param name the queue's name
	 * @param id the dead job to retry, or none for the oldest ones
	 * @param limit how many of the oldest to retry at most, default
	 * {@value #DEFAULT_RETRY_LIMIT}
	 * @return what was done
	 */
	@WriteOperation
	public Map<String, Object> retry(@Selector String section, @Selector String name, @Nullable String id,
			@Nullable Integer limit) {
		JobQueues queues = this.operations.queues();
		if (!JobQueues.FEATURE.equals(section) || queues == null) {
			throw new InvalidEndpointRequestException("Only dead jobs of the 'queue' section can be retried",
					"Only dead jobs of the 'queue' section can be retried");
		}
		if (id != null) {
			return operate("retry-dead", "Retried dead job '" + id + "' of queue '" + name + "'", () -> {
				boolean moved = queues.queue(name).retryDead(id);
				return result(moved, Map.of("queue", name, "id", id, "retried", moved ? 1 : 0));
			});
		}
		int max = (limit != null) ? limit : DEFAULT_RETRY_LIMIT;
		if (max < 1 || max > MAX_RETRY_LIMIT) {
			throw new InvalidEndpointRequestException("limit must be between 1 and " + MAX_RETRY_LIMIT,
					"limit must be between 1 and " + MAX_RETRY_LIMIT);
		}
		return operate("retry-all-dead", "Retried up to " + max + " dead jobs of queue '" + name + "'", () -> {
			long moved = queues.queue(name).retryAllDead(max);
			return result(moved > 0, Map.of("queue", name, "retried", moved));
		});
	}

	/**
	 * Release a stuck lock ({@code lock}), or lift a rate-limit key's block
	 * ({@code rate-limit}, with a policy also resetting the key's count in it).
	 * @param section {@code lock} or {@code rate-limit}
	 * @param name the lock's name or the rate-limit key
	 * @param policy for {@code rate-limit}, the policy whose count of the key to reset
	 * @return what was done
	 */
	@DeleteOperation
	public Map<String, Object> release(@Selector String section, @Selector String name, @Nullable String policy) {
		DistributedLocks locks = this.operations.locks();
		RateLimiterRegistry rateLimits = this.operations.rateLimits();
		if (DistributedLocks.FEATURE.equals(section) && locks != null) {
			return operate("force-release", "Force-released lock '" + name + "'", () -> {
				boolean released = locks.forceRelease(name);
				return result(released, Map.of("lock", name, "released", released));
			});
		}
		if (RateLimiterRegistry.FEATURE.equals(section) && rateLimits != null) {
			if (policy != null && rateLimits.find(policy).isEmpty()) {
				throw new InvalidEndpointRequestException("No rate-limit policy named '" + policy + "'",
						"No rate-limit policy named '" + policy + "'");
			}
			return operate("unblock", "Unblocked rate-limit key '" + name + "'"
					+ ((policy != null) ? " and reset it in policy '" + policy + "'" : ""), () -> {
						boolean blocked = rateLimits.blockRemaining(name).isPresent();
						rateLimits.unblock(name);
						Map<String, Object> done = new LinkedHashMap<>();
						done.put("key", name);
						done.put("unblocked", blocked);
						if (policy != null) {
							rateLimits.limiter(policy).reset(name);
							done.put("reset", policy);
						}
						return result(blocked || policy != null, done);
					});
		}
		throw new InvalidEndpointRequestException("Only 'lock' and 'rate-limit' entries can be deleted",
				"Only 'lock' and 'rate-limit' entries can be deleted");
	}

	private Map<String, Object> operate(String operation, String description, Supplier<Map<String, Object>> action) {
		BoundedCall<Map<String, Object>> call = new BoundedCall<>(action, this.timeout, this.executor);
		Map<String, Object> result = call.await(() -> error("No answer from Redis within " + this.timeout.toMillis()
				+ " ms (redis.endpoint.timeout); the operation may still take effect"), this::failed);
		String outcome = result.containsKey("error") ? "error"
				: (Boolean.TRUE.equals(result.get("done")) ? "done" : "nothing");
		logger.warn("Actuator operation: " + description + ": " + outcome
				+ (result.containsKey("error") ? " (" + result.get("error") + ")" : ""));
		if (this.meterRegistry != null) {
			Counter.builder("redis.endpoint.operations")
				.description("Operations run through the redisutils actuator endpoint")
				.tag("operation", operation)
				.tag("outcome", outcome)
				.register(this.meterRegistry)
				.increment();
		}
		return result;
	}

	private static Map<String, Object> result(boolean done, Map<String, Object> values) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("done", done);
		result.putAll(values);
		return result;
	}

	private Map<String, Object> await(BoundedCall<Map<String, Object>> call) {
		return call.await(this::timedOut, this::failed);
	}

	private Map<String, Object> timedOut() {
		return error("Timed out: no answer within " + this.timeout.toMillis() + " ms (redis.endpoint.timeout)");
	}

	private Map<String, Object> failed(Throwable failure) {
		if (failure instanceof IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
		}
		return error(HealthErrors.describe(failure));
	}

	private static Map<String, Object> error(String error) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("error", error);
		return map;
	}

	/**
	 * Add the feature's outage back-off while the feature skips Redis, known without
	 * asking Redis.
	 */
	private Map<String, Object> withOutage(String name, Map<String, Object> values) {
		OutageStatus outage = this.outageBackoffs.status(name);
		if (outage == null || !outage.bypassing()) {
			return values;
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("bypassing", true);
		details.put("since", (outage.since() != null) ? outage.since().toString() : null);
		details.put("backoff", outage.backoff().toMillis() + "ms");
		details.put("failures", outage.failures());
		details.put("bypassed", outage.bypassed());
		details.put("lastError", outage.lastError());
		Map<String, Object> withOutage = new LinkedHashMap<>(values);
		withOutage.put("outage", details);
		return withOutage;
	}

	private static RedisEndpointQuery query(@Nullable Integer page, @Nullable Integer size, @Nullable String name) {
		try {
			return new RedisEndpointQuery((page != null) ? page : 0,
					(size != null) ? size : RedisEndpointQuery.DEFAULT_SIZE, name);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
		}
	}

	/**
	 * Return the names of the sections, in order.
	 * @return the names
	 */
	public List<String> sectionNames() {
		return List.copyOf(this.sections.keySet());
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	/**
	 * The features the write operations act on; each {@code null} when the feature is
	 * off.
	 *
	 * @param locks the locks, for force releases
	 * @param rateLimits the rate limiters, for unblocking keys
	 * @param queues the queues, for retrying dead jobs
	 */
	public record Operations(@Nullable DistributedLocks locks, @Nullable RateLimiterRegistry rateLimits,
			@Nullable JobQueues queues) {

	}

}
