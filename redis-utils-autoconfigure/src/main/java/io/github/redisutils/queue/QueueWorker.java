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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.core.RedisReplies;
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
 *
 * @author redis-utils authors
 */
final class QueueWorker {

	private static final Log logger = LogFactory.getLog(QueueWorker.class);

	private static final int PROMOTION_BATCH = 100;

	private static final int MAX_ERROR_LENGTH = 4000;

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
		long period = Math.max(100, this.settings.visibilityTimeout().toMillis() / 3);
		this.heartbeat = this.scheduler.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
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
				giveBack(delivery);
			}
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
			Take take;
			try {
				take = take(wanted);
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

	private Take take(int wanted) {
		String token = UUID.randomUUID().toString();
		List<?> result = this.scripts.run(QueueScripts.TAKE, this.queue.keys(), wanted,
				this.settings.visibilityTimeout().toMillis(), token, PROMOTION_BATCH,
				this.settings.deadRetention().toMillis(), this.settings.deadCount());
		String key = this.queue.keys().waiting();
		List<?> reply = RedisReplies.list(result, 4, key, "reply");
		long died = number(reply, 2, key);
		if (died > 0) {
			this.metrics.dead(died);
		}
		int taken = (int) number(reply, 3, key);
		RedisReplies.list(reply, 4 + taken * 9, key, "reply");
		List<Delivery> deliveries = new ArrayList<>(taken);
		for (int i = 0; i < taken; i++) {
			int at = 4 + i * 9;
			byte[] payload = (reply.get(at + 2) instanceof byte[] bytes) ? bytes : new byte[0];
			long initial = number(reply, at + 6, key);
			Backoff backoff = new Backoff(Duration.ofMillis(initial),
					Duration.ofMillis(Math.max(initial, number(reply, at + 7, key))));
			deliveries.add(new Delivery(RedisReplies.string(reply.get(at), key, RedisReplies.element(at)),
					RedisReplies.string(reply.get(at + 1), key, RedisReplies.element(at + 1)), payload, token,
					(int) number(reply, at + 3, key), (int) number(reply, at + 4, key), number(reply, at + 5, key),
					backoff, Instant.ofEpochMilli(number(reply, at + 8, key))));
		}
		return new Take(deliveries, number(reply, 0, key));
	}

	private static long number(List<?> reply, int index, String key) {
		return RedisReplies.number(reply.get(index), key, RedisReplies.element(index));
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
					handler.processor()
						.process(payload, new JobContext(delivery.id, name(), delivery.type, delivery.attempt,
								delivery.maxAttempts, delivery.enqueuedAt));
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
				if (!this.crashed && !delivery.givenBack()) {
					acknowledge(delivery, error, deadReason, timedOut);
				}
			}
			finally {
				this.inFlight.remove(delivery.id);
				this.permits.release();
			}
		}
	}

	private void acknowledge(Delivery delivery, @Nullable Throwable error, @Nullable String deadReason,
			boolean timedOut) {
		try {
			if (deadReason == null && error == null) {
				Long done = this.scripts.run(QueueScripts.COMPLETE, this.queue.keys(), delivery.id, delivery.token,
						this.settings.completedRetention().toMillis(), this.settings.completedCount());
				if (done != null && done == 1L) {
					this.metrics.completed();
				}
				else {
					notOwned(delivery, "completed");
				}
				return;
			}
			String reason = (deadReason != null) ? deadReason
					: (timedOut ? "Timed out after " + delivery.timeoutMillis + " ms" : describe(error));
			long delay = delivery.backoff.delayAfter(delivery.attempt).toMillis();
			Long outcome = this.scripts.run(QueueScripts.FAIL, this.queue.keys(), delivery.id, delivery.token,
					truncate(reason), delay, (deadReason != null) ? 1 : 0, this.settings.deadRetention().toMillis(),
					this.settings.deadCount());
			if (outcome == null || outcome == 0L) {
				notOwned(delivery, "failed");
				return;
			}
			this.metrics.failed(outcome == 1L);
			if (outcome == 2L) {
				this.metrics.dead(1);
				logger.warn("Job " + delivery.id + " of type '" + delivery.type + "' in queue '" + name()
						+ "' moved to the dead letters: " + reason);
			}
		}
		catch (RuntimeException ex) {
			// The job stays active: it comes back after its visibility deadline.
			logger.warn("Could not acknowledge job " + delivery.id + " of queue '" + name()
					+ "'; it will run again after its visibility deadline: " + ex.getMessage());
		}
	}

	private void notOwned(Delivery delivery, String outcome) {
		logger.warn("Job " + delivery.id + " of queue '" + name() + "' " + outcome
				+ " after this worker lost it (visibility deadline passed, cancelled or cleared); "
				+ "the outcome is ignored");
	}

	private void giveBack(Delivery delivery) {
		delivery.giveBack();
		try {
			this.scripts.run(QueueScripts.GIVE_BACK, this.queue.keys(), delivery.id, delivery.token);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not give job " + delivery.id + " back to queue '" + name()
					+ "'; it will run again after its visibility deadline: " + ex.getMessage());
		}
	}

	private void beat() {
		if (this.inFlight.isEmpty()) {
			return;
		}
		List<Delivery> deliveries = List.copyOf(this.inFlight.values());
		Object[] args = new Object[1 + deliveries.size() * 2];
		args[0] = this.settings.visibilityTimeout().toMillis();
		for (int i = 0; i < deliveries.size(); i++) {
			args[1 + 2 * i] = deliveries.get(i).id;
			args[2 + 2 * i] = deliveries.get(i).token;
		}
		try {
			List<?> extended = this.scripts.run(QueueScripts.EXTEND, this.queue.keys(), args);
			for (int i = 0; extended != null && i < extended.size(); i++) {
				if (RedisReplies.number(extended.get(i), this.queue.keys().waiting(), RedisReplies.element(i)) == 0L
						&& this.inFlight.containsKey(deliveries.get(i).id)) {
					logger.warn("Job " + deliveries.get(i).id + " of queue '" + name()
							+ "' is no longer held by this worker: its visibility deadline passed before a heartbeat");
				}
			}
		}
		catch (RuntimeException ex) {
			failed("extend the running jobs of", ex);
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

	private static String describe(@Nullable Throwable error) {
		if (error == null) {
			return "unknown error";
		}
		StringWriter trace = new StringWriter();
		error.printStackTrace(new PrintWriter(trace));
		return trace.toString();
	}

	private static String truncate(String text) {
		return (text.length() <= MAX_ERROR_LENGTH) ? text : text.substring(0, MAX_ERROR_LENGTH) + "...";
	}

	private record Take(List<Delivery> deliveries, long nextDueMillis) {

	}

}
