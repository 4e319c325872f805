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

package io.github.redisutils.test;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Waits, bounded, for a condition that Redis reaches on its own (a cluster that agrees on
 * its slots, a replica that caught up).
 */
final class Polling {

	private static final Duration INTERVAL = Duration.ofMillis(25);

	private Polling() {
	}

	/**
	 * Waits until {@code condition} returns {@code true}. An exception thrown by the
	 * condition counts as "not yet".
	 * @param timeout how long to wait at most
	 * @param description what is awaited, for the error message
	 * @param condition the condition
	 * @param diagnostics the state to report when the wait times out
	 * @throws IllegalStateException on timeout
	 */
	static void await(Duration timeout, String description, Callable<Boolean> condition, Supplier<String> diagnostics) {
		long deadline = System.nanoTime() + timeout.toNanos();
		@Nullable Exception lastFailure = null;
		while (true) {
			try {
				if (condition.call()) {
					return;
				}
			}
			catch (Exception ex) {
				lastFailure = ex;
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("Timed out after " + timeout.toMillis() + " ms waiting for "
						+ description + System.lineSeparator() + diagnostics.get(), lastFailure);
			}
			sleep(INTERVAL);
		}
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Redis", ex);
		}
	}

}
