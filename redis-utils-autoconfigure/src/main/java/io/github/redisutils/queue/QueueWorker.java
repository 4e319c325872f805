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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.core.codec.ValueCodec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;

/**
 * The workers of one queue in this instance: one fetcher thread takes jobs for the free
 * slots in one script call and hands them to {@code concurrency} handler threads; a
 * heartbeat extends the visibility deadline of running jobs every third of the visibility
 * timeout.
 * <p>
 * No busy polling: when the queue is empty the fetcher blocks in {@code BLPOP} on the
 * queue's signal list, on a connection of its own, for at most the block timeout (every
 * enqueue pushes a signal); when a delayed job is due sooner than that, it sleeps until
 * it is due. The bounded wait also lets idle workers recover the jobs of lost workers and
 * promote delayed jobs when nobody enqueues.
 * <p>
 * This class keeps the fetch loop, the handler pool and the lifecycle; each other job has
 * a class of its own so that it can be read and changed alone: {@link QueueTaker} takes
 * jobs and decodes the reply, {@link JobCompleter} completes finished jobs in batches,
 * {@link JobAcknowledger} reports failures and gives jobs back, {@link QueueHeartbeat}
 * extends the running jobs' deadlines.
 *
 * @author redis-utils authors
 */
final class QueueWorker {

	private static final Log logger = LogFactory.getLog(QueueWorker.class);

	private final DefaultJobQueue queue;

	private final QueueScripts scripts;

	private final ValueCodec codec;

	private final JobHandlers handlers;

	private final QueueMetrics metrics;

	private final QueueSettings settings;

	private final long blockTimeoutMillis;

	private final Semaphore permits;

	private final ThreadPoolExecutor executor;

	private final ScheduledExecutorService scheduler;

	private final RedisThreads threads;

	private final ConcurrentHashMap<String, Delivery> inFlight = new ConcurrentHashMap<>();

	private final QueueTaker taker;

	private final JobAcknowledger acknowledger;

	private final JobCompleter completer;

	private final QueueHeartbeat heartbeatTask;

	private volatile boolean running;

	private volatile boolean crashed;

	private @Nullable Thread fetcher;

	private @Nullable ScheduledFuture<?> heartbeat;

	private volatile @Nullable RedisConnection blockingConnection;

	private volatile boolean reconnecting;

	private long failingSince;

