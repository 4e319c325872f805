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

/**
 * What an acquisition of a {@link DistributedLocks} registry holds: a lock, permits of a
 * semaphore, or one side of a read-write lock. Lock, semaphore and read-write lock names
 * are separate: a semaphore named {@code "export"} and a lock named {@code "export"} are
 * unrelated.
 *
 * @author redis-utils authors
 */
public enum LockKind {

	/**
	 * A lock, from {@link DistributedLocks#tryAcquire(String, java.time.Duration)} or a
	 * {@link RedisLock} view.
	 */
	LOCK,

	/**
	 * Permits of a {@link RedisSemaphore}.
	 */
	SEMAPHORE,

	/**
	 * The read side of a {@link RedisReadWriteLock}, shared with other readers.
	 */
	READ,

	/**
	 * The write side of a {@link RedisReadWriteLock}, exclusive.
	 */
	WRITE;

	/**
	 * Whether acquisitions of this kind are members of a sorted set scored by the end of
	 * their lease (semaphore permits and read locks) rather than a key of their own.
	 */
	boolean isShared() {
		return this == SEMAPHORE || this == READ;
	}

}
