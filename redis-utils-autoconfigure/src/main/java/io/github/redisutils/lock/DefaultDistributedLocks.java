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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
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
 *
 * @author redis-utils authors
 */
final class DefaultDistributedLocks implements DistributedLocks, PrimarySwitchListener {

	private static final Log logger = LogFactory.getLog(DefaultDistributedLocks.class);

	private static final long FOREVER = Long.MAX_VALUE;

	private final RedisKeys.FeatureKeys keys;

	private final LockScripts scripts;

	private final LockWaiters waiters;

	private final LockWatchdog watchdog;

	private final LockMetrics metrics;

	private final List<LockLostListener> lostListeners;

	private final long leaseMillis;

	private final long pollNanos;

	private final Set<DefaultLockHandle> held = ConcurrentHashMap.newKeySet();

	private final ConcurrentHashMap<ThreadHold, DefaultRedisLock.Hold> threadHolds = new ConcurrentHashMap<>();

	private final AtomicLong lost = new AtomicLong();

	private final OutageBackoff outage;

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
		this.watchdog = new LockWatchdog(this.scripts, this.leaseMillis, options.registryName(), this::lost, threads);
		this.metrics = new LockMetrics(meterRegistry, options.registryName(), this::heldCount);
		this.lostListeners = List.copyOf(lostListeners);
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
		boolean watchdog = (lease == null);
		long leaseMillis = watchdog ? this.leaseMillis : leaseMillis(lease);
		long start = System.nanoTime();
		if (interruptible && Thread.interrupted()) {
			this.metrics.interrupted(0);
			throw new InterruptedException();
		}
		LockWaiters.Waiter waiter = null;
		boolean interrupted = false;
		try {
			while (true) {
				String token = newToken();
				long sent = System.nanoTime();
				long[] result;
				if (!this.outage.tryEnter()) {
					this.metrics.failed(System.nanoTime() - start);
					throw this.outage.skipped("acquire lock '" + name + "'", lockKeys.lockKey());
				}
				try {
					result = this.scripts.acquire(lockKeys, token, leaseMillis);
					this.outage.succeeded();
				}
				catch (RedisUnavailableException ex) {
					this.outage.failed(ex);
					this.metrics.failed(System.nanoTime() - start);
					// The script may have run and only its answer been lost: never
					// report the lock acquired, and try to give it back rather than let
					// it sit out its lease.
					this.watchdog.execute(() -> releaseQuietly(lockKeys, token));
					throw ex;
				}
				catch (RuntimeException ex) {
					// Redis answered with an error (an ACL refusal, malformed state): no
					// outage, and a probe's turn must not be kept.
					this.outage.failed(ex);
					throw ex;
				}
				if (result[0] == 1L) {
					return acquired(lockKeys, token, result[1], watchdog, sent, leaseMillis, start);
				}
				long elapsed = System.nanoTime() - start;
				long remaining = (waitNanos == FOREVER) ? FOREVER : waitNanos - elapsed;
				if (remaining <= 0) {
					this.metrics.timedOut(elapsed);
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
						this.metrics.interrupted(System.nanoTime() - start);
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
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private DefaultLockHandle acquired(LockKeys lockKeys, String token, long fencingToken, boolean watchdog, long sent,
			long leaseMillis, long start) {
		DefaultLockHandle handle = new DefaultLockHandle(this, lockKeys, token, fencingToken, watchdog, sent,
				sent + TimeUnit.MILLISECONDS.toNanos(leaseMillis));
		this.held.add(handle);
		if (watchdog) {
			this.watchdog.add(handle);
		}
		this.metrics.acquired(System.nanoTime() - start);
		return handle;
	}

	private void releaseQuietly(LockKeys lockKeys, String token) {
		try {
			this.scripts.release(lockKeys, token);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not clean up after a failed attempt on lock '" + lockKeys.name() + "'", ex);
		}
	}

	void released(DefaultLockHandle handle) {
		forgetHandle(handle);
		this.metrics.held(System.nanoTime() - handle.acquiredNanos());
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
		this.metrics.lost(reason);
		logger.warn("Lost lock '" + handle.name() + "' (fencing token " + handle.fencingToken() + ") while held: "
				+ ((reason == Reason.NOT_HELD) ? "it expired or was deleted"
						: "renewals failed until its lease ran out"));
		LockLostEvent event = new LockLostEvent(handle.name(), handle.fencingToken(), reason, cause);
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
		long now = System.nanoTime();
		this.held.removeIf((handle) -> !handle.isActive(now));
		return this.held.size();
	}

	@Override
	public List<HeldLock> heldLocks() {
		long now = System.nanoTime();
		List<HeldLock> locks = new ArrayList<>();
		for (DefaultLockHandle handle : this.held) {
			if (handle.isActive(now)) {
				long remaining = Math.max(handle.validUntilNanos() - now, 0);
				locks.add(new HeldLock(handle.name(), handle.fencingToken(), Duration.ofNanos(remaining),
						handle.isWatchdog(), Duration.ofNanos(now - handle.acquiredNanos())));
			}
		}
		locks.sort(Comparator.comparing(HeldLock::name).thenComparingLong(HeldLock::fencingToken));
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
				this.lost.get(), this.waiters.status());
	}

	@Override
	public void close() {
		this.watchdog.close();
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
	 * A thread's hold of a lock name through the {@link RedisLock} view.
	 */
	record ThreadHold(String name, Thread thread) {

	}

}
