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
package io.github.redisutils.cache;

/**
 * What one cache counted since start-up in this instance (the counters behind the
 * {@code cache.*} and {@code redis.cache.*} meters).
 *
 * @param cache the cache's name
 * @param manager the name of the cache manager (or {@code cacheStore}) it belongs to
 * @param hits reads that found an entry
 * @param misses reads that found none
 * @param puts entries written
 * @param evictions entries removed
 * @param fallbacks reads that went to the loader because Redis failed
 * @param decodingFailures entries that could not be decoded and counted as misses
 * @author redis-utils authors
 */
public record CacheStatistics(String cache, String manager, long hits, long misses, long puts, long evictions,
		long fallbacks, long decodingFailures) {

}
