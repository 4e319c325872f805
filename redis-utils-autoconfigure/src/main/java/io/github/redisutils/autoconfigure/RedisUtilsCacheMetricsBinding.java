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

import java.util.Map;

import io.github.redisutils.cache.RedisUtilsCacheManager;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.cache.metrics.CacheMetricsRegistrar;
import org.springframework.cache.Cache;

/**
 * Binds the meters of redis-utils caches that Spring Boot's cache metrics registrar did
 * not see: Boot binds the caches that exist when it starts, while a
 * {@link RedisUtilsCacheManager} with runtime creation makes others on first use. Each
 * cache is bound once: one whose {@code cache.gets} meter is registered already is left
 * alone.
 *
 * @author redis-utils authors
 */
final class RedisUtilsCacheMetricsBinding implements SmartInitializingSingleton {

	private final Map<String, RedisUtilsCacheManager> cacheManagers;

	private final CacheMetricsRegistrar registrar;

	private final MeterRegistry registry;

	RedisUtilsCacheMetricsBinding(Map<String, RedisUtilsCacheManager> cacheManagers, CacheMetricsRegistrar registrar,
			MeterRegistry registry) {
		this.cacheManagers = Map.copyOf(cacheManagers);
		this.registrar = registrar;
		this.registry = registry;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.cacheManagers.forEach((beanName, cacheManager) -> {
			String managerName = managerName(beanName);
			cacheManager.addCacheCreationListener((cache) -> bind(cache, managerName));
			for (String cacheName : cacheManager.getCacheNames()) {
				Cache cache = cacheManager.getCache(cacheName);
				if (cache != null) {
					bind(cache, managerName);
				}
			}
		});
	}

	private synchronized void bind(Cache cache, String managerName) {
		boolean bound = this.registry.find("cache.gets")
			.tag("cache", cache.getName())
			.tag("cache.manager", managerName)
			.meter() != null;
		if (!bound) {
			this.registrar.bindCacheToRegistry(cache, Tag.of("cache.manager", managerName));
		}
	}

	/**
	 * Names a manager as Boot's registrar does: the bean name without a trailing
	 * {@code CacheManager}, unless that is all of it.
	 */
	private static String managerName(String beanName) {
		String suffix = "CacheManager";
		if (beanName.length() > suffix.length() && beanName.endsWith(suffix)) {
			return beanName.substring(0, beanName.length() - suffix.length());
		}
		return beanName;
	}

}
