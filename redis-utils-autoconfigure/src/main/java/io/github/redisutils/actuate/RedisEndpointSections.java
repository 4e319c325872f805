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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

import io.github.redisutils.blacklist.LocalRevocationCache;
import io.github.redisutils.blacklist.TokenBlacklistMonitor;
import io.github.redisutils.cache.CacheSettings;
import io.github.redisutils.cache.CacheStatistics;
import io.github.redisutils.cache.CacheStatus;
import io.github.redisutils.cache.RedisCaches;
import io.github.redisutils.cache.RedisUtilsCacheManager;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.lock.HeldLock;
import io.github.redisutils.lock.LockKind;
import io.github.redisutils.lock.LocksStatus;
import io.github.redisutils.pubsub.PubSubStatus;
import io.github.redisutils.pubsub.RedisPubSub;
import io.github.redisutils.queue.JobInfo;
import io.github.redisutils.queue.JobQueue;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.queue.QueueSizes;
import io.github.redisutils.queue.QueueWorkers;
import io.github.redisutils.ratelimit.RateLimitPolicy;
import io.github.redisutils.ratelimit.RateLimiterRegistry;
import io.github.redisutils.session.SessionStore;
import io.github.redisutils.session.SessionStoreOptions;
import io.github.redisutils.session.SessionsStatus;
import org.jspecify.annotations.Nullable;

/**
 * The {@code redisutils} endpoint's section of each feature, built from the status
 * objects the health children read, so the endpoint and health tell the same story. Lists
 * that can grow (held locks, dead jobs, caches) are paginated; nothing here scans the
 * keyspace.
 *
 * @author redis-utils authors
 */
public final class RedisEndpointSections {

	private RedisEndpointSections() {
	}

	/**
	 * The locks: the registry's state, and in detail the locks this instance holds (name,
	 * remaining lease, fencing token, watchdog), read without asking Redis.
	 * @param locks the lock registry
	 * @return the section
	 */
	public static RedisEndpointSection locks(DistributedLocks locks) {
		return RedisEndpointSection.of(DistributedLocks.FEATURE, () -> lockSummary(locks.status()), (query) -> {
			Map<String, Object> details = lockSummary(locks.status());
			List<Map<String, Object>> held = new ArrayList<>();
			List<HeldLock> all = locks.heldLocks();
			for (HeldLock lock : query.pageOf(all)) {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("name", lock.name());
				entry.put("fencingToken", lock.fencingToken());
				entry.put("remainingLease", lock.remainingLease().toMillis() + "ms");
				entry.put("watchdog", lock.watchdog());
				entry.put("heldFor", lock.heldFor().toMillis() + "ms");
				if (lock.kind() != LockKind.LOCK) {
					entry.put("kind", lock.kind().name().toLowerCase(Locale.ROOT));
				}
				if (lock.kind() == LockKind.SEMAPHORE) {
					entry.put("permits", lock.permits());
				}
				held.add(entry);
			}
			details.put("locks", page(query, all.size(), held));
			return details;
		});
	}

