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

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

/**
 * A job taken with {@link JobQueue#take(java.time.Duration)}: the caller processes it and
 * then completes or fails it, as a worker does. Until then the job is active with the
 * queue's visibility timeout; if the caller neither completes, fails nor
 * {@linkplain #extend() extends} it in time, the job is handed out again (counting the
 * attempt), and this delivery's later calls are refused: they return {@code false}. Jobs
 * are therefore delivered at least once. Not thread-safe: one consumer works on a
 * delivery.
 *
 * @author redis-utils authors
 */
public interface ClaimedJob {

	/**
	 * Return the delivery: id, type, attempt, and the way to report progress.
	 * @return the context
	 */
	JobContext context();

	/**
	 * Decode the payload.
	 * @param <T> the payload type
	 * @param type the type to decode into
	 * @return the payload, {@code null} if it was enqueued as {@code null}
	 * @throws io.github.redisutils.core.codec.ValueDecodingException if the payload does
	 * not decode as {@code type}
	 */
	<T> @Nullable T payload(Class<T> type);

	/**
	 * Decode the payload into a generic type, for example {@code List<Order>}.
	 * @param type the type to decode into
	 * @return the payload, {@code null} if it was enqueued as {@code null}
	 * @throws io.github.redisutils.core.codec.ValueDecodingException if the payload does
	 * not decode as {@code type}
	 */
	@Nullable Object payload(Type type);

	/**
	 * Complete the job without a result.
	 * @return whether it was completed; {@code false} if this delivery no longer owns the
	 * job (its visibility deadline passed and it was handed out again, or it was
	 * cancelled or cleared)
	 * @throws io.github.redisutils.core.RedisUnavailableException if Redis cannot be
	 * reached; the job stays active and comes back after its visibility deadline
	 */
	default boolean complete() {
		return complete(null);
	}

	/**
	 * Complete the job with a result, kept for the completed-job retention and shown by
	 * {@link JobQueue#result(String, Class)}.
	 * @param result the result, encoded with the value codec; {@code null} for none
	 * @return whether it was completed; {@code false} if this delivery no longer owns the
	 * job
	 * @throws io.github.redisutils.core.RedisUnavailableException if Redis cannot be
	 * reached
	 */
	boolean complete(@Nullable Object result);

	/**
	 * Fail this attempt: the job is retried after its backoff, or moves to the dead
	 * letters when its attempts are used up, as with workers.
	 * @param reason the error kept with the job
	 * @return whether the failure was recorded; {@code false} if this delivery no longer
	 * owns the job
	 * @throws io.github.redisutils.core.RedisUnavailableException if Redis cannot be
	 * reached
	 */
	boolean fail(String reason);

	/**
	 * Fail this attempt with an exception, whose stack trace is kept as the job's error.
	 * @param error what went wrong
	 * @return whether the failure was recorded; {@code false} if this delivery no longer
	 * owns the job
	 * @throws io.github.redisutils.core.RedisUnavailableException if Redis cannot be
	 * reached
	 */
	boolean fail(Throwable error);

	/**
	 * Move the job to the dead letters at once, whatever attempts remain (a payload that
	 * can never succeed).
	 * @param reason the error kept with the job
	 * @return whether it was moved; {@code false} if this delivery no longer owns the job
	 * @throws io.github.redisutils.core.RedisUnavailableException if Redis cannot be
	 * reached
	 */
	boolean deadLetter(String reason);

	/**
	 * Push the visibility deadline to now plus the queue's visibility timeout (server
	 * time), for work that takes longer than the timeout.
	 * @return whether it was extended; {@code false} if this delivery no longer owns the
	 * job
	 * @throws io.github.redisutils.core.RedisUnavailableException if Redis cannot be
	 * reached
	 */
	boolean extend();

}
