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
import java.util.concurrent.locks.Lock;

/**
 * A {@link Lock} view of one distributed lock, for code written against
 * {@code java.util.concurrent}.
 * <p>
 * The rule: the view is reentrant for the thread that holds it. A thread that holds the
 * lock may lock it again through any view of the same name and registry, and must unlock
 * it as many times; only the holding thread may unlock it (others get an
 * {@link IllegalMonitorStateException}, as with
 * {@link java.util.concurrent.locks.ReentrantLock}). In Redis the outermost acquisition
 * owns the lock, with the configured lease renewed by the watchdog. Code that hands work
 * between threads should use {@link DistributedLocks#tryAcquire} and its
 * {@link LockHandle} instead, whose ownership is not tied to a thread.
 * <p>
 * {@link #lock()} waits without limit and ignores interrupts;
 * {@link #lockInterruptibly()} and {@link #tryLock(long, TimeUnit)} stop waiting when
 * interrupted; {@link #tryLock()} makes one attempt. Each throws
 * {@link io.github.redisutils.core.RedisUnavailableException} when Redis cannot be
 * reached, rather than waiting for it to come back. {@link #unlock()} throws
 * {@link LockNotHeldException} if the lock was lost meanwhile.
 * <p>
 * Once the watchdog has reported the lock lost, the thread no longer holds it: locking
 * again through a view throws {@link LockNotHeldException} instead of counting one more
 * hold, {@link #isHeldByCurrentThread()} returns {@code false} and
 * {@link #fencingToken()} throws. Each of them drops the thread's hold, so that
 * {@link #unlock()} afterwards throws {@link IllegalMonitorStateException} and the next
 * {@code lock()} acquires the lock in Redis anew.
 *
 * @author redis-utils authors
 */
public interface RedisLock extends Lock {

	/**
	 * Return the lock's name.
	 * @return the name
	 */
	String name();

	/**
	 * Whether the current thread holds this lock through a view (as far as this registry
	 * knows: no round trip; {@code false} once the watchdog reported it lost).
	 * @return whether the current thread holds it
	 */
	boolean isHeldByCurrentThread();

	/**
	 * Return the fencing token of the current thread's hold.
	 * @return the fencing token
	 * @throws IllegalMonitorStateException if the current thread does not hold the lock
	 */
	long fencingToken();

	/**
	 * Not supported: a distributed lock has no condition variables.
	 * @return never
	 * @throws UnsupportedOperationException always
	 */
	@Override
	Condition newCondition();

}
