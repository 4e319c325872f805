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

import java.time.Instant;

/**
 * One delivery of a job, as its handler sees it.
 *
 * @param id the job id
 * @param queue the queue name
 * @param type the job type
 * @param attempt the number of this attempt, from 1; above 1 after a failure or after a
 * worker was lost mid-job
 * @param maxAttempts the attempts allowed
 * @param enqueuedAt when the job was enqueued (server time)
 * @author redis-utils authors
 */
public record JobContext(String id, String queue, String type, int attempt, int maxAttempts, Instant enqueuedAt) {

}
