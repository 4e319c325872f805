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

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import io.github.redisutils.core.RedisReplies;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Acknowledgement side of a {@link QueueWorker} and of pull consumers
 * ({@link PulledJob}): reports a job as completed (with its result) or failed (with its
 * retry delay or dead-letter reason), stores progress, extends the visibility deadline,
 * or gives an unfinished job back on shutdown. Apart from the handler threads so that the
 * outcome rules live in one place.
 *
 * @author redis-utils authors
 */
final class JobAcknowledger {

	private static final Log logger = LogFactory.getLog(QueueWorker.class);

	private static final int MAX_ERROR_LENGTH = 4000;

	private static final byte[] NO_RESULT = new byte[0];

	private final DefaultJobQueue queue;

	private final QueueScripts scripts;

	private final QueueSettings settings;

	private final QueueMetrics metrics;

	JobAcknowledger(DefaultJobQueue queue, QueueScripts scripts, QueueMetrics metrics) {
		this.queue = queue;
		this.scripts = scripts;
		this.settings = queue.settings();
		this.metrics = metrics;
	}

	private String name() {
		return this.queue.name();
	}

	/**
	 * A worker's failed delivery: retried, or dead at once with {@code deadReason}. A
	 * failure to reach Redis is logged: the job stays active and comes back after its
	 * visibility deadline. Completions go through {@link JobCompleter}.
	 */
	void failed(Delivery delivery, @Nullable Throwable error, @Nullable String deadReason, boolean timedOut) {
		try {
			String reason = (deadReason != null) ? deadReason
					: (timedOut ? "Timed out after " + delivery.timeoutMillis + " ms" : describe(error));
			fail(delivery, reason, deadReason != null);
		}
		catch (RuntimeException ex) {
			// The job stays active: it comes back after its visibility deadline.
			logger.warn("Could not acknowledge job " + delivery.id + " of queue '" + name()
					+ "'; it will run again after its visibility deadline: " + ex.getMessage());
		}
	}

	/**
	 * Complete a delivery, keeping its result with the completed job.
	 * @return whether the delivery still owned the job
	 */
	boolean complete(Delivery delivery, @Nullable Object result) {
		return completeAll(List.of(new Completion(delivery, encodeResult(result))))[0];
	}

	/**
	 * Encode a result for {@link #completeAll}: where the handler runs, so that the
	 * completing thread only talks to Redis.
	 */
	byte[] encodeResult(@Nullable Object result) {
		return (result != null) ? this.queue.codec().encode(result) : NO_RESULT;
	}

	/**
	 * Complete deliveries in one script call.
	 * @return per delivery whether it still owned its job
	 */
	boolean[] completeAll(List<Completion> completions) {
		List<Object> args = new ArrayList<>(2 + completions.size() * 3);
		args.add(this.settings.completedRetention().toMillis());
		args.add(this.settings.completedCount());
		for (Completion completion : completions) {
			args.add(completion.delivery().id);
			args.add(completion.delivery().token);
			args.add(completion.result());
		}
		String key = this.queue.keys().waiting();
		List<?> reply = RedisReplies.list(this.scripts.run(QueueScripts.COMPLETE, this.queue.keys(), args.toArray()),
				completions.size(), key, "reply");
		boolean[] owned = new boolean[completions.size()];
		for (int i = 0; i < owned.length; i++) {
			owned[i] = RedisReplies.number(reply.get(i), key, RedisReplies.element(i)) == 1L;
			if (owned[i]) {
				this.metrics.completed();
			}
			else {
				notOwned(completions.get(i).delivery(), "completed");
			}
		}
		return owned;
	}

	/**
	 * A delivery to complete, with its encoded result (empty for none).
	 */
	record Completion(Delivery delivery, byte[] result) {

	}

	/**
	 * Fail a delivery: retried after its backoff, or dead when its attempts are used up
	 * or {@code dead} is set.
	 * @return whether the delivery still owned the job
	 */
	boolean fail(Delivery delivery, String reason, boolean dead) {
		long delay = delivery.backoff.delayAfter(delivery.attempt).toMillis();
		Long outcome = this.scripts.run(QueueScripts.FAIL, this.queue.keys(), delivery.id, delivery.token,
				truncate(reason), delay, dead ? 1 : 0, this.settings.deadRetention().toMillis(),
				this.settings.deadCount());
		if (outcome == null || outcome == 0L) {
			notOwned(delivery, "failed");
			return false;
		}
		this.metrics.failed(outcome == 1L);
		if (outcome == 2L) {
			this.metrics.dead(1);
			logger.warn("Job " + delivery.id + " of type '" + delivery.type + "' in queue '" + name()
					+ "' moved to the dead letters: " + reason);
		}
		return true;
	}

	/**
	 * Store a delivery's progress in its job.
	 * @return whether the delivery still owned the job
	 */
	boolean progress(Delivery delivery, @Nullable Object progress) {
		Long stored = this.scripts.run(QueueScripts.PROGRESS, this.queue.keys(), delivery.id, delivery.token,
				this.queue.codec().encode(progress));
		return stored != null && stored == 1L;
	}

	/**
	 * Push a delivery's visibility deadline to now plus the visibility timeout.
	 * @return whether the delivery still owned the job
	 */
	boolean extend(Delivery delivery) {
		List<?> extended = this.scripts.run(QueueScripts.EXTEND, this.queue.keys(),
				this.settings.visibilityTimeout().toMillis(), delivery.id, delivery.token);
		List<?> reply = RedisReplies.list(extended, 1, this.queue.keys().waiting(), "reply");
		return RedisReplies.number(reply.get(0), this.queue.keys().waiting(), RedisReplies.element(0)) == 1L;
	}

	static String describe(@Nullable Throwable error) {
		if (error == null) {
			return "unknown error";
		}
		StringWriter trace = new StringWriter();
		error.printStackTrace(new PrintWriter(trace));
		return trace.toString();
	}

	private void notOwned(Delivery delivery, String outcome) {
		logger.warn("Job " + delivery.id + " of queue '" + name() + "' " + outcome
				+ " after this worker lost it (visibility deadline passed, cancelled or cleared); "
				+ "the outcome is ignored");
	}

	void giveBack(Delivery delivery) {
		delivery.giveBack();
		try {
			this.scripts.run(QueueScripts.GIVE_BACK, this.queue.keys(), delivery.id, delivery.token);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not give job " + delivery.id + " back to queue '" + name()
					+ "'; it will run again after its visibility deadline: " + ex.getMessage());
		}
	}

	private static String truncate(String text) {
		return (text.length() <= MAX_ERROR_LENGTH) ? text : text.substring(0, MAX_ERROR_LENGTH) + "...";
	}

}
