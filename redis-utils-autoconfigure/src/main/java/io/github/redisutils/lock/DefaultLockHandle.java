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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.util.StringUtils;

/**
 * The handle of one acquisition: its keys, its random owner token and its fencing token.
 * Also the handle of semaphore permits and of either side of a read-write lock, told by
 * its {@link LockKind}: the write side is kept as a lock is (a key holding the owner
 * token), permits and read locks as members of a sorted set scored by the end of their
 * lease, whose member ({@link #token()}) the watchdog renews.
 *
 * @author redis-utils authors
 */
final class DefaultLockHandle implements LockHandle, PermitHandle {

	private static final int HELD = 0;

	private static final int RELEASED = 1;

	private static final int LOST = 2;

	private final DefaultDistributedLocks registry;

	private final LockKeys keys;

	private final String token;

	private final long fencingToken;

	private final LockKind kind;

	private final int permits;

	private final boolean watchdog;

	private final long acquiredNanos;

	private final AtomicInteger state = new AtomicInteger(HELD);

	private volatile long validUntilNanos;

	private volatile long leaseMillis;

	DefaultLockHandle(DefaultDistributedLocks registry, LockKeys keys, String token, long fencingToken,
			boolean watchdog, long acquiredNanos, long validUntilNanos) {
		this(registry, LockKind.LOCK, 1, keys, token, fencingToken, watchdog, acquiredNanos, validUntilNanos);
	}

	DefaultLockHandle(DefaultDistributedLocks registry, LockKind kind, int permits, LockKeys keys, String token,
			long fencingToken, boolean watchdog, long acquiredNanos, long validUntilNanos) {
		this.registry = registry;
		this.kind = kind;
		this.permits = permits;
		this.keys = keys;
		this.token = token;
		this.fencingToken = fencingToken;
		this.watchdog = watchdog;
		this.acquiredNanos = acquiredNanos;
		this.validUntilNanos = validUntilNanos;
		this.leaseMillis = TimeUnit.NANOSECONDS.toMillis(validUntilNanos - acquiredNanos);
	}

	@Override
	public String name() {
		return this.keys.name();
	}

	@Override
	public long fencingToken() {
		return this.fencingToken;
	}

	@Override
	public int permits() {
		return this.permits;
	}

	LockKind kind() {
		return this.kind;
	}

	@Override
	public void extend(Duration lease) {
		long millis = DefaultDistributedLocks.leaseMillis(lease);
		if (this.state.get() != HELD) {
			throw notHeld("extend");
		}
		long sent = System.nanoTime();
		boolean extended = this.kind.isShared()
				? this.registry.scripts().extendShared(this.keys, this.token, millis, describe())
				: this.registry.scripts().extend(this.keys, this.token, millis, subject());
		if (!extended) {
			if (withinLease(sent)) {
				// Gone before its lease ended: deleted, or Redis restarted without it.
				this.registry.lost(this, LockLostEvent.Reason.NOT_HELD, null);
			}
			else {
				this.registry.forget(this);
			}
			throw notHeld("extend");
		}
		this.validUntilNanos = sent + TimeUnit.MILLISECONDS.toNanos(millis);
		this.leaseMillis = millis;
	}

	@Override
	public boolean isHeld() {
		if (this.state.get() != HELD) {
			return false;
		}
		return this.kind.isShared() ? this.registry.scripts().isHeldShared(this.keys, this.token, describe())
				: this.token.equals(this.registry.scripts().owner(this.keys, subject()));
	}

	@Override
	public void release() {
		if (!this.state.compareAndSet(HELD, RELEASED)) {
			throw notHeld("release");
		}
		this.registry.released(this);
		long sent = System.nanoTime();
		boolean released = this.kind.isShared()
				? this.registry.scripts().releaseShared(this.keys, this.token, describe())
				: this.registry.scripts().release(this.keys, this.token, subject());
		if (!released) {
			if (withinLease(sent)) {
				this.registry.lostFound(this, LockLostEvent.Reason.NOT_HELD, null);
			}
			throw new LockNotHeldException("Could not release " + describe() + ": "
					+ (this.kind.isShared() ? "its lease ended before, or it was deleted"
							: "it expired before and may belong to someone else now; left untouched"));
		}
	}

