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
package io.github.redisutils.lock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.lock.LockLostEvent.Reason;
import io.github.redisutils.lock.LocksStatus.WatchdogState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.ClusterSlotHashUtil;
import org.springframework.data.redis.connection.RedisClusterNode;

/**
 * Renews the locks acquired without a lease every third of the lease while they are held.
 * <p>
 * One scheduling thread per registry, started with the first such lock. Each round renews
 * every lock in batches, one script per batch: on a single server one batch holds up to
 * {@value #BATCH_SIZE} locks whatever their names; on Redis Cluster, where one script may
 * only touch keys of one hash slot, locks are grouped by slot first. The batches of each
 * server (each master on Cluster) run one after another on a thread of their own, servers
 * side by side, and the round waits for them until a deadline under a third of the lease:
 * a master that does not answer delays only its own locks, and a server whose previous
 * batches are still running is skipped. A renewal that finds a lock gone, or a lock whose
 * lease ran out while renewals failed or did not finish, is reported as lost.
 *
 * @author redis-utils authors
 */
final class LockWatchdog implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(LockWatchdog.class);

	static final int BATCH_SIZE = 100;

	private static final String SINGLE_SERVER = "server";

	private final LockScripts scripts;

	private final long leaseMillis;

	private final long intervalMillis;

	private final long roundMillis;

	private final RedisThreads threads;

	private final LostHandler lostHandler;

	private final Set<DefaultLockHandle> handles = ConcurrentHashMap.newKeySet();

	private final Map<String, Future<?>> running = new ConcurrentHashMap<>();

	private final Object startLock = new Object();

	private volatile @Nullable ScheduledThreadPoolExecutor executor;

	private volatile @Nullable ThreadPoolExecutor renewers;

	private volatile WatchdogState state = WatchdogState.IDLE;

	private volatile @Nullable Instant lastRenewal;

	LockWatchdog(LockScripts scripts, long leaseMillis, String registryName, LostHandler lostHandler,
			RedisThreads threads) {
		this.scripts = scripts;
		this.leaseMillis = leaseMillis;
		this.intervalMillis = Math.max(1, leaseMillis / 3);
		// Leaves the next round time to start within two thirds of the lease.
		this.roundMillis = Math.max(1, this.intervalMillis * 3 / 4);
		this.threads = threads;
		this.lostHandler = lostHandler;
	}

	void add(DefaultLockHandle handle) {
		this.handles.add(handle);
		executor();
	}

	void remove(DefaultLockHandle handle) {
		this.handles.remove(handle);
	}

	int size() {
		return this.handles.size();
	}

	WatchdogState state() {
		return this.state;
	}

	@Nullable Instant lastRenewal() {
		return this.lastRenewal;
	}

	private ScheduledThreadPoolExecutor executor() {
		ScheduledThreadPoolExecutor current = this.executor;
		if (current != null) {
			return current;
		}
		synchronized (this.startLock) {
			if (this.executor == null) {
				ScheduledThreadPoolExecutor created = new ScheduledThreadPoolExecutor(1,
						this.threads.factory("lock-watchdog"));
				if (this.state != WatchdogState.STOPPED) {
					// At most one task per server at a time, so as many threads as
					// servers.
					this.renewers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
							new SynchronousQueue<>(), this.threads.factory("lock-renewer"));
					created.scheduleWithFixedDelay(this::renewAll, this.intervalMillis, this.intervalMillis,
							TimeUnit.MILLISECONDS);
					this.state = WatchdogState.RUNNING;
				}
				else {
					created.shutdown();
				}
				this.executor = created;
			}
			return this.executor;
		}
	}

	void renewAll() {
		try {
			ThreadPoolExecutor pool = this.renewers;
			if (this.handles.isEmpty() || pool == null) {
				return;
			}
			long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.roundMillis);
			Map<String, List<List<DefaultLockHandle>>> byServer = batchesByServer();
			Map<String, Future<Boolean>> started = new LinkedHashMap<>();
			boolean failed = false;
			for (Map.Entry<String, List<List<DefaultLockHandle>>> server : byServer.entrySet()) {
				Future<?> previous = this.running.get(server.getKey());
				if (previous != null && !previous.isDone()) {
					failed = true;
					leaseRanOut(server.getValue(), new RedisUnavailableException(
							"The previous renewal on " + server.getKey() + " has not finished", null));
					continue;
				}
				Future<Boolean> future = pool.submit(() -> renewEach(server.getValue()));
				this.running.put(server.getKey(), future);
				started.put(server.getKey(), future);
			}
			for (Map.Entry<String, Future<Boolean>> server : started.entrySet()) {
				failed |= !finished(server.getValue(), deadline, server.getKey(), byServer.get(server.getKey()));
			}
			this.running.values().removeIf(Future::isDone);
			if (!failed) {
				this.lastRenewal = Instant.now();
			}
			if (this.state != WatchdogState.STOPPED) {
				this.state = failed ? WatchdogState.FAILING : WatchdogState.RUNNING;
			}
		}
		catch (InterruptedException ex) {
			// Closed while waiting for the round.
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			// A scheduled task that throws is never run again: keep the watchdog alive.
			if (this.state != WatchdogState.STOPPED) {
				this.state = WatchdogState.FAILING;
			}
			logger.warn("Lock watchdog round failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Wait until the deadline for the batches of one server.
	 * @return whether they all were renewed in time
	 */
	private boolean finished(Future<Boolean> future, long deadline, String server,
			List<List<DefaultLockHandle>> batches) throws InterruptedException {
		try {
			return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			if (this.state != WatchdogState.FAILING) {
				logger.warn("Renewal on " + server + " did not finish in " + this.roundMillis
						+ " ms; its locks are reported lost if their leases run out before it does");
			}
			leaseRanOut(batches, new RedisUnavailableException(
					"Renewal on " + server + " did not finish in " + this.roundMillis + " ms", ex));
			return false;
		}
		catch (ExecutionException ex) {
			leaseRanOut(batches, ex.getCause());
			return false;
		}
	}

	private Map<String, List<List<DefaultLockHandle>>> batchesByServer() {
		List<DefaultLockHandle> all = new ArrayList<>(this.handles);
		Map<Integer, List<DefaultLockHandle>> bySlot = new LinkedHashMap<>();
		boolean cluster;
		try {
			cluster = this.scripts.isCluster();
		}
		catch (RedisUnavailableException ex) {
			cluster = true;
		}
		for (DefaultLockHandle handle : all) {
			int slot = cluster ? ClusterSlotHashUtil.calculateSlot(handle.keys().lockKey()) : 0;
			bySlot.computeIfAbsent(slot, (key) -> new ArrayList<>()).add(handle);
		}
		List<RedisClusterNode> masters = cluster ? masters() : List.of();
		Map<String, List<List<DefaultLockHandle>>> batches = new LinkedHashMap<>();
		for (Map.Entry<Integer, List<DefaultLockHandle>> slot : bySlot.entrySet()) {
			String server = cluster ? server(masters, slot.getKey()) : SINGLE_SERVER;
			List<DefaultLockHandle> group = slot.getValue();
			for (int from = 0; from < group.size(); from += BATCH_SIZE) {
				batches.computeIfAbsent(server, (key) -> new ArrayList<>())
					.add(group.subList(from, Math.min(group.size(), from + BATCH_SIZE)));
			}
		}
		return batches;
	}

	private List<RedisClusterNode> masters() {
		try {
			return this.scripts.masters();
		}
		catch (RuntimeException ex) {
			// Each slot on its own then: more threads, but none waits for another.
			return List.of();
		}
	}

	private static String server(List<RedisClusterNode> masters, int slot) {
		for (RedisClusterNode master : masters) {
			if (master.servesSlot(slot)) {
				return master.asString();
			}
		}
		return "slot " + slot;
	}

	/**
	 * Renew the batches of one server one after another.
	 * @return whether they all were renewed
	 */
	private boolean renewEach(List<List<DefaultLockHandle>> batches) {
		boolean renewed = true;
		for (List<DefaultLockHandle> batch : batches) {
			renewed &= renew(batch);
		}
		return renewed;
	}

	private boolean renew(List<DefaultLockHandle> batch) {
		List<String> keys = new ArrayList<>(batch.size());
		List<String> tokens = new ArrayList<>(batch.size());
		List<Boolean> shared = new ArrayList<>(batch.size());
		for (DefaultLockHandle handle : batch) {
			keys.add(handle.keys().lockKey());
			tokens.add(handle.token());
			shared.add(handle.kind().isShared());
		}
		long sent = System.nanoTime();
		try {
			boolean[] renewed = this.scripts.renew(keys, tokens, shared, this.leaseMillis);
			long validUntil = sent + TimeUnit.MILLISECONDS.toNanos(this.leaseMillis);
			for (int i = 0; i < renewed.length; i++) {
				if (renewed[i]) {
					batch.get(i).renewed(validUntil);
				}
				else {
					this.lostHandler.lost(batch.get(i), Reason.NOT_HELD, null);
				}
			}
			return true;
		}
		catch (RedisUnavailableException ex) {
			if (this.state != WatchdogState.FAILING) {
				logger.warn("Could not renew " + batch.size() + " locks; retrying every " + this.intervalMillis
						+ " ms until their leases run out: " + ex.getMessage());
			}
			leaseRanOut(List.of(batch), ex);
			return false;
		}
		catch (RuntimeException ex) {
			// One batch failing does not keep the others from being renewed.
			logger.warn("Could not renew " + batch.size() + " locks: " + ex.getMessage(), ex);
			leaseRanOut(List.of(batch), ex);
			return false;
		}
	}

	/**
	 * Report the locks of batches that could not be renewed lost once their lease has run
	 * out: it was set no earlier than the last successful call was sent, so past that
	 * point the lock may be someone else's.
	 */
	private void leaseRanOut(List<List<DefaultLockHandle>> batches, @Nullable Throwable cause) {
		long now = System.nanoTime();
		for (List<DefaultLockHandle> batch : batches) {
			for (DefaultLockHandle handle : batch) {
				if (now - handle.validUntilNanos() >= 0) {
					this.lostHandler.lost(handle, Reason.RENEWAL_FAILED, cause);
				}
			}
		}
	}

	@Override
	public void close() {
		synchronized (this.startLock) {
			this.state = WatchdogState.STOPPED;
			ScheduledThreadPoolExecutor current = this.executor;
			if (current != null) {
				current.shutdownNow();
			}
			ThreadPoolExecutor pool = this.renewers;
			if (pool != null) {
				pool.shutdownNow();
			}
		}
	}

	@FunctionalInterface
	interface LostHandler {

		void lost(DefaultLockHandle handle, Reason reason, @Nullable Throwable cause);

	}

}
