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

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.redisutils.core.PrimarySwitch;
import io.github.redisutils.core.PrimarySwitchListener;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisSubscription;
import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.lock.LockLostEvent.Reason;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.Assert;

/**
 * Default {@link DistributedLocks}: acquire, release and extend are each one
 * owner-checked script; waiting uses {@link LockWaiters}, renewal {@link LockWatchdog}.
 * Semaphores and read-write locks go through the same acquisition loop, handles,
 * watchdog, waiters and lost signal, with their own scripts.
 *
 * @author redis-utils authors
 */
final class DefaultDistributedLocks implements DistributedLocks, PrimarySwitchListener {

	private static final Log logger = LogFactory.getLog(DefaultDistributedLocks.class);

	private static final long FOREVER = Long.MAX_VALUE;

	/**
	 * Clean-ups waiting for the clean-up thread beyond which new ones are dropped: they
	 * are best effort (leases and intents end on their own), and an outage must not make
	 * them pile up.
	 */
	private static final int CLEANUP_QUEUE = 256;

	private final RedisKeys.FeatureKeys keys;

	private final LockScripts scripts;

	private final LockWaiters waiters;

	private final LockWatchdog watchdog;

	private final LockMetrics metrics;

	private final List<LockLostListener> lostListeners;

	private final long leaseMillis;

	private final long pollNanos;

	private final long pollMillis;

	private final Set<DefaultLockHandle> held = ConcurrentHashMap.newKeySet();

	private final ConcurrentHashMap<ThreadHold, DefaultRedisLock.Hold> threadHolds = new ConcurrentHashMap<>();

	private final AtomicLong lost = new AtomicLong();

	private final OutageBackoff outage;

	/**
	 * One thread, started on demand, for best-effort clean-ups in the background (giving
	 * back what an attempt whose answer was lost may have acquired, withdrawing a waiting
	 * writer's intent after a failure): never the watchdog's scheduling thread, whose
	 * rounds renew the locks that are held.
	 */
	private final ThreadPoolExecutor cleanups;

