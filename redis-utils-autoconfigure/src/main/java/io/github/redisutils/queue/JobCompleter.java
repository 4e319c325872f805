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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.queue.JobAcknowledger.Completion;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Completion side of a {@link QueueWorker}: handlers hand their finished deliveries over
 * and go on with the next job, and one thread completes them in batches, one script call
 * per round trip (group commit: what finishes while a call is in flight goes into the
 * next). At low load a batch is one delivery, completed as soon as it finishes; at high
 * load, one round trip completes many.
 * <p>
 * At-least-once delivery is unchanged: a delivery stays active in Redis until its batch
 * is written; if the instance dies first, the job runs again after its visibility
 * deadline, as it would if it died during the handler.
 *
 * @author redis-utils authors
 */
final class JobCompleter {

	private static final Log logger = LogFactory.getLog(QueueWorker.class);

	/** Deliveries per script call at most. */
	private static final int MAX_BATCH = 256;

	private final String queue;

	private final JobAcknowledger acknowledger;

	private final LinkedBlockingQueue<Completion> pending = new LinkedBlockingQueue<>();

	private volatile boolean running;

	private volatile boolean crashed;

	/** Set before the final flush: later completions are written at once. */
	private volatile boolean stopped;

	private @Nullable Thread thread;

	JobCompleter(String queue, JobAcknowledger acknowledger) {
		this.queue = queue;
		this.acknowledger = acknowledger;
	}

	synchronized void start(ThreadFactory threads) {
		this.running = true;
		Thread started = threads.newThread(this::loop);
		this.thread = started;
		started.start();
	}

	/**
	 * Complete a delivery with the next batch.
	 */
	void complete(Delivery delivery, byte[] encodedResult) {
		Completion completion = new Completion(delivery, encodedResult);
		if (this.stopped) {
			// A handler that finished after the last batch was written: write it now.
			if (!this.crashed) {
				write(List.of(completion));
			}
			return;
		}
		this.pending.add(completion);
	}

	/**
	 * Write what is pending and stop, waiting at most until the deadline.
	 */
	void stop(long deadlineNanos) {
		this.running = false;
		Thread current = this.thread;
		if (current != null) {
			try {
				current.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.stopped = true;
		// Whatever the thread did not get to (it was late, or never started).
		while (!this.pending.isEmpty() && !this.crashed) {
			flush(null);
		}
	}

	/**
	 * Stand in for a killed process: never write what is pending.
	 */
	void crash() {
		this.crashed = true;
		this.running = false;
		this.pending.clear();
		Thread current = this.thread;
		if (current != null) {
			current.interrupt();
		}
	}

	private void loop() {
		while ((this.running || !this.pending.isEmpty()) && !this.crashed) {
			Completion first;
			try {
				first = this.pending.poll(100, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				if (this.crashed) {
					return;
				}
				continue;
			}
			if (first != null) {
				flush(first);
			}
		}
	}

	private void flush(@Nullable Completion first) {
		List<Completion> batch = new ArrayList<>();
		if (first != null) {
			batch.add(first);
		}
		this.pending.drainTo(batch, MAX_BATCH - batch.size());
		if (batch.isEmpty() || this.crashed) {
			return;
		}
		write(batch);
	}

	private void write(List<Completion> batch) {
		try {
			this.acknowledger.completeAll(batch);
		}
		catch (RuntimeException ex) {
			// The jobs stay active: they come back after their visibility deadline.
			logger.warn("Could not complete " + batch.size() + " job(s) of queue '" + this.queue
					+ "'; they will run again after their visibility deadline: " + ex.getMessage());
		}
	}

}
