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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One named queue: enqueue jobs and inspect or manage them. Thread-safe. Every method is
 * one script or command in Redis (a few for {@link #clear()} and {@link #retryAllDead()},
 * which work in batches), and throws
 * {@link io.github.redisutils.core.RedisUnavailableException} when Redis cannot be
 * reached.
 *
 * @author redis-utils authors
 * @see JobQueues#queue(String)
 */
public interface JobQueue {

	/**
	 * Return the queue's name.
	 * @return the name
	 */
	String name();

	/**
	 * Enqueue a job with the default options.
	 * @param type the job type, which selects the handler
	 * @param payload the payload, encoded with the value codec
	 * @return the job id
	 */
	default String enqueue(String type, @Nullable Object payload) {
		return enqueue(type, payload, JobOptions.defaults());
	}

	/**
	 * Enqueue a job.
	 * @param type the job type, which selects the handler
	 * @param payload the payload, encoded with the value codec
	 * @param options priority, delay, attempts, backoff, unique key, timeout
	 * @return the job id, or the id of the pending job holding the same unique key
	 */
	String enqueue(String type, @Nullable Object payload, JobOptions options);

	/**
	 * Enqueue many jobs in one round trip (one script per 1,000 jobs), each with its own
	 * options: unique keys (also between jobs of the same call: a later job with the key
	 * of an earlier one gets the earlier one's id), delays and priorities are honoured
	 * per job. Jobs are enqueued in order; each script call is atomic.
	 * @param jobs the jobs
	 * @return the id of each job, in order: the id of the pending job holding the same
	 * unique key for a duplicate
	 */
	default List<String> enqueueAll(List<JobRequest> jobs) {
		List<String> ids = new ArrayList<>(jobs.size());
		for (JobRequest job : jobs) {
			ids.add(enqueue(job.type(), job.payload(), job.options()));
		}
		return ids;
	}

	/**
	 * Take the next job to process it here (a pull consumer), waiting up to {@code wait}
	 * for one. The job is taken exactly as a worker takes it: by priority, with the
	 * queue's visibility timeout and a delivery token of its own, counting the attempt;
	 * complete or fail it through the returned {@link ClaimedJob}. Waiting blocks on a
	 * connection of its own (never the shared one), woken when a job is enqueued; due
	 * delayed jobs and the jobs of lost workers are picked up too.
	 * @param wait longest time to wait; zero for a single attempt
	 * @return the job, or empty if none came within the wait (or the thread was
	 * interrupted, whose interrupt status is then left set)
	 * @throws io.github.redisutils.core.RedisUnavailableException if Redis cannot be
	 * reached
	 */
	default Optional<ClaimedJob> take(Duration wait) {
		throw new UnsupportedOperationException(getClass().getName() + " has no pull consumers");
	}

	/**
	 * Read the result a job completed with, while the completed job is retained.
	 * @param <T> the result type
	 * @param id the job id
	 * @param type the result type
	 * @return the result, or empty if the job is unknown, not completed, no longer
	 * retained, or completed without a result
	 */
	default <T> Optional<T> result(String id, Class<T> type) {
		return Optional.empty();
	}

	/**
	 * Read the last progress a job's delivery reported (kept after completion for the
	 * completed-job retention).
	 * @param <T> the progress type
	 * @param id the job id
	 * @param type the progress type
	 * @return the progress, or empty if the job is unknown or reported none
	 */
	default <T> Optional<T> progress(String id, Class<T> type) {
		return Optional.empty();
	}

	/**
	 * Return the job a worker would take next, without taking it.
	 * @return the next waiting job, or empty
	 */
	Optional<JobInfo> peek();

	/**
	 * Return the sizes per state and the age of the oldest waiting job.
	 * @return the sizes
	 */
	QueueSizes sizes();

	/**
	 * Delete every job of the queue, in every state. Workers running jobs of the queue
	 * finish them but their acknowledgements are ignored.
	 * @return the number of jobs deleted
	 */
	long clear();

	/**
	 * Find a job: pending, active, dead, or completed and still retained.
	 * @param id the job id
	 * @return the job, or empty if unknown or no longer retained
	 */
	Optional<JobInfo> find(String id);

	/**
	 * Read the payload of a job that is not completed (completed jobs keep no payload).
	 * @param <T> the payload type
	 * @param id the job id
	 * @param type the payload type
	 * @return the payload, or empty if the job is unknown, completed, or its payload is
	 * {@code null}
	 */
	<T> Optional<T> payload(String id, Class<T> type);

	/**
	 * Cancel a job that is not running: waiting, delayed, waiting for a retry, or dead.
	 * The job is deleted.
	 * @param id the job id
	 * @return whether the job was cancelled; {@code false} if it is unknown, active or
	 * completed
	 */
	boolean cancel(String id);

	/**
	 * List dead jobs, oldest first.
	 * @param offset how many to skip
	 * @param count how many to return at most
	 * @return the dead jobs with their last error
	 */
	List<JobInfo> dead(int offset, int count);

	/**
	 * Move a dead job back to the waiting jobs with its attempts reset.
	 * @param id the job id
	 * @return whether the job was dead and was moved
	 */
	boolean retryDead(String id);

	/**
	 * Move every dead job back to the waiting jobs with its attempts reset, in batches.
	 * @return the number of jobs moved
	 */
	long retryAllDead();

	/**
	 * Move at most {@code limit} dead jobs, the oldest first, back to the waiting jobs
	 * with their attempts reset, in batches: a bounded {@link #retryAllDead()} for an
	 * operator. The default moves them one by one with {@link #dead(int, int)} and
	 * {@link #retryDead(String)}; the library's queues move a batch per script.
	 * @param limit how many jobs to move at most, at least 1
	 * @return the number of jobs moved
	 * @throws IllegalArgumentException if {@code limit} is below 1
	 */
	default long retryAllDead(int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("The limit must be at least 1 (was " + limit + ")");
		}
		long moved = 0;
		while (moved < limit) {
			List<JobInfo> dead = dead(0, (int) Math.min(100, limit - moved));
			if (dead.isEmpty()) {
				return moved;
			}
			for (JobInfo job : dead) {
				moved += retryDead(job.id()) ? 1 : 0;
			}
		}
		return moved;
	}

}
