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

import java.util.List;

import io.github.redisutils.core.RedisKeys;

/**
 * The Redis names of one read-write lock, all under the name's hash tag so that one
 * script can touch them on Redis Cluster.
 *
 * @param name the read-write lock's name
 * @param writeKey {@code <prefix>:lock:{<name>}:rw:write}, holding the writer's owner
 * token while held and expiring with its lease
 * @param readersKey {@code <prefix>:lock:{<name>}:rw:readers}, a sorted set of the
 * readers' owner tokens scored by the end of their lease in ms of server time
 * @param waitingKey {@code <prefix>:lock:{<name>}:rw:waiting}, a sorted set of the
 * waiting writers' ids scored by the end of their intent
 * @param fenceKey {@code <prefix>:lock:{<name>}:rw:fence}, the fencing counter of both
 * sides
 * @param channel {@code <prefix>:lock:{<name>}:rw:released}, the pub/sub channel that
 * wakes waiters of both sides
 * @author redis-utils authors
 */
record ReadWriteKeys(String name, String writeKey, String readersKey, String waitingKey, String fenceKey,
		String channel) {

	static ReadWriteKeys of(RedisKeys.FeatureKeys keys, String name) {
		return new ReadWriteKeys(name, keys.tagged(name, "rw", "write"), keys.tagged(name, "rw", "readers"),
				keys.tagged(name, "rw", "waiting"), keys.tagged(name, "rw", "fence"),
				keys.tagged(name, "rw", "released"));
	}

	/**
	 * The keys of the acquire scripts, in their order.
	 */
	List<String> all() {
		return List.of(this.writeKey, this.readersKey, this.waitingKey, this.fenceKey);
	}

	/**
	 * Where a read acquisition is kept.
	 */
	LockKeys readSide() {
		return new LockKeys(this.name, this.readersKey, this.fenceKey, this.channel);
	}

	/**
	 * Where a write acquisition is kept: released, extended and renewed as a lock is.
	 */
	LockKeys writeSide() {
		return new LockKeys(this.name, this.writeKey, this.fenceKey, this.channel);
	}

}
