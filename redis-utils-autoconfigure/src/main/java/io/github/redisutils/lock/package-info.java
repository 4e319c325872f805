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
/**
 * Distributed locks: {@link io.github.redisutils.lock.DistributedLocks} hands out
 * {@link java.util.concurrent.locks.Lock} views and
 * {@link io.github.redisutils.lock.LockHandle handles} with fencing tokens, renewed by a
 * watchdog when no lease is given, and the
 * {@link io.github.redisutils.lock.DistributedLock @DistributedLock} annotation for
 * Spring AOP; {@link io.github.redisutils.lock.RedisSemaphore semaphores} and
 * {@link io.github.redisutils.lock.RedisReadWriteLock read-write locks} from the same
 * registry.
 * <p>
 * Design notes:
 * <ul>
 * <li>Every acquisition, of every kind, goes through one loop in the registry: one script
 * per attempt, a waiter registered on the name's release channel (one pattern
 * subscription per registry wakes it), a sleep bounded by the poll interval and the
 * holder's remaining lease. Handles, the watchdog, the lost signal and the meters are
 * shared by all kinds; {@link io.github.redisutils.lock.LockKind} tells them apart.</li>
 * <li>A lock, and the write side of a read-write lock, is a key holding the owner token
 * with the lease as its expiry. Semaphore permits and read locks are members of a sorted
 * set scored by the end of their lease in milliseconds of server time ({@code TIME}); the
 * set expires with its longest lease, and the acquire scripts purge the members whose
 * lease ended, so the permits of a crashed holder come back then. The watchdog's renew
 * script renews both shapes in one batch.</li>
 * <li>Semaphore members are {@code <permits>:<owner token>}, so a count needs no second
 * key; the permit count is the caller's view's, passed with each attempt.</li>
 * <li>Read-write locks prefer writers: a writer that waits records its intent in a third
 * sorted set, renewed by each of its attempts, which keeps new readers out; it is
 * withdrawn when the writer stops waiting and otherwise ends on its own. Both sides draw
 * fencing tokens from one counter per name, as locks do.</li>
 * <li>All keys of one name share the name's hash tag, so every operation is one script on
 * Redis Cluster too.</li>
 * </ul>
 */
@NullMarked
package io.github.redisutils.lock;

import org.jspecify.annotations.NullMarked;
