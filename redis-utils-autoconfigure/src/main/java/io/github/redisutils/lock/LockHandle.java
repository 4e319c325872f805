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

import io.github.redisutils.core.RedisUnavailableException;

/**
 * One acquisition of a distributed lock. Release it with {@link #release()} or by closing
 * it (try-with-resources). Not tied to a thread: it may be released or extended from any
 * thread or asynchronous stage.
 *
 * @author redis-utils authors
 */
public interface LockHandle extends AutoCloseable {

	/**
	 * Return the lock's name.
	 * @return the name
	 */
	String name();

	/**
	 * Return this acquisition's fencing token: per lock name, strictly greater than the
	 * token of every earlier acquisition, across expiries and restarts of the
	 * application. A resource that remembers the highest token it has seen can reject
	 * writes from a holder whose lock expired meanwhile.
	 * @return the fencing token, at least 1
	 */
	long fencingToken();

	/**
	 * Make the lock expire {@code lease} from now unless released or extended again. A
	 * lock renewed by the watchdog keeps being renewed, with the configured lease, on the
	 * watchdog's next round. One owner-checked round trip.
	 * @param lease the new lease, from now
	 * @throws LockNotHeldException if this acquisition no longer owns the lock (another
	 * holder's lock is left untouched)
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer
	 */
	void extend(Duration lease);

	/**
	 * Whether this acquisition still owns the lock in Redis. One round trip, unless the
	 * handle was released or is known to be lost.
	 * @return whether the lock is held
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer
	 */
	boolean isHeld();

	/**
	 * Release the lock and wake its waiters. One owner-checked round trip.
	 * @throws LockNotHeldException if this acquisition no longer owns the lock, because
	 * it was released already, expired or was lost (another holder's lock is left
	 * untouched)
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer;
	 * the lock then expires with its lease
	 */
	void release();

	/**
	 * Release the lock, but not before it has been held for {@code heldAtLeast}, counted
	 * from its acquisition or its last {@link #extend(Duration) extension} by Redis
	 * server time: when that time has passed the lock is released as {@link #release()}
	 * does; otherwise it stays taken, its lease shortened to end when that time is
	 * reached (never lengthened past the lease), and this handle no longer owns it. One
	 * owner-checked round trip. Only for locks acquired with a lease.
	 * @param heldAtLeast shortest time the lock is held; zero or negative to release now
	 * @throws LockNotHeldException if this acquisition no longer owns the lock (another
	 * holder's lock is left untouched)
	 * @throws IllegalStateException if the lock is renewed by the watchdog
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer;
	 * the lock then expires with its lease
	 * @throws UnsupportedOperationException if this implementation cannot keep a lock
	 * after its release (the default, for a positive {@code heldAtLeast})
	 */
	default void release(Duration heldAtLeast) {
		if (heldAtLeast.isNegative() || heldAtLeast.isZero()) {
			release();
			return;
		}
		throw new UnsupportedOperationException(getClass().getName() + " cannot keep a lock after its release");
	}

	/**
	 * Release the lock unless this handle released it already.
	 * @throws LockNotHeldException if the lock expired or was lost before
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer
	 */
	@Override
	void close();

}