	DefaultDistributedLocks(RedisConnectionFactory connectionFactory, RedisKeys redisKeys, LockOptions options,
			MeterRegistry meterRegistry, List<LockLostListener> lostListeners, RedisThreads threads,
			OutageBackoff outage) {
		this.keys = redisKeys.feature(FEATURE);
		this.outage = outage;
		this.scripts = new LockScripts(connectionFactory);
		this.waiters = new LockWaiters((connectionFactory instanceof LettuceConnectionFactory lettuce)
				? (listener) -> RedisSubscription.create(lettuce, "lock", listener, threads, meterRegistry) : null,
				this.keys.pattern());
		this.leaseMillis = options.lease().toMillis();
		this.pollNanos = options.pollInterval().toNanos();
		this.pollMillis = Math.max(1, options.pollInterval().toMillis());
		this.watchdog = new LockWatchdog(this.scripts, this.leaseMillis, options.registryName(), this::lost, threads);
		this.metrics = new LockMetrics(meterRegistry, options.registryName(),
				Map.of(LockKind.LOCK, this::heldCount, LockKind.SEMAPHORE, this::heldPermits, LockKind.READ,
						() -> heldCount(LockKind.READ), LockKind.WRITE, () -> heldCount(LockKind.WRITE)));
		this.lostListeners = List.copyOf(lostListeners);
		this.cleanups = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(CLEANUP_QUEUE),
				threads.factory("lock-cleanup"), new ThreadPoolExecutor.DiscardPolicy());
		this.cleanups.allowCoreThreadTimeOut(true);
	}

	@Override
	public RedisLock get(String name) {
		return new DefaultRedisLock(this, LockKeys.of(this.keys, name).name());
	}

	@Override
	public Optional<LockHandle> tryAcquire(String name, Duration wait, @Nullable Duration lease) {
		Assert.isTrue(!wait.isNegative(), () -> "'wait' must not be negative (was " + wait + ")");
		try {
			return Optional.ofNullable(acquire(name, saturatedNanos(wait), lease, true));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	@Override
	public RedisSemaphore semaphore(String name, int permits) {
		Assert.isTrue(permits >= 1, () -> "'permits' must be at least 1 (was " + permits + ")");
		return new DefaultRedisSemaphore(this, LockKeys.semaphore(this.keys, name), permits);
	}

	@Override
	public RedisReadWriteLock readWriteLock(String name) {
		return new DefaultRedisReadWriteLock(this, ReadWriteKeys.of(this.keys, name));
	}

	/**
	 * Acquire, waiting up to {@code wait}, for the public {@code tryAcquire} methods.
	 * @return the handle, or empty if the wait ran out or the thread was interrupted
	 * (whose interrupt status is then set again)
	 */
	Optional<DefaultLockHandle> tryAcquire(Acquisition acquisition, Duration wait, @Nullable Duration lease) {
		Assert.notNull(wait, "'wait' must not be null");
		Assert.isTrue(!wait.isNegative(), () -> "'wait' must not be negative (was " + wait + ")");
		if (lease != null) {
			leaseMillis(lease);
		}
		try {
			return Optional.ofNullable(acquire(acquisition, saturatedNanos(wait), lease, true));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	@Override
	public <T> T withLock(String name, Duration wait, Supplier<T> action) {
		LockHandle handle = tryAcquire(name, wait).orElseThrow(() -> new LockTimeoutException(
				"Could not acquire lock '" + name + "' within " + wait.toMillis() + " ms"));
		try (handle) {
			return action.get();
		}
	}

	/**
	 * Acquire a lock, waiting up to {@code waitNanos} ({@link #FOREVER} for no limit).
	 * @return the handle, or {@code null} if the wait ran out
	 * @throws InterruptedException if interruptible and the thread was interrupted
	 */
	@Nullable DefaultLockHandle acquire(String name, long waitNanos, @Nullable Duration lease, boolean interruptible)
			throws InterruptedException {
		LockKeys lockKeys = LockKeys.of(this.keys, name);
		return acquire(new Acquisition(LockKind.LOCK, lockKeys, 1, "lock '" + name + "'") {

			@Override
			long[] attempt(String token, long leaseMillis, long remainingNanos) {
				return scripts().acquire(lockKeys, token, leaseMillis);
			}

			@Override
			void giveBack(String token) {
				scripts().release(lockKeys, token);
			}

		}, waitNanos, lease, interruptible);
	}

	/**
	 * Acquire, waiting up to {@code waitNanos} ({@link #FOREVER} for no limit): one
	 * attempt, then attempts when woken by a release message, when the holder's lease
	 * ends or after the poll interval, until acquired or the wait ends.
	 * @return the handle, or {@code null} if the wait ran out
	 * @throws InterruptedException if interruptible and the thread was interrupted
	 */
	@Nullable DefaultLockHandle acquire(Acquisition acquisition, long waitNanos, @Nullable Duration lease, boolean interruptible)
			throws InterruptedException {
		LockKeys lockKeys = acquisition.keys;
		LockMetrics.Family metrics = this.metrics.of(acquisition.kind);
		boolean watchdog = (lease == null);
		long leaseMillis = watchdog ? this.leaseMillis : leaseMillis(lease);
		long start = System.nanoTime();
		if (interruptible && Thread.interrupted()) {
			metrics.interrupted(0);
			throw new InterruptedException();
		}
		LockWaiters.Waiter waiter = null;
		boolean interrupted = false;
		boolean acquired = false;
		boolean failed = false;
		try {
			while (true) {
				String token = acquisition.token(newToken());
				long sent = System.nanoTime();
				long[] result;
				if (!this.outage.tryEnter()) {
					metrics.failed(System.nanoTime() - start);
					failed = true;
					throw this.outage.skipped("acquire " + acquisition.what, lockKeys.lockKey());
				}
				try {
					long remaining = (waitNanos == FOREVER) ? FOREVER : waitNanos - (sent - start);
					result = acquisition.attempt(token, leaseMillis, Math.max(remaining, 0));
					this.outage.succeeded();
				}
				catch (RedisUnavailableException ex) {
					this.outage.failed(ex);
					metrics.failed(System.nanoTime() - start);
					failed = true;
					// The script may have run and only its answer been lost: never
					// report the lock acquired, and try to give it back rather than let
					// it sit out its lease.
					cleanUpLater(() -> giveBackQuietly(acquisition, token));
					throw ex;
				}
				catch (RuntimeException ex) {
					// Redis answered with an error (an ACL refusal, malformed state): no
					// outage, and a probe's turn must not be kept.
					this.outage.failed(ex);
					failed = true;
					throw ex;
				}
				if (result[0] == 1L) {
					acquired = true;
					long fencingToken = (acquisition.kind == LockKind.SEMAPHORE) ? 0 : result[1];
					return acquired(acquisition, token, fencingToken, watchdog, sent, leaseMillis, start, metrics);
				}
				long elapsed = System.nanoTime() - start;
				long remaining = (waitNanos == FOREVER) ? FOREVER : waitNanos - elapsed;
				if (remaining <= 0) {
					metrics.timedOut(elapsed);
					return null;
				}
				if (waiter == null) {
					// Register, then try again at once: a release between the attempt
					// above
					// and the registration would otherwise go unnoticed until the next
					// poll.
					waiter = this.waiters.register(lockKeys.channel());
					continue;
				}
				// Sleep until woken by a release message, or at most until the holder's
				// lease runs out, the poll interval passes or the wait ends.
				long holderLease = (result[1] > 0) ? TimeUnit.MILLISECONDS.toNanos(result[1] + 1) : this.pollNanos;
				waiter.park(Math.min(remaining, Math.min(this.pollNanos, holderLease)));
				if (Thread.interrupted()) {
					if (interruptible) {
						metrics.interrupted(System.nanoTime() - start);
						throw new InterruptedException();
					}
					interrupted = true;
				}
			}
		}
		finally {
			if (waiter != null) {
				this.waiters.unregister(lockKeys.channel(), waiter);
			}
			if (!acquired) {
				gaveUp(acquisition, failed);
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private DefaultLockHandle acquired(Acquisition acquisition, String token, long fencingToken, boolean watchdog,
			long sent, long leaseMillis, long start, LockMetrics.Family metrics) {
		DefaultLockHandle handle = new DefaultLockHandle(this, acquisition.kind, acquisition.permits, acquisition.keys,
				token, fencingToken, watchdog, sent, sent + TimeUnit.MILLISECONDS.toNanos(leaseMillis));
		this.held.add(handle);
		if (watchdog) {
			this.watchdog.add(handle);
		}
		metrics.acquired(System.nanoTime() - start);
		return handle;
	}

	/**
	 * Undo what waiting left in Redis, if an attempt that may have left something was
	 * sent, through the outage back-off: at once when Redis last answered, in the
	 * background when the last attempt failed (Redis may be unreachable: the caller does
	 * not wait for it a second time).
	 */
	private void gaveUp(Acquisition acquisition, boolean failed) {
		if (!acquisition.cleansUp()) {
			return;
		}
		if (failed) {
			cleanUpLater(() -> gaveUpQuietly(acquisition));
		}
		else {
			gaveUpQuietly(acquisition);
		}
	}

	private void gaveUpQuietly(Acquisition acquisition) {
		if (!this.outage.tryEnter()) {
			// Redis is skipped: what waiting left ends on its own.
			logger.debug("Skipped the clean-up after giving up on " + acquisition.what + " during the outage back-off");
			return;
		}
		try {
			acquisition.gaveUp();
			this.outage.succeeded();
		}
		catch (RuntimeException ex) {
			this.outage.failed(ex);
			logger.debug("Could not clean up after giving up on " + acquisition.what, ex);
		}
	}

	private void cleanUpLater(Runnable task) {
		try {
			this.cleanups.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// Closed: the clean-up is best effort, leases expire anyway.
		}
	}

	/**
	 * Run a call through the outage back-off, as acquisitions are.
	 */
	<T> T guarded(Supplier<T> call, String what, String key) {
		if (!this.outage.tryEnter()) {
			throw this.outage.skipped(what, key);
		}
		T result;
		try {
			result = call.get();
		}
		catch (RuntimeException ex) {
			this.outage.failed(ex);
			throw ex;
		}
		this.outage.succeeded();
		return result;
	}

	private void giveBackQuietly(Acquisition acquisition, String token) {
		try {
			acquisition.giveBack(token);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not clean up after a failed attempt on " + acquisition.what, ex);
		}
	}

	void released(DefaultLockHandle handle) {
		forgetHandle(handle);
		this.metrics.of(handle.kind()).held(System.nanoTime() - handle.acquiredNanos());
	}

	/**
	 * Forget a handle found not to own its lock by its holder's own call (who gets an
	 * exception, so no lost signal is sent).
	 */
	void forget(DefaultLockHandle handle) {
		if (handle.markLost()) {
			forgetHandle(handle);
		}
	}

	void lost(DefaultLockHandle handle, Reason reason, @Nullable Throwable cause) {
		if (!handle.markLost()) {
			return;
		}
		forgetHandle(handle);
		lostFound(handle, reason, cause);
	}

	/**
	 * Signal a loss found after the handle stopped counting as held, by a release that
	 * found the key gone before the lease ended.
	 */
	void lostFound(DefaultLockHandle handle, Reason reason, @Nullable Throwable cause) {
		this.lost.incrementAndGet();
		this.metrics.of(handle.kind()).lost(reason);
		logger.warn("Lost " + handle.describe() + " while held: " + ((reason == Reason.NOT_HELD)
				? "it expired or was deleted" : "renewals failed until its lease ran out"));
		LockLostEvent event = new LockLostEvent(handle.name(), handle.fencingToken(), reason, cause, handle.kind(),
				handle.permits());
		for (LockLostListener listener : this.lostListeners) {
			try {
				listener.lockLost(event);
			}
			catch (RuntimeException ex) {
				logger.error("Lock lost listener " + listener + " failed", ex);
			}
		}
	}

	private void forgetHandle(DefaultLockHandle handle) {
		this.held.remove(handle);
		if (handle.isWatchdog()) {
			this.watchdog.remove(handle);
		}
	}

	int heldCount() {
		return heldCount(LockKind.LOCK);
	}

	int heldCount(LockKind kind) {
		long now = System.nanoTime();
		this.held.removeIf((handle) -> !handle.isActive(now));
		int count = 0;
		for (DefaultLockHandle handle : this.held) {
			if (handle.kind() == kind) {
				count++;
			}
		}
		return count;
	}

	int heldPermits() {
		long now = System.nanoTime();
		this.held.removeIf((handle) -> !handle.isActive(now));
		int permits = 0;
		for (DefaultLockHandle handle : this.held) {
			if (handle.kind() == LockKind.SEMAPHORE) {
				permits += handle.permits();
			}
		}
		return permits;
	}

	@Override
	public List<HeldLock> heldLocks() {
		long now = System.nanoTime();
		List<HeldLock> locks = new ArrayList<>();
		for (DefaultLockHandle handle : this.held) {
			if (handle.isActive(now)) {
				long remaining = Math.max(handle.validUntilNanos() - now, 0);
				locks.add(new HeldLock(handle.name(), handle.fencingToken(), Duration.ofNanos(remaining),
						handle.isWatchdog(), Duration.ofNanos(now - handle.acquiredNanos()), handle.kind(),
						handle.permits()));
			}
		}
		locks.sort(Comparator.comparing(HeldLock::name)
			.thenComparing(HeldLock::kind)
			.thenComparingLong(HeldLock::fencingToken));
		return locks;
	}

	@Override
	public boolean forceRelease(String name) {
		LockKeys lockKeys = LockKeys.of(this.keys, name);
		boolean released = this.scripts.forceRelease(lockKeys);
		logger.warn("Lock '" + name + "' force-released by an operator: "
				+ (released ? "its holder's lock was deleted; the holder finds it lost at its next renewal or release"
						: "it was not held"));
		return released;
	}

	@Override
	public LocksStatus status() {
		return new LocksStatus(heldCount(), this.watchdog.size(), this.watchdog.state(), this.watchdog.lastRenewal(),
				this.lost.get(), this.waiters.status(), heldPermits(), heldCount(LockKind.READ),
				heldCount(LockKind.WRITE));
	}

	@Override
	public void close() {
		this.watchdog.close();
		this.cleanups.shutdownNow();
		this.waiters.close();
	}

	LockScripts scripts() {
		return this.scripts;
	}

	/**
	 * Drop the lock-release subscription and subscribe again from scratch.
	 */
	void reconnect() {
		this.waiters.reconnect();
	}

	@Override
	public void primarySwitched(PrimarySwitch primarySwitch) {
		reconnect();
	}

	LockWaiters waiters() {
		return this.waiters;
	}

	LockWatchdog watchdog() {
		return this.watchdog;
	}

	ConcurrentHashMap<ThreadHold, DefaultRedisLock.Hold> threadHolds() {
		return this.threadHolds;
	}

	long pollMillis() {
		return this.pollMillis;
	}

	static long leaseMillis(Duration lease) {
		Assert.isTrue(lease.toMillis() >= 1, () -> "A lease must be at least 1 ms (was " + lease + ")");
		return lease.toMillis();
	}

	private static long saturatedNanos(Duration duration) {
		try {
			long nanos = duration.toNanos();
			return (nanos == FOREVER) ? FOREVER - 1 : nanos;
		}
		catch (ArithmeticException ex) {
			return FOREVER - 1;
		}
	}

	private static String newToken() {
		// Unique per acquisition; not a secret, so a fast generator will do.
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
	}

	/**
	 * What one call acquires and how: its kind, the keys its handle keeps it under, the
	 * attempt in Redis and the clean-ups after an attempt whose answer was lost or after
	 * giving up.
	 */
	abstract static class Acquisition {

		final LockKind kind;

		final LockKeys keys;

		final int permits;

		final String what;

		Acquisition(LockKind kind, LockKeys keys, int permits, String what) {
			this.kind = kind;
			this.keys = keys;
			this.permits = permits;
			this.what = what;
		}

		/**
		 * The owner token of one attempt, from a fresh random token.
		 */
		String token(String random) {
			return random;
		}

		/**
		 * Try once.
		 * @param token the owner token of this attempt
		 * @param leaseMillis the lease
		 * @param remainingNanos what is left of the wait
		 * @return {@code {1, fencing token (for a semaphore, the permits left)}} or
		 * {@code {0, how long the holder may keep it in ms, or -1 if unknown}}
		 */
		abstract long[] attempt(String token, long leaseMillis, long remainingNanos);

		/**
		 * Give back what an attempt whose answer was lost may have acquired.
		 */
		abstract void giveBack(String token);

		/**
		 * Whether {@link #gaveUp()} has anything to do: whether an attempt that may have
		 * left something behind was sent (answered or not).
		 */
		boolean cleansUp() {
			return false;
		}

		/**
		 * Undo what waiting left in Redis, once the call stopped waiting without
		 * acquiring.
		 */
		void gaveUp() {
		}

	}

	/**
	 * A thread's hold of a lock name through the {@link RedisLock} view.
	 */
	record ThreadHold(String name, Thread thread) {

	}

}
