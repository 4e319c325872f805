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

import io.github.redisutils.core.RedisKeys;

/**
 * The Redis names of one lock, all under the lock name's hash tag so that one script can
 * touch them on Redis Cluster. Also the names an acquisition of a semaphore or of one
 * side of a read-write lock is kept under ({@link #semaphore}, {@link ReadWriteKeys}):
 * its handle releases, extends and renews it through {@link #lockKey()}.
 *
 * @param name the lock name
 * @param lockKey {@code <prefix>:lock:{<name>}}, holding the owner token while held (for
 * a semaphore, its holders; for a read-write lock, its write key or its readers)
 * @param fenceKey {@code <prefix>:lock:{<name>}:fence}, the fencing counter (a semaphore
 * has none and repeats its holders key)
 * @param channel {@code <prefix>:lock:{<name>}:released}, the pub/sub channel that wakes
 * waiters
 * @author redis-utils authors
 */
record LockKeys(String name, String lockKey, String fenceKey, String channel) {

	static LockKeys of(RedisKeys.FeatureKeys keys, String name) {
		return new LockKeys(name, keys.tagged(name), keys.tagged(name, "fence"), keys.tagged(name, "released"));
	}

	/**
	 * The names of a semaphore: {@code <prefix>:lock:{<name>}:semaphore}, a sorted set of
	 * holders ({@code <permits>:<owner token>} scored by the end of its lease in ms of
	 * server time), and the channel {@code <prefix>:lock:{<name>}:semaphore:released}.
	 */
	static LockKeys semaphore(RedisKeys.FeatureKeys keys, String name) {
		String holders = keys.tagged(name, "semaphore");
		return new LockKeys(name, holders, holders, keys.tagged(name, "semaphore", "released"));
	}

}
