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
 * One delivery of a job, as its handler (or a pull consumer) sees it, with a way to
 * report progress.
 *
 * @author redis-utils authors
 */
public final class JobContext {

	private final String id;

	private final String queue;

	private final String type;

	private final int attempt;

	private final int maxAttempts;

	private final Instant enqueuedAt;

	private final ProgressSink progress;

	JobContext(String id, String queue, String type, int attempt, int maxAttempts, Instant enqueuedAt,
			ProgressSink progress) {
		this.id = id;
		this.queue = queue;
		this.type = type;
		this.attempt = attempt;
		this.maxAttempts = maxAttempts;
		this.enqueuedAt = enqueuedAt;
		this.progress = progress;
	}

	/**
	 * Return the job id.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return the queue name.
	 * @return the queue
	 */
	public String queue() {
		return this.queue;
	}

	/**
	 * Return the job type.
	 * @return the type
	 */
	public String type() {
		return this.type;
	}

	/**
	 * Return the number of this attempt, from 1; above 1 after a failure or after a
	 * worker was lost mid-job.
	 * @return the attempt
	 */
	public int attempt() {
		return this.attempt;
	}

	/**
	 * Return the attempts allowed.
	 * @return the most attempts
	 */
	public int maxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * Return when the job was enqueued (server time).
	 * @return the time
	 */
	public Instant enqueuedAt() {
		return this.enqueuedAt;
	}

	/**
	 * Report the job's progress: stored in the job (one script, encoded with the value
	 * codec), shown by {@link JobQueue#find(String)} and
	 * {@link JobQueue#progress(String, Class)}, kept after completion with the job. Only
	 * the delivery that owns the job may report: after its visibility deadline passed and
	 * the job was handed to another worker, the report is refused.
	 * @param progress the progress, for example a percentage or a small record
	 * @return whether it was stored; {@code false} if this delivery no longer owns the
	 * job
	 * @throws io.github.redisutils.core.RedisUnavailableException if Redis cannot be
	 * reached
	 */
	public boolean reportProgress(@Nullable Object progress) {
		return this.progress.report(progress);
	}

	@Override
	public String toString() {
		return "JobContext[id=" + this.id + ", queue=" + this.queue + ", type=" + this.type + ", attempt="
				+ this.attempt + "/" + this.maxAttempts + "]";
	}

	/**
	 * Where a delivery's progress goes.
	 */
	@FunctionalInterface
	interface ProgressSink {

		boolean report(@Nullable Object progress);

	}

}
