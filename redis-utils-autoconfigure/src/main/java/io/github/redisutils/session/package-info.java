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
 * A Redis session store: {@link io.github.redisutils.session.SessionStore} with idle and
 * absolute expiry, a per-user limit, "log out everywhere" and online status, without
 * keyspace notifications and without leaking its per-user index on Redis Cluster.
 */
@NullMarked
package io.github.redisutils.session;

import org.jspecify.annotations.NullMarked;
