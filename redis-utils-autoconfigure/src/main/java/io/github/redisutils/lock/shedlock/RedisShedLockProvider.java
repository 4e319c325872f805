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
package io.github.redisutils.lock.shedlock;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;

import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.lock.LockHandle;
import io.github.redisutils.lock.LockNotHeldException;
import net.javacrumbs.shedlock.core.AbstractSimpleLock;
import net.javacrumbs.shedlock.core.ExtensibleLockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.support.LockException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A ShedLock {@link ExtensibleLockProvider} on {@link DistributedLocks}: a ShedLock lock
 * is a lock of the registry with the same name (same keys, fencing tokens and
 * {@code redis.lock.*} meters), acquired with {@code lockAtMostFor} as its lease in a
 * single attempt.
 * <ul>
 * <li>{@code lockAtMostFor} is the lease: Redis drops the lock when it ends, by server
 * time; no watchdog renews it.</li>
 * <li>{@code lockAtLeastFor}: unlocking before it has passed (by server time, from the
 * acquisition or the last extension) keeps the lock taken until then, in the same round
 * trip.</li>
 * <li>{@link SimpleLock#extend extend} works only for the current holder: it returns
 * empty when the lock expired or belongs to someone else.</li>
 * <li>The fencing token: locks returned are {@link FencedSimpleLock}s, and a task run by
 * ShedLock reads its lock's with {@link #currentFencingToken()} or
 * {@link #currentLock()}.</li>
 * <li>When Redis cannot be reached, {@link #lock} throws ShedLock's {@link LockException}
 * (its cause a {@link RedisUnavailableException}) and the task does not run: a lock is
 * never granted without Redis. An unlock that fails is logged, and the lock expires with
 * its lease.</li>
 * </ul>
 *
 * @author redis-utils authors
 */
public final class RedisShedLockProvider implements ExtensibleLockProvider {

	private static final Log logger = LogFactory.getLog(RedisShedLockProvider.class);

	private static final ThreadLocal<Deque<RedisSimpleLock>> current = new ThreadLocal<>();

	private final DistributedLocks locks;

	/**
	 * Create a provider.
	 * @param locks the registry the locks are taken from
	 */
	public RedisShedLockProvider(DistributedLocks locks) {
		Assert.notNull(locks, "'locks' must not be null");
		this.locks = locks;
	}

	/**
	 * Try once to acquire the lock, with {@code lockAtMostFor} as its lease.
	 * @param configuration the lock's name and times
	 * @return the lock, a {@link FencedSimpleLock}, or empty if someone holds it
	 * @throws LockException if Redis could not be reached or did not answer
	 */
	@Override
	public Optional<SimpleLock> lock(LockConfiguration configuration) {
		Optional<LockHandle> handle;
		try {
			handle = this.locks.tryAcquire(configuration.getName(), Duration.ZERO,
					lease(configuration.getLockAtMostFor()));
		}
		catch (RedisUnavailableException ex) {
			throw new LockException("Could not acquire lock '" + configuration.getName() + "': " + ex.getMessage(), ex);
		}
		return handle.map((acquired) -> {
			RedisSimpleLock lock = new RedisSimpleLock(configuration, acquired);
			started(lock);
			return lock;
		});
	}

	/**
	 * Return the innermost lock taken through a {@code RedisShedLockProvider} on this
	 * thread and not yet unlocked: inside a task run by ShedLock ({@code @SchedulerLock},
	 * {@code LockingTaskExecutor}), the lock the task runs under.
	 * @return the lock, or empty outside a locked task
	 */
	public static Optional<FencedSimpleLock> currentLock() {
		Deque<RedisSimpleLock> locks = current.get();
		if (locks == null) {
			return Optional.empty();
		}
		prune(locks);
		return Optional.ofNullable(locks.peekLast());
	}

	/**
	 * Return the fencing token of the {@link #currentLock() current lock}.
	 * @return the token, or empty outside a locked task
	 */
	public static OptionalLong currentFencingToken() {
		return currentLock().map((lock) -> OptionalLong.of(lock.fencingToken())).orElseGet(OptionalLong::empty);
	}

	/**
	 * Return the fencing token of the current lock, for code that must run under one.
	 * @return the token
	 * @throws IllegalStateException if no lock of this provider is held on this thread
	 */
	public static long requireFencingToken() {
		return currentLock().orElseThrow(() -> new IllegalStateException(
				"No ShedLock lock of redis-utils is held on this thread: run the task with @SchedulerLock or a LockingTaskExecutor"))
			.fencingToken();
	}

	private static Duration lease(Duration lockAtMostFor) {
		// A lease is at least a millisecond; round up what is finer.
		long millis = lockAtMostFor.toMillis();
		if (Duration.ofMillis(millis).compareTo(lockAtMostFor) < 0) {
			millis++;
		}
		return Duration.ofMillis(Math.max(millis, 1));
	}

	private static void started(RedisSimpleLock lock) {
		Deque<RedisSimpleLock> locks = current.get();
		if (locks == null) {
			locks = new ArrayDeque<>();
			current.set(locks);
		}
		prune(locks);
		locks.addLast(lock);
	}

	/**
	 * Forget a lock on this thread, or put its successor in its place.
	 */
	private static void ended(RedisSimpleLock lock, @Nullable RedisSimpleLock successor) {
		Deque<RedisSimpleLock> locks = current.get();
		if (locks == null) {
			return;
		}
		if (successor != null && locks.peekLast() == lock) {
			locks.pollLast();
			locks.addLast(successor);
		}
		else if (locks.removeIf((candidate) -> candidate == lock) && successor != null) {
			locks.addLast(successor);
		}
		prune(locks);
		if (locks.isEmpty()) {
			current.remove();
		}
	}

	/**
	 * Drop locks that ended on another thread.
	 */
	private static void prune(Deque<RedisSimpleLock> locks) {
		for (Iterator<RedisSimpleLock> iterator = locks.iterator(); iterator.hasNext();) {
			if (iterator.next().ended) {
				iterator.remove();
			}
		}
	}

	private static final class RedisSimpleLock extends AbstractSimpleLock implements FencedSimpleLock {

		private final LockHandle handle;

		private volatile boolean ended;

		RedisSimpleLock(LockConfiguration configuration, LockHandle handle) {
			super(configuration);
			this.handle = handle;
		}

		@Override
		public String name() {
			return this.lockConfiguration.getName();
		}

		@Override
		public long fencingToken() {
			return this.handle.fencingToken();
		}

		@Override
		protected void doUnlock() {
			this.ended = true;
			ended(this, null);
			try {
				this.handle.release(this.lockConfiguration.getLockAtLeastFor());
			}
			catch (LockNotHeldException ex) {
				logger.warn("ShedLock lock '" + name() + "' (fencing token " + fencingToken()
						+ ") expired before its task ended: lockAtMostFor (" + this.lockConfiguration.getLockAtMostFor()
						+ ") is shorter than the task");
			}
			catch (RedisUnavailableException ex) {
				logger.warn("Could not release ShedLock lock '" + name() + "' (fencing token " + fencingToken()
						+ "); it expires with its lease: " + ex.getMessage());
			}
		}

		@Override
		protected Optional<SimpleLock> doExtend(LockConfiguration configuration) {
			try {
				this.handle.extend(lease(configuration.getLockAtMostFor()));
			}
			catch (LockNotHeldException ex) {
				this.ended = true;
				ended(this, null);
				return Optional.empty();
			}
			catch (RedisUnavailableException ex) {
				throw new LockException("Could not extend lock '" + name() + "': " + ex.getMessage(), ex);
			}
			RedisSimpleLock successor = new RedisSimpleLock(configuration, this.handle);
			this.ended = true;
			ended(this, successor);
			return Optional.of(successor);
		}

		@Override
		public String toString() {
			return "FencedSimpleLock[" + name() + ", fencingToken=" + fencingToken() + "]";
		}

	}

}