	QueueWorker(DefaultJobQueue queue, QueueScripts scripts, ValueCodec codec, JobHandlers handlers,
			QueueMetrics metrics, Duration blockTimeout, ScheduledExecutorService scheduler, RedisThreads threads) {
		this.queue = queue;
		this.scripts = scripts;
		this.codec = codec;
		this.handlers = handlers;
		this.metrics = metrics;
		this.settings = queue.settings();
		this.blockTimeoutMillis = blockTimeout.toMillis();
		this.scheduler = scheduler;
		int concurrency = this.settings.concurrency();
		this.permits = new Semaphore(concurrency);
		this.threads = threads;
		this.executor = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>(), threads.factory("queue-" + queue.name()));
		this.taker = new QueueTaker(queue, scripts, metrics);
		this.acknowledger = new JobAcknowledger(queue, scripts, metrics);
		this.completer = new JobCompleter(queue.name(), this.acknowledger);
		this.heartbeatTask = new QueueHeartbeat(queue, scripts, this.inFlight, this::failed);
	}

	String name() {
		return this.queue.name();
	}

	int running() {
		return this.inFlight.size();
	}

	synchronized void start() {
		this.running = true;
		// Not a daemon: an application that only works on jobs (no web server) must stay
		// up until its context is closed.
		Thread thread = this.threads.factory("queue-" + name() + "-fetcher", false).newThread(this::fetch);
		this.fetcher = thread;
		thread.start();
		this.completer.start(this.threads.factory("queue-" + name() + "-completer"));
		long period = Math.max(100, this.settings.visibilityTimeout().toMillis() / 3);
		this.heartbeat = this.scheduler.scheduleWithFixedDelay(this.heartbeatTask::beat, period, period,
				TimeUnit.MILLISECONDS);
	}

	/**
	 * Drop the blocking connection (the primary moved): a wait in progress ends at once
	 * and the next one connects to the current primary.
	 */
	void reconnect() {
		if (this.blockingConnection != null) {
			this.reconnecting = true;
			closeBlockingConnection();
		}
	}

	/**
	 * First phase of a graceful stop: take no more jobs, let running ones finish.
	 */
	void beginStop() {
		this.running = false;
		Thread thread = this.fetcher;
		if (thread != null) {
			thread.interrupt();
		}
		this.executor.shutdown();
	}

	/**
	 * Second phase: wait for running jobs until the deadline, then give the unfinished
	 * ones back to the queue (without counting the attempt) and interrupt them.
	 */
	void awaitStop(long deadlineNanos) {
		try {
			this.executor.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
			Thread thread = this.fetcher;
			if (thread != null) {
				thread.join(this.blockTimeoutMillis + 1000);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (!this.crashed) {
			for (Delivery delivery : this.inFlight.values()) {
				this.acknowledger.giveBack(delivery);
			}
			this.completer.stop(deadlineNanos + TimeUnit.SECONDS.toNanos(5));
		}
		this.executor.shutdownNow();
		cancelHeartbeat();
		closeBlockingConnection();
	}

	/**
	 * Stand in for a process killed with {@code -9}: stop taking jobs and beating, and
	 * never acknowledge or give back the running ones.
	 */
	void crash() {
		this.crashed = true;
		this.running = false;
		this.completer.crash();
		cancelHeartbeat();
		Thread thread = this.fetcher;
		if (thread != null) {
			thread.interrupt();
		}
		this.executor.shutdownNow();
	}

	private void fetch() {
		while (this.running) {
			int wanted;
			try {
				this.permits.acquire();
			}
			catch (InterruptedException ex) {
				break;
			}
			wanted = 1 + this.permits.drainPermits();
			QueueTaker.Take take;
			try {
				take = this.taker.take(wanted);
				this.failingSince = 0;
			}
			catch (RuntimeException ex) {
				this.permits.release(wanted);
				failed("take jobs from", ex);
				pause(this.blockTimeoutMillis);
				continue;
			}
			this.permits.release(wanted - take.deliveries().size());
			for (Delivery delivery : take.deliveries()) {
				this.inFlight.put(delivery.id, delivery);
				try {
					this.executor.execute(() -> run(delivery));
				}
				catch (RuntimeException ex) {
					// Stopping: the job stays active until given back or recovered.
					this.permits.release();
				}
			}
			if (take.deliveries().isEmpty() && this.running) {
				await(take.nextDueMillis());
			}
		}
	}

	private void await(long nextDueMillis) {
		if (nextDueMillis >= 0 && nextDueMillis < this.blockTimeoutMillis) {
			// A delayed job is due before a BLPOP (whole seconds) would end.
			pause(Math.max(1, nextDueMillis));
			return;
		}
		try {
			RedisConnection connection = this.blockingConnection;
			if (connection == null || connection.isClosed()) {
				connection = this.scripts.connectionFactory().getConnection();
				this.blockingConnection = connection;
			}
			int seconds = (int) Math.max(1, this.blockTimeoutMillis / 1000);
			connection.listCommands().bLPop(seconds, QueueScripts.bytes(this.queue.keys().signal()));
		}
		catch (RuntimeException ex) {
			closeBlockingConnection();
			if (this.reconnecting) {
				// Closed on purpose by reconnect(): wait again at once, on the new
				// primary.
				this.reconnecting = false;
				return;
			}
			if (this.running) {
				failed("wait for jobs of", ex);
				pause(this.blockTimeoutMillis);
			}
		}
	}

	private void run(Delivery delivery) {
		if (this.crashed) {
			return;
		}
		long start = System.nanoTime();
		delivery.running(Thread.currentThread());
		ScheduledFuture<?> timeout = (delivery.timeoutMillis > 0)
				? this.scheduler.schedule(delivery::timeOut, delivery.timeoutMillis, TimeUnit.MILLISECONDS) : null;
		@Nullable Throwable error = null;
		@Nullable String deadReason = null;
		@Nullable Object result = null;
		try {
			JobHandlers.Registration handler = this.handlers.get(delivery.type);
			if (handler == null) {
				deadReason = "No handler for job type '" + delivery.type + "'";
			}
			else {
				Object payload = null;
				try {
					payload = this.codec.decode(delivery.payload, handler.payloadType());
				}
				catch (RuntimeException ex) {
					deadReason = "Payload of job type '" + delivery.type + "' does not decode as "
							+ handler.payloadType().getTypeName() + ": " + ex.getMessage();
				}
				if (deadReason == null) {
					result = handler.function()
						.apply(payload,
								new JobContext(delivery.id, name(), delivery.type, delivery.attempt,
										delivery.maxAttempts, delivery.enqueuedAt,
										(progress) -> this.acknowledger.progress(delivery, progress)));
				}
			}
		}
		catch (Throwable ex) {
			error = ex;
		}
		finally {
			boolean timedOut = delivery.finished();
			if (timeout != null) {
				timeout.cancel(false);
			}
			// Clear an interrupt aimed at the handler (timeout, shutdown) before talking
			// to Redis.
			Thread.interrupted();
			this.metrics.processed(System.nanoTime() - start);
			try {
				this.inFlight.remove(delivery.id);
				if (!this.crashed && !delivery.givenBack()) {
					if (error == null && deadReason == null) {
						// Batched with other completions; this thread goes on with the
						// next job.
						this.completer.complete(delivery, encodedResult(delivery, result));
					}
					else {
						this.acknowledger.failed(delivery, error, deadReason, timedOut);
					}
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Could not complete job " + delivery.id + " of queue '" + name()
						+ "'; it will run again after its visibility deadline: " + ex.getMessage());
			}
			finally {
				this.permits.release();
			}
		}
	}

	/**
	 * The handler's result, encoded here, where the handler ran. A result the codec
	 * cannot write does not undo the work: the job completes without a result, with a
	 * warning, rather than running again.
	 */
	private byte[] encodedResult(Delivery delivery, @Nullable Object result) {
		try {
			return this.acknowledger.encodeResult(result);
		}
		catch (RuntimeException ex) {
			logger.warn("Job " + delivery.id + " of type '" + delivery.type + "' in queue '" + name()
					+ "' completes without its result, which the codec cannot write ("
					+ ((result != null) ? result.getClass().getName() : "null") + "): " + ex.getMessage());
			return this.acknowledger.encodeResult(null);
		}
	}

	private void failed(String operation, RuntimeException ex) {
		long now = System.nanoTime();
		if (this.failingSince == 0 || now - this.failingSince > 60_000_000_000L) {
			this.failingSince = now;
			logger.warn("Could not " + operation + " queue '" + name() + "': " + ex.getMessage());
		}
	}

	private void cancelHeartbeat() {
		ScheduledFuture<?> task = this.heartbeat;
		if (task != null) {
			task.cancel(false);
		}
	}

	private void closeBlockingConnection() {
		RedisConnection connection = this.blockingConnection;
		this.blockingConnection = null;
		if (connection != null) {
			try {
				connection.close();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not close the blocking connection of queue '" + name() + "'", ex);
			}
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
