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
import java.util.Optional;
import java.util.function.Supplier;

import io.github.redisutils.core.RedisUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * A counting semaphore kept in Redis: at most {@link #permits()} permits are held at once
 * across every application instance, each acquisition with a lease, so that the permits
 * of a holder that crashed come back when its lease ends.
 * <p>
 * Views are cheap; the permit count belongs to the view, not to Redis: an acquisition is
 * granted when the permits held, its own included, do not exceed the count of the view it
 * goes through. Give every instance the same count; while a change rolls out, instances
 * with the old count keep to it.
 * <p>
 * Acquisition is one script when enough permits are free; waiters are woken when permits
 * are released and poll at a bounded interval. Permits acquired without a lease are
 * renewed by the registry's watchdog; when they are lost, {@link LockLostListener}s are
 * told with an event of kind {@link LockKind#SEMAPHORE}. There is no fairness: a waiter
 * for many permits can lose every race to waiters for fewer.
 *
 * @author redis-utils authors
 * @see DistributedLocks#semaphore(String, int)
 */
public interface RedisSemaphore {

	/**
	 * Return the semaphore's name.
	 * @return the name
	 */
	String name();

	/**
	 * Return the number of permits of this view.
	 * @return the permits, at least 1
	 */
	int permits();

	/**
	 * Try to acquire permits, waiting up to {@code wait} for enough of them to be free.
	 * @param permits how many permits, from 1 to {@link #permits()}
	 * @param wait longest time to wait; zero for a single attempt
	 * @param lease time after which the permits come back unless released or extended
	 * before; {@code null} for the configured lease, renewed by the watchdog while held
	 * @return the handle of the acquired permits, or empty if the wait ran out (or the
	 * thread was interrupted, whose interrupt status is then left set)
	 * @throws IllegalArgumentException if {@code permits} is below 1 or above
	 * {@link #permits()}, {@code wait} is negative or {@code lease} is under 1 ms
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer
	 */
	Optional<PermitHandle> tryAcquire(int permits, Duration wait, @Nullable Duration lease);

	/**
	 * Try to acquire permits renewed by the watchdog while held.
	 * @param permits how many permits, from 1 to {@link #permits()}
	 * @param wait longest time to wait; zero for a single attempt
	 * @return the handle of the acquired permits, or empty if the wait ran out
	 * @throws IllegalArgumentException if {@code permits} is below 1 or above
	 * {@link #permits()}, or {@code wait} is negative
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer
	 * @see #tryAcquire(int, Duration, Duration)
	 */
	default Optional<PermitHandle> tryAcquire(int permits, Duration wait) {
		return tryAcquire(permits, wait, null);
	}

	/**
	 * Try to acquire one permit renewed by the watchdog while held.
	 * @param wait longest time to wait; zero for a single attempt
	 * @return the handle of the acquired permit, or empty if the wait ran out
	 * @throws IllegalArgumentException if {@code wait} is negative
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer
	 * @see #tryAcquire(int, Duration, Duration)
	 */
	default Optional<PermitHandle> tryAcquire(Duration wait) {
		return tryAcquire(1, wait, null);
	}

	/**
	 * Run an action while holding permits renewed by the watchdog, and release them
	 * after.
	 * @param <T> the action's result type
	 * @param permits how many permits, from 1 to {@link #permits()}
	 * @param wait longest time to wait for the permits
	 * @param action what to run with the permits
	 * @return the action's result
	 * @throws LockTimeoutException if the permits could not be acquired within the wait
	 * @throws LockNotHeldException if the permits were lost before the action completed
	 * @throws IllegalArgumentException if {@code permits} is below 1 or above
	 * {@link #permits()}
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer
	 */
	<T> T withPermits(int permits, Duration wait, Supplier<T> action);

	/**
	 * Return how many permits are free now by server time: {@link #permits()} minus the
	 * permits of acquisitions whose lease is running. One round trip; the answer may be
	 * stale as soon as it arrives.
	 * @return the free permits, from 0 to {@link #permits()}
	 * @throws RedisUnavailableException if Redis could not be reached or did not answer
	 */
	int availablePermits();

}
