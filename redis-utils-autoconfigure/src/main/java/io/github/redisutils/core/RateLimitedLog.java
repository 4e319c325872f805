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
package io.github.redisutils.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * A warning log that writes at most one line per interval, so that an outage under load
 * does not flood the logs: the lines in between go to DEBUG and the next warning says how
 * many there were.
 *
 * @author redis-utils authors
 */
public final class RateLimitedLog {

	private final Log log;

	private final long intervalNanos;

	private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());

	private final AtomicLong suppressed = new AtomicLong();

	/**
	 * Create a log that warns at most once per interval.
	 * @param log where lines go
	 * @param interval shortest time between two warnings
	 */
	public RateLimitedLog(Log log, Duration interval) {
		this(log, interval.toNanos());
	}

	/**
	 * Create a log that warns at most once per interval.
	 * @param log where lines go
	 * @param intervalNanos shortest time between two warnings, in nanoseconds
	 */
	public RateLimitedLog(Log log, long intervalNanos) {
		this.log = log;
		this.intervalNanos = intervalNanos;
	}

	/**
	 * Warn, unless a warning was written less than an interval ago (then the line goes to
	 * DEBUG and is counted).
	 * @param message the message, built only when written
	 * @param cause the cause, if any; its message is appended, its stack trace goes to
	 * DEBUG
	 */
	public void warn(Supplier<String> message, @Nullable Throwable cause) {
		long now = System.nanoTime();
		long next = this.nextWarning.get();
		if (now - next >= 0 && this.nextWarning.compareAndSet(next, now + this.intervalNanos)) {
			long skipped = this.suppressed.getAndSet(0);
			String suffix = (skipped > 0) ? " (" + skipped + " similar warnings since the last one)" : "";
			// The cause's message is enough at WARN; the stack trace adds nothing for an
			// outage and goes to DEBUG.
			this.log.warn(message.get() + suffix + ((cause != null) ? ": " + cause.getMessage() : ""));
			if (this.log.isDebugEnabled() && cause != null) {
				this.log.debug("Cause", cause);
			}
			return;
		}
		this.suppressed.incrementAndGet();
		if (this.log.isDebugEnabled()) {
			this.log.debug(message.get(), cause);
		}
	}

}
