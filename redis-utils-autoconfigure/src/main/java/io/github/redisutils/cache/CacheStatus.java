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

import java.util.Set;

/**
 * A snapshot of the caches' state, for health reporting.
 *
 * @param bypassingRedis whether caches are skipping Redis after a recent failure
 * @param redisFailures Redis calls that failed since start-up
 * @param fallbacks reads served by loaders and writes dropped because Redis failed or was
 * skipped, since start-up
 * @param decodingFailures entries that could not be decoded, since start-up
 * @param caches names of the caches
 * @author redis-utils authors
 */
public record CacheStatus(boolean bypassingRedis, long redisFailures, long fallbacks, long decodingFailures,
		Set<String> caches) {

}
