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
import java.util.Optional;
import java.util.function.Supplier;

import io.github.redisutils.core.RedisUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * A read-write lock kept in Redis: any number of readers, or one writer, across every
 * application instance. Each side is acquired as a {@link LockHandle}: owned by a random
 * owner token, with a lease (or renewed by the watchdog) and a fencing token from one
 * counter per name for both sides, so every acquisition's token is greater than those of
 * all earlier read and write acquisitions of the name.
 * <p>
 * <b>Fairness: writers are preferred.</b> A writer that is refused and keeps waiting
 * records its intent in Redis, renewed by each of its attempts; while an intent is
 * recorded no new reader is granted, so the writer gets the lock once the readers holding
 * it release it (or their leases end). A writer therefore never waits for a stream of new
 * readers; readers may wait as long as writers keep queueing. The intent of a writer that
 * stops waiting is withdrawn (or ends on its own within about twice the poll interval if
 * the writer crashed). Among writers, as among readers, there is no order: the first
 * attempt to reach Redis after a release wins.
 * <p>
 * Handles are not reentrant and a read lock cannot be upgraded: a holder of the read side
 * that asks for the write side waits for itself until its wait runs out.
 *
 * @author redis-utils authors
 * @see DistributedLocks#readWriteLock(String)
 */
public interface RedisReadWriteLock {

	/**
	 * Return the read-write lock's name.
	 * @return the name
	 */
	String name();

	/**
	 * Try to acquire the read side, waiting up to {@code wait} for a writer to release
	 * the lock (or a waiting writer to be served).
	 * @param wait longest time to wait; zero for a single attempt
	 * @param lease time after which Redis releases the read lock if it is not released or
	 * extended before; {@code null} for the configured lease, renewed by the watchdog
	 * @return the handle, or empty if the wait ran out (or the thread was interrupted,
	 * whose interrupt status is then left set)
	 * @throws IllegalArgumentException if {@code wait} is negative or {@code lease} is
	 * under 1 ms
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer
	 */
	Optional<LockHandle> tryAcquireRead(Duration wait, @Nullable Duration lease);

	/**
	 * Try to acquire the read side, renewed by the watchdog while held.
	 * @param wait longest time to wait; zero for a single attempt
	 * @return the handle, or empty if the wait ran out
	 * @throws IllegalArgumentException if {@code wait} is negative
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer
	 * @see #tryAcquireRead(Duration, Duration)
	 */
	default Optional<LockHandle> tryAcquireRead(Duration wait) {
		return tryAcquireRead(wait, null);
	}

	/**
	 * Try to acquire the write side, waiting up to {@code wait} for readers and any
	 * writer to release the lock. While it waits, no new reader is granted.
	 * @param wait longest time to wait; zero for a single attempt (which keeps no reader
	 * out)
	 * @param lease time after which Redis releases the write lock if it is not released
	 * or extended before; {@code null} for the configured lease, renewed by the watchdog
	 * @return the handle, or empty if the wait ran out (or the thread was interrupted,
	 * whose interrupt status is then left set)
	 * @throws IllegalArgumentException if {@code wait} is negative or {@code lease} is
	 * under 1 ms
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer
	 */
	Optional<LockHandle> tryAcquireWrite(Duration wait, @Nullable Duration lease);

	/**
	 * Try to acquire the write side, renewed by the watchdog while held.
	 * @param wait longest time to wait; zero for a single attempt
	 * @return the handle, or empty if the wait ran out
	 * @throws IllegalArgumentException if {@code wait} is negative
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer
	 * @see #tryAcquireWrite(Duration, Duration)
	 */
	default Optional<LockHandle> tryAcquireWrite(Duration wait) {
		return tryAcquireWrite(wait, null);
	}

	/**
	 * Run an action while holding the read side, renewed by the watchdog, and release it
	 * after.
	 * @param <T> the action's result type
	 * @param wait longest time to wait for the read lock
	 * @param action what to run under it
	 * @return the action's result
	 * @throws LockTimeoutException if the read lock could not be acquired within the wait
	 * @throws LockNotHeldException if it was lost before the action completed
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer
	 */
	<T> T withReadLock(Duration wait, Supplier<T> action);

	/**
	 * Run an action while holding the write side, renewed by the watchdog, and release it
	 * after.
	 * @param <T> the action's result type
	 * @param wait longest time to wait for the write lock
	 * @param action what to run under it
	 * @return the action's result
	 * @throws LockTimeoutException if the write lock could not be acquired within the
	 * wait
	 * @throws LockNotHeldException if it was lost before the action completed
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer
	 */
	<T> T withWriteLock(Duration wait, Supplier<T> action);

}
