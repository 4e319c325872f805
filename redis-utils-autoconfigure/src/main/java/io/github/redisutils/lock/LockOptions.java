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

import org.springframework.util.Assert;

/**
 * Options of a {@link DistributedLocks} registry.
 *
 * @param registryName the registry's name, the {@code registry} tag of its meters
 * @param lease lease of locks acquired without one, renewed by the watchdog every third
 * of it while held; at least 100 ms
 * @param pollInterval longest time a waiter sleeps between two attempts when no release
 * message wakes it
 * @author redis-utils authors
 */
public record LockOptions(String registryName, Duration lease, Duration pollInterval) {

	/**
	 * Shortest lease accepted: the watchdog renews every third of it, and a renewal needs
	 * a round trip to fit in comfortably.
	 */
	public static final Duration MIN_LEASE = Duration.ofMillis(100);

	/**
	 * Create options, checking them.
	 * @param registryName the registry's name
	 * @param lease the watchdog lease
	 * @param pollInterval the longest sleep between attempts of a waiter
	 */
	public LockOptions {
		Assert.hasText(registryName, "'registryName' must not be empty");
		Assert.isTrue(lease.compareTo(MIN_LEASE) >= 0, () -> "'lease' must be at least 100ms (was " + lease + ")");
		Assert.isTrue(!pollInterval.isNegative() && !pollInterval.isZero(),
				() -> "'pollInterval' must be positive (was " + pollInterval + ")");
	}

	/**
	 * Return the defaults: registry {@code "default"}, a 30 s lease, a 250 ms poll
	 * interval.
	 * @return the default options
	 */
	public static LockOptions defaults() {
		return new LockOptions("default", Duration.ofSeconds(30), Duration.ofMillis(250));
	}

	/**
	 * Return a copy with another lease.
	 * @param lease the lease
	 * @return the options
	 */
	public LockOptions withLease(Duration lease) {
		return new LockOptions(this.registryName, lease, this.pollInterval);
	}

}
