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
package io.github.redisutils.lock.shedlock;

import net.javacrumbs.shedlock.core.SimpleLock;

/**
 * A ShedLock lock held in Redis, with the fencing token of its acquisition.
 * {@link RedisShedLockProvider#lock} returns these; inside a task run by ShedLock,
 * {@link RedisShedLockProvider#currentLock()} returns the one the task runs under.
 *
 * @author redis-utils authors
 */
public interface FencedSimpleLock extends SimpleLock {

	/**
	 * Return the lock's name, as configured in ShedLock.
	 * @return the name
	 */
	String name();

	/**
	 * Return the fencing token of this acquisition: per lock name, strictly greater than
	 * the token of every earlier acquisition. An extension keeps the token. Pass it to
	 * the resources the task writes to, so that they can refuse the writes of a holder
	 * whose lock expired meanwhile.
	 * @return the fencing token, at least 1
	 */
	long fencingToken();

}
