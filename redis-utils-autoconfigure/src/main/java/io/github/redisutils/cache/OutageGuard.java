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
package io.github.redisutils.cache;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.github.redisutils.core.RateLimitedLog;
import org.apache.commons.logging.LogFactory;

/**
 * Decides whether caches talk to Redis at all. After a failed call, caches skip Redis for
 * the back-off period and serve from their loaders, so that an outage costs each request
 * nothing rather than a command timeout; the first call after the period tries Redis
 * again. Failures are logged at most once every ten seconds.
 * <p>
 * Writes dropped during the back-off would leave the previous value readable once Redis
 * is asked again, so the keys they were meant for are remembered and deleted before
 * caches use Redis again; until that repair has succeeded, Redis stays bypassed.
 *
 * @author redis-utils authors
 */
final class OutageGuard {

	private static final long LOG_INTERVAL = TimeUnit.SECONDS.toNanos(10);

	/**
	 * Most keys of dropped writes remembered for repair; beyond it, a warning.
	 */
	static final int MAX_DROPPED_WRITES = 10_000;

	private final long backoffNanos;

	private final RateLimitedLog log = new RateLimitedLog(LogFactory.getLog(OutageGuard.class), LOG_INTERVAL);

	private final LongAdder failures = new LongAdder();

	private volatile boolean bypassing;

	private volatile long bypassUntil;

	private final Set<String> droppedWrites = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean repairing = new AtomicBoolean();

	private volatile boolean droppedTooMany;

	private volatile Consumer<String> deleteKey = (key) -> {
	};

	OutageGuard(Duration backoff) {
		this.backoffNanos = backoff.toNanos();
	}

	/**
	 * Set how a key whose write was dropped is deleted when Redis is used again.
	 */
	void repairWith(Consumer<String> deleteKey) {
		this.deleteKey = deleteKey;
	}

	/**
	 * Whether Redis is being skipped after a recent failure, or while the keys of writes
	 * dropped meanwhile have not been deleted yet.
	 */
	boolean bypassing() {
		if (this.bypassing) {
			if (System.nanoTime() - this.bypassUntil < 0) {
				return true;
			}
			this.bypassing = false;
		}
		return !this.droppedWrites.isEmpty() && !repairDroppedWrites();
	}

	/**
	 * Remember a key whose write was dropped during the back-off.
	 */
	void writeDropped(String key) {
		if (this.droppedWrites.size() < MAX_DROPPED_WRITES) {
			this.droppedWrites.add(key);
		}
		else {
			this.droppedTooMany = true;
		}
	}

	private boolean repairDroppedWrites() {
		if (!this.repairing.compareAndSet(false, true)) {
			// Another caller is deleting them: keep away from Redis until it is done.
			return false;
		}
		try {
			for (String key : List.copyOf(this.droppedWrites)) {
				this.deleteKey.accept(key);
				this.droppedWrites.remove(key);
			}
			if (this.droppedTooMany) {
				this.droppedTooMany = false;
				LogFactory.getLog(OutageGuard.class)
					.warn("More than " + MAX_DROPPED_WRITES + " cache writes were dropped while Redis was skipped; "
							+ "entries beyond those may show their previous value until their time to live ends");
			}
			return true;
		}
		catch (RuntimeException ex) {
			failed("*", "repair dropped writes in", ex);
			return false;
		}
		finally {
			this.repairing.set(false);
		}
	}

	void failed(String cacheName, String operation, RuntimeException ex) {
		this.failures.increment();
		if (this.backoffNanos > 0) {
			this.bypassUntil = System.nanoTime() + this.backoffNanos;
			this.bypassing = true;
		}
		this.log.warn(() -> "Cache '" + cacheName + "' could not " + operation + " Redis; serving from the loader"
				+ ((this.backoffNanos > 0)
						? " and skipping Redis for " + TimeUnit.NANOSECONDS.toMillis(this.backoffNanos) + " ms" : ""),
				ex);
	}

	long failures() {
		return this.failures.sum();
	}

}
