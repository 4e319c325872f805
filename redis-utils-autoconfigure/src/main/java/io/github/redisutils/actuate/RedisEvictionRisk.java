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

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Which of the application's data a server's {@code maxmemory-policy} lets a full Redis
 * drop.
 * <p>
 * With {@code maxmemory} set and an {@code allkeys-*} policy, a full Redis evicts any
 * key: queue jobs, locks, sessions, revocations, rate-limit state and cache entries
 * alike. With a {@code volatile-*} policy it evicts keys that have a TTL: locks,
 * sessions, revocations, rate-limit state and cache entries. Either way the application
 * sees no error: a job or a revocation is silently gone. {@code noeviction} refuses
 * writes instead ({@code OOM}), which the features report. Without {@code maxmemory} (the
 * default, {@code 0}) nothing is evicted.
 *
 * @author redis-utils authors
 */
public final class RedisEvictionRisk {

	/**
	 * The recommended setup, shown with every warning.
	 */
	public static final String RECOMMENDATION = "use maxmemory-policy noeviction for the instance that holds "
			+ "queues and locks, and a separate instance (with an allkeys-* policy if you like) for the cache; "
			+ "a separate database of the same instance shares its memory and its policy";

	private static final Map<String, String> DATA = Map.of("queue", "queue jobs", "lock", "locks", "session",
			"sessions", "token-blacklist", "revocations", "rate-limit", "rate limits", "cache", "cache entries");

	/** Features in the order they are named. */
	private static final List<String> ORDER = List.of("queue", "lock", "session", "token-blacklist", "rate-limit",
			"cache");

	private static final List<String> WITH_TTL = List.of("lock", "session", "token-blacklist", "rate-limit", "cache");

	private RedisEvictionRisk() {
	}

	/**
	 * Return the features whose data the policy lets a full Redis drop.
	 * @param policy {@code maxmemory_policy}, or {@code null} when unknown
	 * @param maxMemory {@code maxmemory}, or {@code null} when unknown (taken as set)
	 * @param featuresInUse the features the application uses, by their health names
	 * ({@code queue}, {@code lock}, {@code session}, {@code token-blacklist},
	 * {@code rate-limit}, {@code cache})
	 * @return the features at risk, in a fixed order; empty when nothing is
	 */
	public static List<String> featuresAtRisk(@Nullable String policy, @Nullable Long maxMemory,
			Collection<String> featuresInUse) {
		if (policy == null || (maxMemory != null && maxMemory == 0)) {
			return List.of();
		}
		String normalized = policy.toLowerCase(Locale.ROOT);
		List<String> candidates;
		if (normalized.startsWith("allkeys-")) {
			candidates = ORDER;
		}
		else if (normalized.startsWith("volatile-")) {
			candidates = WITH_TTL;
		}
		else {
			return List.of();
		}
		List<String> atRisk = new ArrayList<>();
		for (String feature : candidates) {
			if (featuresInUse.contains(feature)) {
				atRisk.add(feature);
			}
		}
		return List.copyOf(atRisk);
	}

	/**
	 * Return the warning for a policy, or {@code null} when the policy puts none of the
	 * features in use at risk.
	 * @param policy {@code maxmemory_policy}, or {@code null} when unknown
	 * @param maxMemory {@code maxmemory}, or {@code null} when unknown (taken as set)
	 * @param featuresInUse the features the application uses, by their health names
	 * @return the warning, naming the data at risk and the recommended setup
	 */
	public static @Nullable String warning(@Nullable String policy, @Nullable Long maxMemory,
			Collection<String> featuresInUse) {
		List<String> atRisk = featuresAtRisk(policy, maxMemory, featuresInUse);
		if (atRisk.isEmpty()) {
			return null;
		}
		List<String> data = atRisk.stream().map(DATA::get).toList();
		String what = (policy.toLowerCase(Locale.ROOT).startsWith("allkeys-")) ? "any key" : "keys with a TTL";
		return "maxmemory-policy " + policy + " lets a full Redis evict " + what + ", silently dropping "
				+ String.join(", ", data) + " (" + String.join(", ", atRisk) + "): " + RECOMMENDATION;
	}

}
