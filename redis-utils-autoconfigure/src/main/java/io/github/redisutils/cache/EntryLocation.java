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
 * Where one cache entry lives in Redis.
 *
 * @param valueKey the key holding the entry
 * @param markerKey the key of the entry's single-flight marker
 * @param generationKey the generation key of the entry's namespace, {@code null} for an
 * entry outside any namespace; it shares the entry key's hash tag
 * @author redis-utils authors
 */
record EntryLocation(String valueKey, String markerKey, @Nullable String generationKey) {

}
