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
package io.github.redisutils.actuate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.github.redisutils.lock.LocksStatus;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code lock} child of the {@code redis} health contributor: locks held by this
 * instance (semaphore permits and read-write locks too, when it holds any) and the
 * watchdog's state. Always UP: a failing watchdog is reported in the details (and by the
 * {@code connection} child), since taking the instance out of service would not bring its
 * locks back.
 *
 * @author redis-utils authors
 */
public class LocksHealthIndicator implements HealthIndicator {

	private final Supplier<LocksStatus> status;

	/**
	 * Create an indicator.
	 * @param status reads the locks' state, for example {@code distributedLocks::status}
	 */
	public LocksHealthIndicator(Supplier<LocksStatus> status) {
		this.status = status;
	}

	@Override
	public Health health() {
		LocksStatus status = this.status.get();
		Map<String, Object> watchdog = new LinkedHashMap<>();
		watchdog.put("state", status.watchdog().name().toLowerCase(Locale.ROOT));
		watchdog.put("renewing", status.renewing());
		if (status.lastRenewal() != null) {
			watchdog.put("lastRenewal", status.lastRenewal().toString());
		}
		Health.Builder health = Health.up()
			.withDetail("held", status.held())
			.withDetail("lost", status.lost())
			.withDetail("watchdog", watchdog);
		if (status.heldPermits() > 0) {
			health.withDetail("heldPermits", status.heldPermits());
		}
		if (status.heldReadLocks() > 0 || status.heldWriteLocks() > 0) {
			health.withDetail("readLocks", status.heldReadLocks()).withDetail("writeLocks", status.heldWriteLocks());
		}
		if (!status.subscription().refused().isEmpty()) {
			health.withDetail("warning", "Redis refused to subscribe to " + status.subscription().refused()
					+ ": waiters poll instead of being woken; grant the ACL user '&<pattern>' for each");
		}
		return health.build();
	}

}
