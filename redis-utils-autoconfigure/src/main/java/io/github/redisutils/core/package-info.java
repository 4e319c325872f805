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
 * Shared building blocks: key naming, Lua script loading, the Redis server clock, the
 * exception hierarchy, the one pub/sub subscription component
 * ({@link io.github.redisutils.core.RedisSubscription}: resubscription with back-off,
 * connected and disconnected callbacks, refused subscriptions, {@code reconnect()} on
 * demand; why it is not Spring Data Redis's listener container is told in the
 * {@code pubsub} package), the one thread factory
 * ({@link io.github.redisutils.core.RedisThreads}: {@code redis-utils-<feature>-N}
 * daemons, virtual with {@code spring.threads.virtual.enabled} on Java 21+) and the one
 * rate-limited warning log ({@link io.github.redisutils.core.RateLimitedLog}).
 */
@NullMarked
package io.github.redisutils.core;

import org.jspecify.annotations.NullMarked;
