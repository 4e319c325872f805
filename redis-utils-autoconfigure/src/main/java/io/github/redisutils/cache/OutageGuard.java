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

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RateLimitedLog;
import org.apache.commons.logging.LogFactory;

/**
 * Decides whether caches talk to Redis at all, through the caches' {@link OutageBackoff}:
 * after a failed call, caches skip Redis for the back-off period and serve from their
 * loaders, so that an outage costs each request nothing rather than a command timeout;
 * then one call probes Redis. Failures are logged at most once every ten seconds.
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

	private final OutageBackoff backoff;

	private final long backoffMillis;

	private final RateLimitedLog log = new RateLimitedLog(LogFactory.getLog(OutageGuard.class), LOG_INTERVAL);

	private final Set<String> droppedWrites = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean repairing = new AtomicBoolean();

	private volatile boolean droppedTooMany;

	private volatile Consumer<String> deleteKey = (key) -> {
	};

	OutageGuard(OutageBackoff backoff) {
		this.backoff = backoff;
		this.backoffMillis = backoff.backoff().toMillis();
	}

	/**
	 * Set how a key whose write was dropped is deleted when Redis is used again.
	 */
	void repairWith(Consumer<String> deleteKey) {
		this.deleteKey = deleteKey;
	}

	/**
	 * Whether a call should skip Redis: after a recent failure, or while the keys of
	 * writes dropped meanwhile have not been deleted yet. A call told not to skip Redis
	 * may be the probe: every command Redis answers reports a success (through
	 * {@link CacheScripts}), and a failed call reports it with {@link #failed}.
	 */
	boolean skipsRedis() {
		if (!this.backoff.tryEnter()) {
			return true;
		}
		return !this.droppedWrites.isEmpty() && !repairDroppedWrites();
	}

	/**
	 * Whether Redis is being skipped now; unlike {@link #skipsRedis()}, asking never
	 * takes a probe's turn, so health polls do not probe.
	 */
	boolean open() {
		return this.backoff.bypassing();
	}

	/**
	 * Record that a call reached Redis.
	 */
	void succeeded() {
		this.backoff.succeeded();
	}

	/**
	 * Run a cache read, retried as {@link OutageBackoff#retried} says.
	 */
	<T> T retried(Supplier<T> read, String key) {
		return this.backoff.retried(read, "read from a cache", key);
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
			this.backoff.succeeded();
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

	/**
	 * Record a failed call: only an outage makes caches skip Redis (see
	 * {@link OutageBackoff#failed(Throwable)}); an error Redis answered with is logged
	 * only.
	 */
	void failed(String cacheName, String operation, RuntimeException ex) {
		this.backoff.failed(ex);
		boolean skipping = this.backoff.bypassing();
		this.log.warn(() -> "Cache '" + cacheName + "' could not " + operation + " Redis; serving from the loader"
				+ ((skipping && this.backoffMillis > 0) ? " and skipping Redis for " + this.backoffMillis + " ms" : ""),
				ex);
	}

	long failures() {
		return this.backoff.status().failures();
	}

}
