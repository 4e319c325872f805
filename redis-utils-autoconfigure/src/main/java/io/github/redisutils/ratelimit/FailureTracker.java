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
package io.github.redisutils.ratelimit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which policies' last decision found Redis unavailable: reported by health, and used to
 * log an outage once when it starts rather than once per request.
 *
 * @author redis-utils authors
 */
final class FailureTracker {

	private final Set<String> failing = ConcurrentHashMap.newKeySet();

	/**
	 * Record a failed decision.
	 * @return whether the policy was not failing before
	 */
	boolean failed(String policy) {
		return this.failing.add(policy);
	}

	void succeeded(String policy) {
		// Reading first keeps the common path free of writes to shared state.
		if (this.failing.contains(policy)) {
			this.failing.remove(policy);
		}
	}

	Set<String> failing() {
		return Set.copyOf(this.failing);
	}

}
