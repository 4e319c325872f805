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
 * server clock and the exception hierarchy.
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
