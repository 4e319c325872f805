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
 * One acquisition of permits of a {@link RedisSemaphore}. Release it with
 * {@link #release()} or by closing it (try-with-resources). Owned by a random owner
 * token, not by a thread: it may be released or extended from any thread or asynchronous
 * stage, and only by this handle.
 *
 * @author redis-utils authors
 */
public interface PermitHandle extends AutoCloseable {

	/**
	 * Return the semaphore's name.
	 * @return the name
	 */
	String name();

	/**
	 * Return how many permits this acquisition holds.
	 * @return the permits, at least 1
	 */
	int permits();

	/**
	 * Make the permits come back {@code lease} from now unless released or extended
	 * again. Permits renewed by the watchdog keep being renewed, with the configured
	 * lease, on the watchdog's next round. One owner-checked round trip.
	 * @param lease the new lease, from now
	 * @throws LockNotHeldException if this acquisition no longer holds its permits (their
	 * lease ended, or they were deleted)
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer
	 */
	void extend(Duration lease);

	/**
	 * Whether this acquisition still holds its permits in Redis: present with a running
	 * lease by server time. One round trip, unless the handle was released or is known to
	 * be lost.
	 * @return whether the permits are held
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer
	 */
	boolean isHeld();

	/**
	 * Give the permits back and wake the semaphore's waiters. One owner-checked round
	 * trip.
	 * @throws LockNotHeldException if this acquisition no longer holds its permits,
	 * because it released them already, their lease ended or they were lost (other
	 * holders' permits are left untouched)
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer;
	 * the permits then come back when their lease ends
	 */
	void release();

	/**
	 * Give the permits back unless this handle released them already.
	 * @throws LockNotHeldException if the permits' lease ended or they were lost before
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer
	 */
	@Override
	void close();

}
