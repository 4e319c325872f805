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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Default {@link RedisReadWriteLock}: the writer is kept as a lock is (a key holding its
 * owner token, released, extended and renewed by the lock scripts), readers as members of
 * a sorted set scored by the end of their lease, waiting writers as members of another
 * sorted set that keeps new readers out. Both sides draw fencing tokens from one counter.
 *
 * @author redis-utils authors
 */
final class DefaultRedisReadWriteLock implements RedisReadWriteLock {

	private final DefaultDistributedLocks locks;

	private final ReadWriteKeys keys;

	DefaultRedisReadWriteLock(DefaultDistributedLocks locks, ReadWriteKeys keys) {
		this.locks = locks;
		this.keys = keys;
	}

	@Override
	public String name() {
		return this.keys.name();
	}

	@Override
	public Optional<LockHandle> tryAcquireRead(Duration wait, @Nullable Duration lease) {
		return this.locks.tryAcquire(readAcquisition(), wait, lease).map(LockHandle.class::cast);
	}

	@Override
	public Optional<LockHandle> tryAcquireWrite(Duration wait, @Nullable Duration lease) {
		Assert.notNull(wait, "'wait' must not be null");
		return this.locks.tryAcquire(writeAcquisition(!wait.isZero()), wait, lease).map(LockHandle.class::cast);
	}

	@Override
	public <T> T withReadLock(Duration wait, Supplier<T> action) {
		return with(tryAcquireRead(wait), "read", wait, action);
	}

	@Override
	public <T> T withWriteLock(Duration wait, Supplier<T> action) {
		return with(tryAcquireWrite(wait), "write", wait, action);
	}

	private <T> T with(Optional<LockHandle> acquired, String side, Duration wait, Supplier<T> action) {
		LockHandle handle = acquired.orElseThrow(() -> new LockTimeoutException(
				"Could not acquire " + side + " lock '" + name() + "' within " + wait.toMillis() + " ms"));
		try (handle) {
			return action.get();
		}
	}

	private DefaultDistributedLocks.Acquisition readAcquisition() {
		ReadWriteKeys rw = this.keys;
		String what = "read lock '" + name() + "'";
		return new DefaultDistributedLocks.Acquisition(LockKind.READ, rw.readSide(), 1, what) {

			@Override
			long[] attempt(String token, long leaseMillis, long remainingNanos) {
				return DefaultRedisReadWriteLock.this.locks.scripts().acquireRead(rw, token, leaseMillis);
			}

			@Override
			void giveBack(String token) {
				DefaultRedisReadWriteLock.this.locks.scripts().releaseShared(rw.readSide(), token, what);
			}

		};
	}

	/**
	 * The write side's acquisition. A writer that waits records its intent under one id
	 * for all its attempts, lasting until a little after its next attempt is due, and
	 * withdraws it when it stops waiting, if an attempt carrying it was sent at all (none
	 * is when the outage back-off skipped Redis from the start).
	 */
	private DefaultDistributedLocks.Acquisition writeAcquisition(boolean waits) {
		ReadWriteKeys rw = this.keys;
		String what = "write lock '" + name() + "'";
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String waiterId = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
		long pollMillis = this.locks.pollMillis();
		return new DefaultDistributedLocks.Acquisition(LockKind.WRITE, rw.writeSide(), 1, what) {

			private volatile boolean intentSent;

			@Override
			long[] attempt(String token, long leaseMillis, long remainingNanos) {
				// The next attempt comes within the poll interval, so an intent of twice
				// that (and a second for the round trips) lasts while the writer waits,
				// and ends soon after a writer that crashed.
				long intent = waits ? Math.min(TimeUnit.NANOSECONDS.toMillis(remainingNanos), 2 * pollMillis) + 1000
						: 0;
				// Sent from here on: even if its answer is lost, it may have recorded
				// the intent.
				this.intentSent |= (intent > 0);
				return DefaultRedisReadWriteLock.this.locks.scripts()
					.acquireWrite(rw, token, leaseMillis, waiterId, intent);
			}

			@Override
			void giveBack(String token) {
				DefaultRedisReadWriteLock.this.locks.scripts().release(rw.writeSide(), token, what);
			}

			@Override
			boolean cleansUp() {
				return this.intentSent;
			}

			@Override
			void gaveUp() {
				DefaultRedisReadWriteLock.this.locks.scripts().withdraw(rw, waiterId);
			}

		};
	}

	@Override
	public String toString() {
		return "RedisReadWriteLock[" + name() + "]";
	}

}
