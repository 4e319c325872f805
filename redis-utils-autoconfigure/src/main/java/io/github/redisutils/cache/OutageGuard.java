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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.LogFactory;

/**
 * Decides whether caches talk to Redis at all. After a failed call, caches skip Redis for
 * the back-off period and serve from their loaders, so that an outage costs each request
 * nothing rather than a command timeout; the first call after the period tries Redis
 * again. Failures are logged at most once every ten seconds.
 *
 * @author redis-utils authors
 */
final class OutageGuard {

	private static final long LOG_INTERVAL = TimeUnit.SECONDS.toNanos(10);

	private final long backoffNanos;

	private final RateLimitedLog log = new RateLimitedLog(LogFactory.getLog(OutageGuard.class), LOG_INTERVAL);

	private final LongAdder failures = new LongAdder();

	private volatile boolean bypassing;

	private volatile long bypassUntil;

	OutageGuard(Duration backoff) {
		this.backoffNanos = backoff.toNanos();
	}

	/**
	 * Whether Redis is being skipped after a recent failure.
	 */
	boolean bypassing() {
		if (!this.bypassing) {
			return false;
		}
		if (System.nanoTime() - this.bypassUntil < 0) {
			return true;
		}
		this.bypassing = false;
		return false;
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
