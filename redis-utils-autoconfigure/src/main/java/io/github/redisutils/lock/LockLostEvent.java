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

import org.jspecify.annotations.Nullable;

/**
 * A lock renewed by the watchdog was lost, or semaphore permits or one side of a
 * read-write lock (told by {@link #kind()}).
 *
 * @param name the lock's name (the semaphore's, the read-write lock's)
 * @param fencingToken the fencing token of the lost acquisition; 0 for semaphore permits,
 * which have none
 * @param reason why it is considered lost
 * @param cause the failure of the last renewal, for {@link Reason#RENEWAL_FAILED}
 * @param kind what was lost
 * @param permits how many semaphore permits were lost; 1 for the other kinds
 * @author redis-utils authors
 */
public record LockLostEvent(String name, long fencingToken, Reason reason, @Nullable Throwable cause, LockKind kind,
		int permits) {

	/**
	 * Create the event of a lost lock.
	 * @param name the lock's name
	 * @param fencingToken the fencing token of the lost acquisition
	 * @param reason why it is considered lost
	 * @param cause the failure of the last renewal, for {@link Reason#RENEWAL_FAILED}
	 */
	public LockLostEvent(String name, long fencingToken, Reason reason, @Nullable Throwable cause) {
		this(name, fencingToken, reason, cause, LockKind.LOCK, 1);
	}

	/**
	 * Why a lock is considered lost.
	 */
	public enum Reason {

		/**
		 * A renewal found the lock gone or owned by another token: it expired (for
		 * example after a long pause of this process) or was deleted.
		 */
		NOT_HELD,

		/**
		 * Renewals failed (Redis unreachable or slow) until the lease ran out, so the
		 * lock may have expired and been taken by someone else.
		 */
		RENEWAL_FAILED

	}

}
