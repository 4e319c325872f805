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

/**
 * A lock this instance holds, as its registry knows it without asking Redis; also
 * semaphore permits and read-write locks, told by {@link #kind()}.
 *
 * @param name the lock's name (the semaphore's, the read-write lock's)
 * @param fencingToken the fencing token it was acquired with; 0 for semaphore permits
 * @param remainingLease how long the lease lasts from now unless renewed (for a lock the
 * watchdog renews, until the next renewal is due at the latest)
 * @param watchdog whether the watchdog renews the lease while the lock is held
 * @param heldFor how long the lock has been held
 * @param kind what is held
 * @param permits how many semaphore permits are held; 1 for the other kinds
 * @author redis-utils authors
 */
public record HeldLock(String name, long fencingToken, Duration remainingLease, boolean watchdog, Duration heldFor,
		LockKind kind, int permits) {

	/**
	 * Describe a held lock.
	 * @param name the lock's name
	 * @param fencingToken the fencing token it was acquired with
	 * @param remainingLease how long the lease lasts from now unless renewed
	 * @param watchdog whether the watchdog renews the lease while the lock is held
	 * @param heldFor how long the lock has been held
	 */
	public HeldLock(String name, long fencingToken, Duration remainingLease, boolean watchdog, Duration heldFor) {
		this(name, fencingToken, remainingLease, watchdog, heldFor, LockKind.LOCK, 1);
	}

}
