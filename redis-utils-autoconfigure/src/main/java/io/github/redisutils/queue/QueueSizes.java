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
package io.github.redisutils.queue;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Sizes of a queue per state, read in one script.
 *
 * @param waiting jobs ready and waiting for a worker
 * @param delayed jobs scheduled for later, retries waiting for their backoff included
 * @param active jobs held by workers
 * @param dead jobs in the dead letters
 * @param completed completed jobs still retained
 * @param oldestWaitingAge how long the oldest waiting job has been ready, or {@code null}
 * when none waits
 * @author redis-utils authors
 */
public record QueueSizes(long waiting, long delayed, long active, long dead, long completed,
		@Nullable Duration oldestWaitingAge) {

}
