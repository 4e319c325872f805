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

import org.jspecify.annotations.Nullable;

/**
 * What is known about a job, read from Redis. The payload is read separately, into a
 * type, with {@link JobQueue#payload(String, Class)}.
 *
 * @param id the job id
 * @param queue the queue name
 * @param type the job type, which selects the handler
 * @param status where the job is
 * @param priority the priority
 * @param attempt the attempts made so far (the current one while active)
 * @param maxAttempts the attempts allowed
 * @param enqueuedAt when the job was enqueued (server time)
 * @param runAt when a delayed or failed job becomes ready, else {@code null}
 * @param lastError the last error, or {@code null}
 * @param uniqueKey the unique key, or {@code null}
 * @param progress the last progress reported, decoded without a target type (JSON objects
 * as maps, arrays as lists), or {@code null}; typed with
 * {@link JobQueue#progress(String, Class)}
 * @param result the result of a completed job, decoded likewise, or {@code null}; typed
 * with {@link JobQueue#result(String, Class)}
 * @author redis-utils authors
 */
public record JobInfo(String id, String queue, String type, JobStatus status, JobPriority priority, int attempt,
		int maxAttempts, Instant enqueuedAt, @Nullable Instant runAt, @Nullable String lastError,
		@Nullable String uniqueKey, @Nullable Object progress, @Nullable Object result) {

}
