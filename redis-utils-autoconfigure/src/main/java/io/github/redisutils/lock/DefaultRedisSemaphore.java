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

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Default {@link RedisSemaphore}: permits are members {@code <permits>:<owner token>} of
 * one sorted set scored by the end of their lease in server time, taken by one script
 * that first purges the holders whose lease ended.
 *
 * @author redis-utils authors
 */
final class DefaultRedisSemaphore implements RedisSemaphore {

	private final DefaultDistributedLocks locks;

	private final LockKeys keys;

	private final int permits;

	DefaultRedisSemaphore(DefaultDistributedLocks locks, LockKeys keys, int permits) {
		this.locks = locks;
		this.keys = keys;
		this.permits = permits;
	}

	@Override
	public String name() {
		return this.keys.name();
	}

	@Override
	public int permits() {
		return this.permits;
	}

	@Override
	public Optional<PermitHandle> tryAcquire(int permits, Duration wait, @Nullable Duration lease) {
		checkPermits(permits);
		return this.locks.tryAcquire(acquisition(permits), wait, lease).map(PermitHandle.class::cast);
	}

	@Override
	public <T> T withPermits(int permits, Duration wait, Supplier<T> action) {
		PermitHandle handle = tryAcquire(permits, wait)
			.orElseThrow(() -> new LockTimeoutException("Could not acquire " + permits + " of the " + this.permits
					+ " permits of semaphore '" + name() + "' within " + wait.toMillis() + " ms"));
		try (handle) {
			return action.get();
		}
	}

	@Override
	public int availablePermits() {
		return this.locks.guarded(() -> this.locks.scripts().availablePermits(this.keys, this.permits),
				"count the free permits of semaphore '" + name() + "'", this.keys.lockKey());
	}

	private void checkPermits(int permits) {
		Assert.isTrue(permits >= 1, () -> "'permits' must be at least 1 (was " + permits + ")");
		Assert.isTrue(permits <= this.permits, () -> "'permits' must not exceed the " + this.permits
				+ " permits of semaphore '" + name() + "' (was " + permits + ")");
	}

	private DefaultDistributedLocks.Acquisition acquisition(int permits) {
		int semaphorePermits = this.permits;
		String what = permits + ((permits == 1) ? " permit" : " permits") + " of semaphore '" + name() + "'";
		return new DefaultDistributedLocks.Acquisition(LockKind.SEMAPHORE, this.keys, permits, what) {

			@Override
			String token(String random) {
				return this.permits + ":" + random;
			}

			@Override
			long[] attempt(String token, long leaseMillis, long remainingNanos) {
				return DefaultRedisSemaphore.this.locks.scripts()
					.acquirePermits(this.keys, token, this.permits, semaphorePermits, leaseMillis);
			}

			@Override
			void giveBack(String token) {
				DefaultRedisSemaphore.this.locks.scripts().releaseShared(this.keys, token, this.what);
			}

		};
	}

	@Override
	public String toString() {
		return "RedisSemaphore[" + name() + ", permits=" + this.permits + "]";
	}

}
