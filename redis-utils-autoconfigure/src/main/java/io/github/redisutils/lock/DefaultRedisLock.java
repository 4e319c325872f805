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

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

import org.jspecify.annotations.Nullable;

/**
 * The {@link java.util.concurrent.locks.Lock} view: reentrancy per thread on top of one
 * watchdog-renewed acquisition, kept by the registry so that every view of a name agrees.
 *
 * @author redis-utils authors
 */
final class DefaultRedisLock implements RedisLock {

	private final DefaultDistributedLocks locks;

	private final String name;

	DefaultRedisLock(DefaultDistributedLocks locks, String name) {
		this.locks = locks;
		this.name = name;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void lock() {
		if (!reenter()) {
			try {
				hold(this.locks.acquire(this.name, Long.MAX_VALUE, null, false));
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException("Not interruptible", ex);
			}
		}
	}

	@Override
	public void lockInterruptibly() throws InterruptedException {
		if (!reenter()) {
			hold(this.locks.acquire(this.name, Long.MAX_VALUE, null, true));
		}
	}

	@Override
	public boolean tryLock() {
		if (reenter()) {
			return true;
		}
		try {
			return hold(this.locks.acquire(this.name, 0, null, false));
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException("Not interruptible", ex);
		}
	}

	@Override
	public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
		if (reenter()) {
			return true;
		}
		long nanos = Math.max(0, Math.min(unit.toNanos(time), Long.MAX_VALUE - 1));
		return hold(this.locks.acquire(this.name, nanos, null, true));
	}

	@Override
	public void unlock() {
		DefaultDistributedLocks.ThreadHold key = key();
		Hold hold = this.locks.threadHolds().get(key);
		if (hold == null) {
			throw new IllegalMonitorStateException(
					"Lock '" + this.name + "' is not held by thread '" + Thread.currentThread().getName() + "'");
		}
		if (--hold.count == 0) {
			this.locks.threadHolds().remove(key);
			hold.handle.release();
		}
	}

	@Override
	public boolean isHeldByCurrentThread() {
		return activeHold() != null;
	}

	@Override
	public long fencingToken() {
		Hold hold = activeHold();
		if (hold == null) {
			throw new IllegalMonitorStateException(
					"Lock '" + this.name + "' is not held by thread '" + Thread.currentThread().getName() + "'");
		}
		return hold.handle.fencingToken();
	}

	@Override
	public Condition newCondition() {
		throw new UnsupportedOperationException("Distributed lock '" + this.name
				+ "' has no conditions: wait for a state kept in Redis, or use a queue or pub/sub instead");
	}

	/**
	 * Count one more hold if the current thread holds the lock already.
	 * @return whether it did
	 * @throws LockNotHeldException if the thread's hold was lost meanwhile
	 */
	private boolean reenter() {
		Hold hold = this.locks.threadHolds().get(key());
		if (hold == null) {
			return false;
		}
		if (!hold.handle.isActive(System.nanoTime())) {
			this.locks.threadHolds().remove(key());
			throw new LockNotHeldException("Could not lock '" + this.name + "' again (fencing token "
					+ hold.handle.fencingToken() + "): it was lost while held; the hold is dropped");
		}
		hold.count++;
		return true;
	}

	/**
	 * Return the current thread's hold, dropping it if it was lost meanwhile.
	 */
	private @Nullable Hold activeHold() {
		Hold hold = this.locks.threadHolds().get(key());
		if (hold != null && !hold.handle.isActive(System.nanoTime())) {
			this.locks.threadHolds().remove(key());
			return null;
		}
		return hold;
	}

	private boolean hold(@Nullable DefaultLockHandle handle) {
		if (handle == null) {
			return false;
		}
		this.locks.threadHolds().put(key(), new Hold(handle));
		return true;
	}

	private DefaultDistributedLocks.ThreadHold key() {
		return new DefaultDistributedLocks.ThreadHold(this.name, Thread.currentThread());
	}

	@Override
	public String toString() {
		return "RedisLock[" + this.name + "]";
	}

	/**
	 * A thread's hold: touched only by that thread.
	 */
	static final class Hold {

		final DefaultLockHandle handle;

		int count = 1;

		Hold(DefaultLockHandle handle) {
			this.handle = handle;
		}

	}

}
