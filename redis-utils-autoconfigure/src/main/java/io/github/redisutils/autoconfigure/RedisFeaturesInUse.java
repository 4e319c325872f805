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
package io.github.redisutils.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.github.redisutils.blacklist.TokenBlacklist;
import io.github.redisutils.blacklist.TokenBlacklistMonitor;
import io.github.redisutils.cache.RedisCaches;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.ratelimit.RateLimiterRegistry;
import io.github.redisutils.session.SessionStore;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The features whose beans exist in the context, by their health names, looked up when
 * asked (so that the order of auto-configurations does not matter).
 *
 * @author redis-utils authors
 */
final class RedisFeaturesInUse implements Supplier<Set<String>> {

	private static final Map<String, Class<?>> FEATURES = Map.of(JobQueues.FEATURE, JobQueues.class,
			DistributedLocks.FEATURE, DistributedLocks.class, SessionStore.FEATURE, SessionStore.class,
			TokenBlacklistMonitor.FEATURE, TokenBlacklist.class, RateLimiterRegistry.FEATURE, RateLimiterRegistry.class,
			RedisCaches.FEATURE, RedisCaches.class);

	private final ListableBeanFactory beanFactory;

	RedisFeaturesInUse(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public Set<String> get() {
		Set<String> features = new LinkedHashSet<>();
		FEATURES.forEach((feature, type) -> {
			if (this.beanFactory.getBeanNamesForType(type, true, false).length > 0) {
				features.add(feature);
			}
		});
		return features;
	}

}