	@Override
	public void release(Duration heldAtLeast) {
		if (heldAtLeast.isNegative() || heldAtLeast.isZero()) {
			release();
			return;
		}
		if (this.kind.isShared()) {
			throw new UnsupportedOperationException(
					"Cannot keep " + describe() + " after its release: only locks and write locks can");
		}
		if (this.watchdog) {
			throw new IllegalStateException(StringUtils.capitalize(subject())
					+ " is renewed by the watchdog: it has no lease to keep it until a minimum hold time");
		}
		if (!this.state.compareAndSet(HELD, RELEASED)) {
			throw notHeld("release");
		}
		this.registry.released(this);
		long sent = System.nanoTime();
		// The lease was last set leaseMillis ago plus what passed since, which Redis
		// knows: keeping the lock until heldAtLeast after that is ending it
		// (leaseMillis - heldAtLeast) before the lease does.
		long slack = Math.max(0, this.leaseMillis - heldAtLeast.toMillis());
		if (!this.registry.scripts().releaseAfter(this.keys, this.token, slack, subject())) {
			if (withinLease(sent)) {
				this.registry.lostFound(this, LockLostEvent.Reason.NOT_HELD, null);
			}
			throw new LockNotHeldException("Could not release " + describe()
					+ ": it expired before and may belong to someone else now; left untouched");
		}
	}

	@Override
	public void close() {
		if (this.state.get() != RELEASED) {
			release();
		}
	}

	private boolean withinLease(long nanos) {
		return nanos - this.validUntilNanos < 0;
	}

	private LockNotHeldException notHeld(String operation) {
		String why = switch (this.state.get()) {
			case RELEASED -> "it was released already";
			case LOST -> "it was lost";
			default -> "it expired and may belong to someone else now; left untouched";
		};
		return new LockNotHeldException("Could not " + operation + " " + describe() + ": " + why);
	}

	/**
	 * Name what a lock or the write side holds, for messages: {@code lock 'a'},
	 * {@code write lock 'b'}.
	 */
	private String subject() {
		return ((this.kind == LockKind.WRITE) ? "write lock '" : "lock '") + name() + "'";
	}

	/**
	 * Describe this acquisition for messages: {@code lock 'a' (fencing token 7)},
	 * {@code 2 permits of semaphore 'b'}, {@code read lock 'c' (fencing token 9)}.
	 */
	String describe() {
		return switch (this.kind) {
			case LOCK -> "lock '" + name() + "' (fencing token " + this.fencingToken + ")";
			case SEMAPHORE ->
				this.permits + ((this.permits == 1) ? " permit" : " permits") + " of semaphore '" + name() + "'";
			case READ -> "read lock '" + name() + "' (fencing token " + this.fencingToken + ")";
			case WRITE -> "write lock '" + name() + "' (fencing token " + this.fencingToken + ")";
		};
	}

	LockKeys keys() {
		return this.keys;
	}

	String token() {
		return this.token;
	}

	boolean isWatchdog() {
		return this.watchdog;
	}

	long acquiredNanos() {
		return this.acquiredNanos;
	}

	long validUntilNanos() {
		return this.validUntilNanos;
	}

	void renewed(long validUntilNanos) {
		this.validUntilNanos = validUntilNanos;
	}

	/**
	 * Mark the handle lost, unless it was released or lost already.
	 * @return whether this call marked it
	 */
	boolean markLost() {
		return this.state.compareAndSet(HELD, LOST);
	}

	/**
	 * Whether this registry still counts the lock as held: not released or lost, and for
	 * a fixed lease not past it.
	 */
	boolean isActive(long nowNanos) {
		return this.state.get() == HELD && (this.watchdog || nowNanos - this.validUntilNanos < 0);
	}

	@Override
	public String toString() {
		return switch (this.kind) {
			case LOCK -> "LockHandle[" + name() + ", fencingToken=" + this.fencingToken + "]";
			case SEMAPHORE -> "PermitHandle[" + name() + ", permits=" + this.permits + "]";
			default -> "LockHandle[" + this.kind.name().toLowerCase() + " " + name() + ", fencingToken="
					+ this.fencingToken + "]";
		};
	}

}
