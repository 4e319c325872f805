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
 * Distributed locks: {@link io.github.redisutils.lock.DistributedLocks} hands out
 * {@link java.util.concurrent.locks.Lock} views and
 * {@link io.github.redisutils.lock.LockHandle handles} with fencing tokens, renewed by a
 * watchdog when no lease is given, and the
 * {@link io.github.redisutils.lock.DistributedLock @DistributedLock} annotation for
 * Spring AOP.
 */
@NullMarked
package io.github.redisutils.lock;

import org.jspecify.annotations.NullMarked;
