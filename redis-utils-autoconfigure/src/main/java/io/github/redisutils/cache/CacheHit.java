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

import org.jspecify.annotations.Nullable;

/**
 * A value found in the cache. A cached {@code null} is a hit whose value is {@code null};
 * a miss is no {@code CacheHit} at all.
 *
 * @param <T> the type of the value
 * @param value the value, {@code null} if {@code null} was cached
 * @author redis-utils authors
 */
public record CacheHit<T>(@Nullable T value) {

}
