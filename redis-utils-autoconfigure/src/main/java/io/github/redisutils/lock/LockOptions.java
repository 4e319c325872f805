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
import java.util.Map;

import io.github.redisutils.core.SettingProblems;
import org.jspecify.annotations.Nullable;

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
		SettingProblems.throwIfAny("lock options", problems(registryName, lease, pollInterval));
	}

	/**
	 * Return the problems of lock options, the rules used by the constructor and by
	 * start-up validation of {@code redis.lock.*}.
	 * @param registryName the registry's name
	 * @param lease the watchdog lease
	 * @param pollInterval the longest sleep between attempts of a waiter
	 * @return a problem per field name ({@code registryName}, {@code lease},
	 * {@code pollInterval}), empty when the values are acceptable
	 */
	public static Map<String, String> problems(@Nullable String registryName, @Nullable Duration lease,
			@Nullable Duration pollInterval) {
		return new SettingProblems().hasText("registryName", registryName)
			.atLeast("lease", lease, MIN_LEASE, "the watchdog renews every third of it")
			.positive("pollInterval", pollInterval)
			.toMap();
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
