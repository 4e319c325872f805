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
 * Typed publish/subscribe on Redis: {@link io.github.redisutils.pubsub.RedisPubSub}
 * publishes objects and delivers them to typed handlers, declared in code or with
 * {@link io.github.redisutils.pubsub.PubSubListener}, over classic pub/sub (at most once)
 * or, in reliable mode, over Redis Streams (at least once).
 * <p>
 * <b>Why not Spring Data Redis's {@code RedisMessageListenerContainer}.</b> Classic
 * pub/sub receives through {@link io.github.redisutils.core.RedisSubscription}, the
 * library's one subscription component, not through a listener container, although the
 * container offers a recovery back-off ({@code setRecoveryBackoff}) and runs listeners on
 * a {@code TaskExecutor} that Boot can make virtual. What decides it:
 * <ul>
 * <li>The container reports a lost subscription only through its {@code ErrorHandler},
 * after the fact and with no "connected again" signal. The blacklist must empty its local
 * cache the moment the connection is lost and may answer from it only once the
 * resubscription is confirmed; lock waiters and health need the same two edges. The
 * subscription component gives them as callbacks.</li>
 * <li>A refused subscription ({@code NOPERM} for an ACL user) is, for the container, one
 * more subscription failure that it retries with its back-off, so the feature never
 * learns which channel or pattern lacks a rule; here it is recorded per name, counted and
 * logged with the rule to add, and the other subscriptions proceed.</li>
 * <li>Each container holds its own subscription connection and dispatches every message
 * to its executor with no bound (the default {@code SimpleAsyncTaskExecutor} starts a
 * thread per message); pub/sub here keeps one connection per instance and a bounded
 * handler queue that drops and counts when full, so a stalled handler cannot grow
 * memory.</li>
 * <li>A Sentinel primary-switch follower needs to drop and remake the connection on
 * demand ({@link io.github.redisutils.core.RedisSubscription#reconnect()}); the container
 * can only be stopped and started, which waits for its subscription thread.</li>
 * </ul>
 * Virtual threads come from {@link io.github.redisutils.core.RedisThreads} instead, which
 * honours {@code spring.threads.virtual.enabled} like Boot's own executors.
 */
@NullMarked
package io.github.redisutils.pubsub;

import org.jspecify.annotations.NullMarked;
