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
 */
@NullMarked
package io.github.redisutils.pubsub;

import org.jspecify.annotations.NullMarked;
