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
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.redisutils.core.InvalidKeyPartException;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.core.RedisUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Distributed locks kept in Redis, one per name.
 * <p>
 * Ownership belongs to an acquisition, not to a thread: each acquisition writes a random
 * owner token, and releasing or extending checks it in the same script, so a lock that
 * expired and was taken by someone else is never deleted by its former holder. Handles
 * can therefore be passed between threads, virtual threads and asynchronous stages. The
 * {@link #get(String) Lock view} adds the reentrancy per thread that
 * {@link java.util.concurrent.locks.Lock} users expect.
 * <p>
 * Every acquisition carries a {@link LockHandle#fencingToken() fencing token}, strictly
 * increasing per lock name, that a protected resource can use to reject a former holder's
 * late writes.
 * <p>
 * Acquisition is one round trip when the lock is free. Waiters are woken by a pub/sub
 * message when a holder releases, and poll at a bounded interval in case the message is
 * lost. Locks acquired without a lease are renewed by a watchdog while held; when a
 * renewal fails or finds the lock gone, {@link LockLostListener}s are told.
 * <p>
 * When Redis cannot be reached, acquisition throws {@link RedisUnavailableException}
 * after at most the connection's command timeout; a lock is never reported acquired
 * unless Redis granted it.
 *
 * @author redis-utils authors
 */
public interface DistributedLocks extends AutoCloseable {

	/**
	 * The feature's name in keys, health and the outage back-off's meters.
	 */
	String FEATURE = "lock";

	/**
	 * Return a {@link java.util.concurrent.locks.Lock} view of the lock with this name.
	 * Views are cheap; any number of them may exist for one name.
	 * @param name the lock name, for example {@code "invoice:42"}
	 * @return the lock
	 * @throws InvalidKeyPartException if the name is not acceptable as part of a key
	 */
	RedisLock get(String name);

	/**
	 * Try to acquire a lock, waiting up to {@code wait} for its holder to release it.
	 * @param name the lock name
	 * @param wait longest time to wait; zero for a single attempt
	 * @param lease time after which Redis releases the lock if it is not released or
	 * extended before; {@code null} for the configured lease, renewed by the watchdog
	 * while the lock is held
	 * @return the handle of the acquired lock, or empty if the wait ran out (or the
	 * thread was interrupted, whose interrupt status is then left set)
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer
	 * @throws InvalidKeyPartException if the name is not acceptable as part of a key
	 */
	Optional<LockHandle> tryAcquire(String name, Duration wait, @Nullable Duration lease);

	/**
	 * Try to acquire a lock renewed by the watchdog while held.
	 * @param name the lock name
	 * @param wait longest time to wait; zero for a single attempt
	 * @return the handle of the acquired lock, or empty if the wait ran out
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer
	 * @see #tryAcquire(String, Duration, Duration)
	 */
	default Optional<LockHandle> tryAcquire(String name, Duration wait) {
		return tryAcquire(name, wait, null);
	}

	/**
	 * Run an action while holding a lock renewed by the watchdog, and release it after.
	 * @param <T> the action's result type
	 * @param name the lock name
	 * @param wait longest time to wait for the lock
	 * @param action what to run under the lock
	 * @return the action's result
	 * @throws LockTimeoutException if the lock could not be acquired within the wait
	 * @throws LockNotHeldException if the lock was lost before the action completed (then
	 * added as suppressed to an exception of the action)
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer
	 */
	<T> T withLock(String name, Duration wait, Supplier<T> action);

	/**
	 * Return a counting semaphore with this name and number of permits. Views are cheap;
	 * any number of them may exist for one name. Semaphore names are separate from lock
	 * and read-write lock names. Its keys are {@code <prefix>:lock:{<name>}:semaphore} (a
	 * sorted set of holders that expires with its longest lease) and the channel
	 * {@code <prefix>:lock:{<name>}:semaphore:released}.
	 * @param name the semaphore's name, for example {@code "report-exports"}
	 * @param permits how many permits may be held at once, at least 1; every instance
	 * should use the same count
	 * @return the semaphore
	 * @throws IllegalArgumentException if {@code permits} is below 1
	 * @throws InvalidKeyPartException if the name is not acceptable as part of a key
	 * @throws UnsupportedOperationException if this registry has no semaphores (the
	 * default)
	 */
	default RedisSemaphore semaphore(String name, int permits) {
		throw new UnsupportedOperationException(getClass().getName() + " has no semaphores");
	}

	/**
	 * Return a read-write lock with this name. Views are cheap; any number of them may
	 * exist for one name. Read-write lock names are separate from lock and semaphore
	 * names. Its keys are {@code <prefix>:lock:{<name>}:rw:write}, {@code :rw:readers},
	 * {@code :rw:waiting}, {@code :rw:fence} and the channel {@code :rw:released}.
	 * @param name the read-write lock's name, for example {@code "catalog"}
	 * @return the read-write lock
	 * @throws InvalidKeyPartException if the name is not acceptable as part of a key
	 * @throws UnsupportedOperationException if this registry has no read-write locks (the
	 * default)
	 */
	default RedisReadWriteLock readWriteLock(String name) {
		throw new UnsupportedOperationException(getClass().getName() + " has no read-write locks");
	}

	/**
	 * Return what this registry holds now and how its watchdog fares, for health checks.
	 * @return the status
	 */
	LocksStatus status();

	/**
	 * Return the locks this instance holds now, semaphore permits and read-write locks
	 * included ({@link HeldLock#kind()}), by name, kind then fencing token, read from
	 * this registry's own state without asking Redis.
	 * @return the held locks
	 */
	default List<HeldLock> heldLocks() {
		return List.of();
	}

	/**
	 * Release a lock whoever holds it, for an operator freeing a stuck lock: the lock key
	 * is deleted and waiters are woken. Its holder, if any, finds the lock lost at its
	 * next renewal, extension or release and its lock-lost listeners are told. Logged at
	 * WARN. Use only when the holder is known to be gone or stuck: the lock's mutual
	 * exclusion is broken for as long as the old holder goes on working.
	 * @param name the lock's name
	 * @return whether the lock was held (and is now released)
	 * @throws io.github.redisutils.core.RedisUnavailableException if Redis cannot be
	 * reached
	 * @throws UnsupportedOperationException if this registry cannot release locks it does
	 * not hold
	 */
	default boolean forceRelease(String name) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot force-release locks");
	}

	/**
	 * Stop the watchdog and the pub/sub subscription. Locks still held are not released:
	 * they expire with their lease.
	 */
	@Override
	void close();

	/**
	 * Create a registry.
	 * @param connectionFactory the connection factory to Redis
	 * @param redisKeys the key builder; lock keys are {@code <prefix>:lock:{<name>}} and
	 * {@code <prefix>:lock:{<name>}:fence}
	 * @param options the registry's options
	 * @param meterRegistry where the {@code redis.lock.*} meters go
	 * @param lostListeners what to tell when a lock renewed by the watchdog is lost
	 * @return the registry
	 */
	static DistributedLocks create(RedisConnectionFactory connectionFactory, RedisKeys redisKeys, LockOptions options,
			MeterRegistry meterRegistry, List<LockLostListener> lostListeners) {
		return create(connectionFactory, redisKeys, options, meterRegistry, lostListeners, RedisThreads.platform());
	}

	/**
	 * Create a registry whose threads (watchdog, renewers, the lock-release
	 * subscription's worker) come from the given source.
	 * @param connectionFactory the connection factory to Redis; waiters are woken by
	 * pub/sub with a Lettuce factory, and poll otherwise
	 * @param redisKeys the key builder
	 * @param options the registry's options
	 * @param meterRegistry where the {@code redis.lock.*} meters go
	 * @param lostListeners what to tell when a lock renewed by the watchdog is lost
	 * @param threads where threads come from
	 * @return the registry
	 */
	static DistributedLocks create(RedisConnectionFactory connectionFactory, RedisKeys redisKeys, LockOptions options,
			MeterRegistry meterRegistry, List<LockLostListener> lostListeners, RedisThreads threads) {
		return create(connectionFactory, redisKeys, options, meterRegistry, lostListeners, threads,
				OutageBackoff.disabled(FEATURE));
	}

	/**
	 * Create a registry whose acquisitions skip Redis during an outage back-off: while it
	 * lasts, every attempt to acquire a lock throws
	 * {@link io.github.redisutils.core.RedisUnavailableException} at once instead of
	 * waiting for a command timeout (a lock is never granted without Redis). Renewals,
	 * extensions and releases of held locks always try Redis.
	 * @param connectionFactory the connection factory to Redis; waiters are woken by
	 * pub/sub with a Lettuce factory, and poll otherwise
	 * @param redisKeys the key builder
	 * @param options the registry's options
	 * @param meterRegistry where the {@code redis.lock.*} meters go
	 * @param lostListeners what to tell when a lock renewed by the watchdog is lost
	 * @param threads where threads come from
	 * @param outage the back-off acquisitions go through
	 * ({@code OutageBackoffs.forFeature(DistributedLocks.FEATURE)})
	 * @return the registry
	 */
	static DistributedLocks create(RedisConnectionFactory connectionFactory, RedisKeys redisKeys, LockOptions options,
			MeterRegistry meterRegistry, List<LockLostListener> lostListeners, RedisThreads threads,
			OutageBackoff outage) {
		return new DefaultDistributedLocks(connectionFactory, redisKeys, options, meterRegistry, lostListeners, threads,
				outage);
	}

}
