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
 * Shared building blocks: key naming, Lua script loading, the Redis call layer, the Redis
 * server clock, the exception hierarchy, the one pub/sub subscription component
 * ({@link io.github.redisutils.core.RedisSubscription}: resubscription with back-off,
 * connected and disconnected callbacks, refused subscriptions, {@code reconnect()} on
 * demand; why it is not Spring Data Redis's listener container is told in the
 * {@code pubsub} package), the one thread factory
 * ({@link io.github.redisutils.core.RedisThreads}: {@code redis-utils-<feature>-N}
 * daemons, virtual with {@code spring.threads.virtual.enabled} on Java 21+) and the one
 * rate-limited warning log ({@link io.github.redisutils.core.RateLimitedLog}).
 * <p>
 * Every feature runs its commands and scripts through
 * {@link io.github.redisutils.core.RedisCalls} and decodes replies and stored fields with
 * {@link io.github.redisutils.core.RedisReplies}, so one classification holds everywhere:
 * no connection, a closed connection, a timeout and a server that cannot serve now
 * ({@code LOADING}, {@code BUSY}, {@code MASTERDOWN}, {@code READONLY},
 * {@code NOREPLICAS}, {@code CLUSTERDOWN}, {@code TRYAGAIN}, {@code OOM},
 * {@code MISCONF}, also when raised inside a Lua script in the forms of Redis 6.2 and 7)
 * are {@link io.github.redisutils.core.RedisUnavailableException}, the one type
 * documented fallbacks key off; an ACL refusal ({@code NOPERM}) is
 * {@link io.github.redisutils.core.RedisPermissionException}, never an outage; stored
 * state of the wrong shape is
 * {@link io.github.redisutils.core.MalformedRedisDataException} naming the key and the
 * field; anything else a plain {@link io.github.redisutils.core.RedisUtilsException}.
 * Messages keep the server's own text.
 */
@NullMarked
package io.github.redisutils.core;

import org.jspecify.annotations.NullMarked;
