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

/**
 * Maintenance of an application's keys:
 * {@link io.github.redisutils.maintenance.RedisBackup} streams every key under the key
 * prefix to a JSON-lines backup and restores it, into the same or another prefix, on any
 * Redis 6.2 or later.
 */
@NullMarked
package io.github.redisutils.maintenance;

import org.jspecify.annotations.NullMarked;
