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

import org.jspecify.annotations.Nullable;

/**
 * Processes the jobs of one type and returns a result, kept with the completed job for
 * the completed-job retention ({@link JobQueue#result(String, Class)}). Jobs are
 * delivered at least once, so processing should be idempotent.
 *
 * @param <T> the payload type
 * @author redis-utils authors
 * @see JobHandlers#registerFunction(String, Class, JobFunction)
 */
@FunctionalInterface
public interface JobFunction<T> {

	/**
	 * Process one delivery. Returning completes the job with the result; throwing fails
	 * the attempt, which is retried after the backoff until the attempts are used up.
	 * @param payload the decoded payload
	 * @param context the delivery
	 * @return the result, encoded with the value codec; {@code null} for none
	 * @throws Exception when the attempt fails
	 */
	@Nullable Object apply(T payload, JobContext context) throws Exception;

}
