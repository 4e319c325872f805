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

import io.github.redisutils.cache.RedisUtilsCache;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;

/**
 * Hands Spring Boot's cache metrics registrar the binder of a redis-utils cache's
 * standard {@code cache.gets}, {@code cache.puts} and {@code cache.evictions} meters, as
 * Boot's own providers do for Caffeine or Spring Data Redis caches. Boot then tags them
 * {@code cache} and {@code cache.manager} like every other cache of the application.
 *
 * @author redis-utils authors
 */
public final class RedisUtilsCacheMeterBinderProvider implements CacheMeterBinderProvider<RedisUtilsCache> {

	@Override
	public MeterBinder getMeterBinder(RedisUtilsCache cache, Iterable<Tag> tags) {
		return cache.meterBinder(tags);
	}

}
