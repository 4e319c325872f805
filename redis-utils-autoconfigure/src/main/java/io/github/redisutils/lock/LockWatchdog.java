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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.lock.LockLostEvent.Reason;
import io.github.redisutils.lock.LocksStatus.WatchdogState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.ClusterSlotHashUtil;

/**
 * Renews the locks acquired without a lease every third of the lease while they are held.
 * <p>
 * One thread per registry, started with the first such lock. Each round renews every lock
 * in batches, one script per batch: on a single server one batch holds up to
 * {@value #BATCH_SIZE} locks whatever their names; on Redis Cluster, where one script may
 * only touch keys of one hash slot, locks are grouped by slot first. A renewal that finds
 * a lock gone, or a lock whose lease ran out while renewals failed, is reported as lost.
 *
 * @author redis-utils authors
 */
final class LockWatchdog implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(LockWatchdog.class);

	static final int BATCH_SIZE = 100;

	private final LockScripts scripts;

	private final long leaseMillis;

	private final String threadName;

	private final LostHandler lostHandler;

	private final Set<DefaultLockHandle> handles = ConcurrentHashMap.newKeySet();

	private final Object startLock = new Object();

	private volatile @Nullable ScheduledThreadPoolExecutor executor;

	private volatile WatchdogState state = WatchdogState.IDLE;

	private volatile @Nullable Instant lastRenewal;

	LockWatchdog(LockScripts scripts, long leaseMillis, String registryName, LostHandler lostHandler) {
		this.scripts = scripts;
		this.leaseMillis = leaseMillis;
		this.threadName = "redis-lock-watchdog-" + registryName;
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

	/**
	 * Run a short task on the watchdog's thread, such as a best-effort clean-up.
	 */
	void execute(Runnable task) {
		try {
			executor().execute(task);
		}
		catch (RejectedExecutionException ex) {
			// Closed: the clean-up is best effort, leases expire anyway.
		}
	}

	private ScheduledThreadPoolExecutor executor() {
		ScheduledThreadPoolExecutor current = this.executor;
		if (current != null) {
			return current;
		}
		synchronized (this.startLock) {
			if (this.executor == null) {
				ScheduledThreadPoolExecutor created = new ScheduledThreadPoolExecutor(1, (runnable) -> {
					Thread thread = new Thread(runnable, this.threadName);
					thread.setDaemon(true);
					return thread;
				});
				if (this.state != WatchdogState.STOPPED) {
					long interval = Math.max(1, this.leaseMillis / 3);
					created.scheduleWithFixedDelay(this::renewAll, interval, interval, TimeUnit.MILLISECONDS);
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
			if (this.handles.isEmpty()) {
				return;
			}
			boolean failed = false;
			for (List<DefaultLockHandle> batch : batches()) {
				failed |= !renew(batch);
			}
			if (!failed) {
				this.lastRenewal = Instant.now();
			}
			if (this.state != WatchdogState.STOPPED) {
				this.state = failed ? WatchdogState.FAILING : WatchdogState.RUNNING;
			}
		}
		catch (RuntimeException ex) {
			// A scheduled task that throws is never run again: keep the watchdog alive.
			this.state = WatchdogState.FAILING;
			logger.warn("Lock watchdog round failed: " + ex.getMessage(), ex);
		}
	}

	private List<List<DefaultLockHandle>> batches() {
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
		List<List<DefaultLockHandle>> batches = new ArrayList<>();
		for (List<DefaultLockHandle> group : bySlot.values()) {
			for (int from = 0; from < group.size(); from += BATCH_SIZE) {
				batches.add(group.subList(from, Math.min(group.size(), from + BATCH_SIZE)));
			}
		}
		return batches;
	}

	private boolean renew(List<DefaultLockHandle> batch) {
		List<String> keys = new ArrayList<>(batch.size());
		List<String> tokens = new ArrayList<>(batch.size());
		for (DefaultLockHandle handle : batch) {
			keys.add(handle.keys().lockKey());
			tokens.add(handle.token());
		}
		long sent = System.nanoTime();
		try {
			boolean[] renewed = this.scripts.renew(keys, tokens, this.leaseMillis);
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
				logger.warn("Could not renew " + batch.size() + " locks; retrying every " + (this.leaseMillis / 3)
						+ " ms until their leases run out: " + ex.getMessage());
			}
			long now = System.nanoTime();
			for (DefaultLockHandle handle : batch) {
				// The lease was set no earlier than the last successful call was sent, so
				// past that point the lock may be someone else's.
				if (now - handle.validUntilNanos() >= 0) {
					this.lostHandler.lost(handle, Reason.RENEWAL_FAILED, ex);
				}
			}
			return false;
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
		}
	}

	@FunctionalInterface
	interface LostHandler {

		void lost(DefaultLockHandle handle, Reason reason, @Nullable Throwable cause);

	}

}
