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
 * Job queues with priorities, delays, retries with backoff, dead letters and
 * at-least-once delivery: {@link io.github.redisutils.queue.JobQueues} to enqueue and
 * inspect, {@link io.github.redisutils.queue.JobHandler @JobHandler} methods or the
 * {@link io.github.redisutils.queue.JobHandlers} registry to process, and
 * {@link io.github.redisutils.queue.QueueWorkers} to run the workers.
 */
@NullMarked
package io.github.redisutils.queue;

import org.jspecify.annotations.NullMarked;