	private static Map<String, Object> lockSummary(LocksStatus status) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("held", status.held());
		summary.put("lost", status.lost());
		if (status.heldPermits() > 0) {
			summary.put("heldPermits", status.heldPermits());
		}
		if (status.heldReadLocks() > 0 || status.heldWriteLocks() > 0) {
			summary.put("readLocks", status.heldReadLocks());
			summary.put("writeLocks", status.heldWriteLocks());
		}
		Map<String, Object> watchdog = new LinkedHashMap<>();
		watchdog.put("state", lower(status.watchdog().name()));
		watchdog.put("renewing", status.renewing());
		watchdog.put("lastRenewal", text(status.lastRenewal()));
		summary.put("watchdog", watchdog);
		if (!status.subscription().refused().isEmpty()) {
			summary.put("refusedChannels", status.subscription().refused());
		}
		return summary;
	}

	/**
	 * The rate limits: each policy, the policies failing now, and in detail, for a key
	 * given as {@code name}, whether it is blocked and for how much longer. Blocks are
	 * one Redis key per blocked key, not indexed, so they are looked up by key, never
	 * listed.
	 * @param registry the limiters
	 * @return the section
	 */
	public static RedisEndpointSection rateLimits(RateLimiterRegistry registry) {
		return RedisEndpointSection.of(RateLimiterRegistry.FEATURE, () -> rateLimitSummary(registry), (query) -> {
			Map<String, Object> details = rateLimitSummary(registry);
			if (query.name() != null) {
				Map<String, Object> key = new LinkedHashMap<>();
				key.put("key", query.name());
				Duration remaining = registry.blockRemaining(query.name()).orElse(null);
				key.put("blocked", remaining != null);
				if (remaining != null) {
					key.put("blockRemaining", remaining.toMillis() + "ms");
				}
				details.put("key", key);
			}
			return details;
		});
	}

	private static Map<String, Object> rateLimitSummary(RateLimiterRegistry registry) {
		Map<String, Object> policies = new LinkedHashMap<>();
		List<RateLimitPolicy> sorted = new ArrayList<>(registry.policies());
		sorted.sort((a, b) -> a.name().compareTo(b.name()));
		for (RateLimitPolicy policy : sorted) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("algorithm", lower(policy.algorithm().name()));
			entry.put("limit", policy.limit());
			entry.put("window", policy.window().toString());
			entry.put("cost", policy.cost());
			entry.put("onFailure", lower(policy.failureMode().name()));
			policies.put(policy.name(), entry);
		}
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("policies", policies);
		summary.put("failing", List.copyOf(new TreeSet<>(registry.failingPolicies())));
		return summary;
	}

	/**
	 * The queues: the sizes of each queue per state, the oldest waiting age and the jobs
	 * running here, and in detail a page of each queue's dead jobs, oldest first, with
	 * their last error ({@code name} picks one queue).
	 * @param queues the queues
	 * @param names the names of the queues to show, those configured
	 * @param workers the workers of this instance, or {@code null}
	 * @return the section
	 */
	public static RedisEndpointSection queues(JobQueues queues, Collection<String> names,
			@Nullable QueueWorkers workers) {
		List<String> sorted = List.copyOf(new TreeSet<>(names));
		return RedisEndpointSection.of(JobQueues.FEATURE, () -> {
			Map<String, Object> summary = new LinkedHashMap<>();
			Map<String, Integer> running = (workers != null) ? workers.running() : Map.of();
			for (String name : sorted) {
				summary.put(name, queueSizes(queues.queue(name).sizes(), running.get(name)));
			}
			return summary;
		}, (query) -> {
			Map<String, Object> details = new LinkedHashMap<>();
			Map<String, Integer> running = (workers != null) ? workers.running() : Map.of();
			for (String name : (query.name() != null) ? List.of(query.name()) : sorted) {
				JobQueue queue = queues.queue(name);
				QueueSizes sizes = queue.sizes();
				Map<String, Object> entry = queueSizes(sizes, running.get(name));
				List<Map<String, Object>> dead = new ArrayList<>();
				for (JobInfo job : queue.dead(query.offset(), query.size())) {
					dead.add(deadJob(job));
				}
				entry.put("deadJobs", page(query, sizes.dead(), dead));
				details.put(name, entry);
			}
			return details;
		});
	}

	private static Map<String, Object> queueSizes(QueueSizes sizes, @Nullable Integer runningHere) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("waiting", sizes.waiting());
		entry.put("delayed", sizes.delayed());
		entry.put("active", sizes.active());
		entry.put("dead", sizes.dead());
		entry.put("completed", sizes.completed());
		entry.put("oldestWaitingAge", (sizes.oldestWaitingAge() != null) ? sizes.oldestWaitingAge().toString() : null);
		if (runningHere != null) {
			entry.put("runningHere", runningHere);
		}
		return entry;
	}

	private static Map<String, Object> deadJob(JobInfo job) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("id", job.id());
		entry.put("type", job.type());
		entry.put("attempt", job.attempt());
		entry.put("maxAttempts", job.maxAttempts());
		entry.put("enqueuedAt", text(job.enqueuedAt()));
		entry.put("lastError", job.lastError());
		return entry;
	}

	/**
	 * The sessions: the live sessions and the online users in Redis (counted at most
	 * every few seconds) and the store's settings.
	 * @param status reads the store's state, for example
	 * {@code () -> SessionsStatus.of(options, sessionMetrics)}
	 * @return the section
	 */
	public static RedisEndpointSection sessions(Supplier<SessionsStatus> status) {
		return RedisEndpointSection.of(SessionStore.FEATURE, () -> sessionSummary(status.get()),
				(query) -> sessionSummary(status.get()));
	}

	private static Map<String, Object> sessionSummary(SessionsStatus status) {
		SessionStoreOptions options = status.options();
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("activeSessions", (status.activeSessions() >= 0) ? status.activeSessions() : null);
		summary.put("onlineUsers", (status.onlineUsers() >= 0) ? status.onlineUsers() : null);
		summary.put("idleTimeout", options.idleTimeout().toString());
		summary.put("absoluteLifetime", options.absoluteLifetime().toString());
		summary.put("maxPerUser", options.maxPerUser());
		summary.put("limitPolicy", lower(options.limitPolicy().name()));
		if (status.lastFailure() != null) {
			summary.put("lastFailure", text(status.lastFailure()));
			summary.put("lastError", status.lastError());
		}
		return summary;
	}

	/**
	 * The caches: whether they bypass Redis, failure counts, and in detail each cache's
	 * settings and statistics since start-up ({@code name} picks one cache).
	 * @param caches the caches
	 * @param cacheManager the cache manager whose settings to show, or {@code null}
	 * @return the section
	 */
	public static RedisEndpointSection caches(RedisCaches caches, @Nullable RedisUtilsCacheManager cacheManager) {
		return RedisEndpointSection.of(RedisCaches.FEATURE, () -> cacheSummary(caches.status()), (query) -> {
			Map<String, Object> details = cacheSummary(caches.status());
			List<CacheStatistics> all = new ArrayList<>();
			for (CacheStatistics statistics : caches.statistics()) {
				if (query.name() == null || query.name().equals(statistics.cache())) {
					all.add(statistics);
				}
			}
			List<Map<String, Object>> items = new ArrayList<>();
			for (CacheStatistics statistics : query.pageOf(all)) {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("name", statistics.cache());
				entry.put("manager", statistics.manager());
				if (cacheManager != null && !RedisCaches.STORE_NAME.equals(statistics.cache())) {
					CacheSettings settings = cacheManager.settingsOf(statistics.cache());
					Map<String, Object> values = new LinkedHashMap<>();
					values.put("timeToLive", settings.timeToLive().toString());
					values.put("cacheNullValues", settings.cacheNullValues());
					values.put("ttlJitter", settings.ttlJitter());
					values.put("earlyRefresh", settings.earlyRefresh());
					entry.put("settings", values);
				}
				Map<String, Object> counts = new LinkedHashMap<>();
				counts.put("hits", statistics.hits());
				counts.put("misses", statistics.misses());
				counts.put("puts", statistics.puts());
				counts.put("evictions", statistics.evictions());
				counts.put("fallbacks", statistics.fallbacks());
				counts.put("decodingFailures", statistics.decodingFailures());
				entry.put("statistics", counts);
				items.add(entry);
			}
			details.put("caches", page(query, all.size(), items));
			return details;
		});
	}

	private static Map<String, Object> cacheSummary(CacheStatus status) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("bypassingRedis", status.bypassingRedis());
		summary.put("redisFailures", status.redisFailures());
		summary.put("fallbacks", status.fallbacks());
		summary.put("decodingFailures", status.decodingFailures());
		summary.put("caches", List.copyOf(new TreeSet<>(status.caches())));
		return summary;
	}

	/**
	 * The pub/sub: the subscription, its listeners, channels and patterns, and each
	 * reliable consumer's pending messages and lag.
	 * @param pubSub the pub/sub
	 * @return the section
	 */
	public static RedisEndpointSection pubSub(RedisPubSub pubSub) {
		return RedisEndpointSection.of(RedisPubSub.FEATURE, () -> pubSubSummary(pubSub.status()),
				(query) -> pubSubSummary(pubSub.status()));
	}

	private static Map<String, Object> pubSubSummary(PubSubStatus status) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("subscribed", status.connected());
		summary.put("listeners", status.listeners());
		summary.put("channels", status.channels());
		summary.put("patterns", status.patterns());
		summary.put("resubscriptions", status.resubscriptions());
		summary.put("lastMessage", text(status.lastMessage()));
		List<Map<String, Object>> reliable = new ArrayList<>();
		for (PubSubStatus.ReliableStatus consumer : status.reliable()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("channel", consumer.channel());
			entry.put("group", consumer.group());
			entry.put("consuming", consumer.consuming());
			entry.put("pending", consumer.pending());
			entry.put("lag", consumer.lag());
			reliable.add(entry);
		}
		summary.put("reliable", reliable);
		if (!status.refused().isEmpty()) {
			summary.put("refused", status.refused());
		}
		return summary;
	}

	/**
	 * The token blacklist: its failure policy and failed checks, its local cache's size
	 * and hit counts, and the state of the revocation subscription that keeps it fresh.
	 * @param monitor the blacklist's monitor
	 * @param cache the local cache, or {@code null} when there is none
	 * @return the section
	 */
	public static RedisEndpointSection tokenBlacklist(TokenBlacklistMonitor monitor,
			@Nullable LocalRevocationCache cache) {
		Supplier<Map<String, Object>> summary = () -> {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("onFailure", lower(monitor.onFailure().name()));
			details.put("failedChecks", monitor.failures());
			if (monitor.lastFailure() != null) {
				details.put("lastFailure", text(monitor.lastFailure()));
				details.put("lastError", monitor.lastError());
			}
			Map<String, Object> local = new LinkedHashMap<>();
			local.put("enabled", cache != null);
			if (cache != null) {
				LocalRevocationCache.Status status = cache.status();
				local.put("size", status.size());
				local.put("hits", status.hits());
				local.put("misses", status.misses());
				local.put("subscribed", status.subscribed());
				local.put("lastSubscribed", text(status.lastSubscribed()));
				local.put("lastMessage", text(status.lastMessage()));
				local.put("resubscriptions", status.resubscriptions());
			}
			details.put("localCache", local);
			return details;
		};
		return RedisEndpointSection.of(TokenBlacklistMonitor.FEATURE, summary, (query) -> summary.get());
	}

	/**
	 * The Redis server as the server meters last sampled it, node by node: role, version,
	 * memory against its limit and eviction policy, clients, commands, keyspace hits and
	 * misses, expired and evicted keys, keys, replication lag and slow-log length. Read
	 * from the sampler's last readings, never from Redis, so it answers at once even when
	 * Redis does not ({@code sampledNodes} 0 before the first sample).
	 * @param metrics the server meters' sampler
	 * @return the section
	 */
	public static RedisEndpointSection server(RedisServerMetrics metrics) {
		Supplier<Map<String, Object>> summary = () -> {
			List<RedisServerInfo> samples = metrics.lastSamples();
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("sampledNodes", samples.size());
			List<Map<String, Object>> nodes = new ArrayList<>();
			for (RedisServerInfo info : samples) {
				Map<String, Object> node = new LinkedHashMap<>();
				node.put("node", info.node());
				node.put("role", info.role());
				node.put("version", info.version());
				node.put("uptimeSeconds", info.uptimeSeconds());
				node.put("usedMemory", info.usedMemory());
				node.put("maxMemory", info.maxMemory());
				node.put("usedMemoryPercent", info.usedMemoryPercent());
				node.put("maxMemoryPolicy", info.maxMemoryPolicy());
				node.put("fragmentationRatio", info.fragmentationRatio());
				node.put("connectedClients", info.connectedClients());
				node.put("blockedClients", info.blockedClients());
				node.put("commandsProcessed", info.commandsProcessed());
				node.put("keyspaceHits", info.keyspaceHits());
				node.put("keyspaceMisses", info.keyspaceMisses());
				node.put("expiredKeys", info.expiredKeys());
				node.put("evictedKeys", info.evictedKeys());
				node.put("keysPerDatabase", info.keysPerDatabase());
				if (!info.replicaLag().isEmpty()) {
					node.put("replicaLagBytes", info.replicaLag());
				}
				node.put("slowlogLength", info.slowlogLength());
				nodes.add(node);
			}
			details.put("nodes", nodes);
			return details;
		};
		return RedisEndpointSection.of("server", summary, (query) -> summary.get());
	}

	/**
	 * Describe one page of a list.
	 * @param query the page asked for
	 * @param total how many items the whole list holds
	 * @param items the page's items
	 * @return {@code page}, {@code size}, {@code total} and {@code items}
	 */
	static Map<String, Object> page(RedisEndpointQuery query, long total, List<?> items) {
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("page", query.page());
		page.put("size", query.size());
		page.put("total", total);
		page.put("items", items);
		return page;
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	private static String lower(String constant) {
		return constant.toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
