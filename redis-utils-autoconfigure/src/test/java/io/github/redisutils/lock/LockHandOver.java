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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures how fast a waiting thread gets a lock once its holder releases it: by pub/sub
 * in milliseconds, by polling in up to a poll interval.
 *
 * @author redis-utils authors
 */
public final class LockHandOver {

	private LockHandOver() {
	}

	/**
	 * One thread holds a lock, another waits for it; the holder releases it.
	 * @param locks the locks
	 * @param name the lock's name
	 * @return milliseconds from the release to the waiter's acquisition
	 * @throws Exception if the waiter failed or did not get the lock within 30 s
	 */
	public static long millis(DistributedLocks locks, String name) throws Exception {
		LockHandle held = locks.tryAcquire(name, Duration.ZERO).orElseThrow();
		CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> {
			Optional<LockHandle> handle = locks.tryAcquire(name, Duration.ofSeconds(20));
			long acquired = System.nanoTime();
			handle.orElseThrow().close();
			return acquired;
		});
		// Let the waiter register and park.
		LockSupport.parkNanos(Duration.ofMillis(700).toNanos());
		long released = System.nanoTime();
		held.close();
		return TimeUnit.NANOSECONDS.toMillis(waiter.get(30, TimeUnit.SECONDS) - released);
	}

}
