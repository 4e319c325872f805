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

import io.github.redisutils.core.SubscriptionStatus;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link DistributedLocks} registry holds now and how its watchdog fares.
 *
 * @param held locks held by this registry now (semaphore permits and read-write locks
 * apart)
 * @param renewing how many acquisitions the watchdog renews, of every kind
 * @param watchdog the watchdog's state
 * @param lastRenewal when the watchdog last renewed locks successfully, if ever
 * @param lost acquisitions lost since the registry started, of every kind
 * @param subscription the lock-release subscription that wakes waiters (waiters poll
 * while it is down or refused)
 * @param heldPermits semaphore permits held by this registry now, all semaphores together
 * @param heldReadLocks read sides of read-write locks held by this registry now
 * @param heldWriteLocks write sides of read-write locks held by this registry now
 * @author redis-utils authors
 */
public record LocksStatus(int held, int renewing, WatchdogState watchdog, @Nullable Instant lastRenewal, long lost,
		SubscriptionStatus subscription, int heldPermits, int heldReadLocks, int heldWriteLocks) {

	/**
	 * Create the status of a registry that holds neither semaphore permits nor read-write
	 * locks.
	 * @param held locks held by this registry now
	 * @param renewing how many of them the watchdog renews
	 * @param watchdog the watchdog's state
	 * @param lastRenewal when the watchdog last renewed locks successfully, if ever
	 * @param lost locks lost since the registry started
	 * @param subscription the lock-release subscription that wakes waiters
	 */
	public LocksStatus(int held, int renewing, WatchdogState watchdog, @Nullable Instant lastRenewal, long lost,
			SubscriptionStatus subscription) {
		this(held, renewing, watchdog, lastRenewal, lost, subscription, 0, 0, 0);
	}

	/**
	 * State of the watchdog.
	 */
	public enum WatchdogState {

		/**
		 * No lock acquired without a lease yet, so no thread started.
		 */
		IDLE,

		/**
		 * Running, and its last round (if any) succeeded.
		 */
		RUNNING,

		/**
		 * Running, and its last round failed to reach Redis.
		 */
		FAILING,

		/**
		 * Stopped with the registry.
		 */
		STOPPED

	}

}
