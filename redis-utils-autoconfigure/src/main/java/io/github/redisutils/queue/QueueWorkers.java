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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.github.redisutils.core.PrimarySwitch;
import io.github.redisutils.core.PrimarySwitchListener;
import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.core.SettingProblems;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * The workers of this instance, one set per queue named at creation whose concurrency is
 * above zero. Started with the application context and only when at least one job type
 * has a handler (an instance that only enqueues must not move jobs to the dead letters
 * for want of a handler), or when the first handler is registered. Stopping is graceful:
 * no more jobs are taken, running ones get until the shutdown timeout to finish, and the
 * unfinished ones are given back to their queue without counting the attempt.
 *
 * @author redis-utils authors
 */
public final class QueueWorkers implements SmartLifecycle, PrimarySwitchListener {

	private static final Log logger = LogFactory.getLog(QueueWorkers.class);

	private final JobQueues queues;

	private final JobHandlers handlers;

	private final List<String> queueNames;

	private final Duration blockTimeout;

	private final Duration shutdownTimeout;

	private final MeterRegistry meterRegistry;

	private final List<QueueWorker> workers = new ArrayList<>();

	private @Nullable ScheduledExecutorService scheduler;

	private final RedisThreads threads;

	private volatile boolean running;

	private boolean listening;

	/**
	 * Create the workers.
	 * @param queues the queues, as created by {@link JobQueues#create}; other
	 * implementations get no workers
	 * @param handlers the handlers
	 * @param queueNames the queues to work on
	 * @param blockTimeout longest blocking wait of an idle worker, whole seconds, at
	 * least 1s; it bounds how late an idle instance notices a lost worker's jobs
	 * @param shutdownTimeout how long stopping waits for running jobs
	 * @param meterRegistry where the {@code redis.queue.*} meters go
	 */
	public QueueWorkers(JobQueues queues, JobHandlers handlers, List<String> queueNames, Duration blockTimeout,
			Duration shutdownTimeout, MeterRegistry meterRegistry) {
		this(queues, handlers, queueNames, blockTimeout, shutdownTimeout, meterRegistry, RedisThreads.platform());
	}

	/**
	 * Create the workers, taking their threads (handlers, fetchers, heartbeat) from the
	 * given source.
	 * @param queues the queues
	 * @param handlers the handlers
	 * @param queueNames the queues to work on
	 * @param blockTimeout how long a fetch blocks
	 * @param shutdownTimeout how long stopping waits for running jobs
	 * @param meterRegistry where meters go
	 * @param threads where threads come from
	 * @throws IllegalArgumentException naming every problem of {@link #problems}
	 */
	public QueueWorkers(JobQueues queues, JobHandlers handlers, List<String> queueNames, Duration blockTimeout,
			Duration shutdownTimeout, MeterRegistry meterRegistry, RedisThreads threads) {
		this.threads = threads;
		SettingProblems.throwIfAny("queue workers", problems(blockTimeout, shutdownTimeout));
		this.queues = queues;
		this.handlers = handlers;
		this.queueNames = List.copyOf(queueNames);
		this.blockTimeout = blockTimeout;
		this.shutdownTimeout = shutdownTimeout;
		this.meterRegistry = meterRegistry;
	}

	/**
	 * Return the problems of the workers' timeouts, the rules used by the constructor and
	 * by start-up validation of {@code redis.queue.*}.
	 * @param blockTimeout longest blocking wait (BLPOP) of an idle worker
	 * @param shutdownTimeout how long stopping waits for running jobs
	 * @return a problem per field name ({@code blockTimeout}, {@code shutdownTimeout}),
	 * empty when the values are acceptable
	 */
	public static Map<String, String> problems(@Nullable Duration blockTimeout, @Nullable Duration shutdownTimeout) {
		SettingProblems problems = new SettingProblems();
		if (blockTimeout == null || blockTimeout.toMillis() < 1000 || blockTimeout.toMillis() % 1000 != 0) {
			problems.add("blockTimeout",
					"must be a whole number of seconds, at least 1s (BLPOP) (was " + blockTimeout + ")");
		}
		problems.notNegative("shutdownTimeout", shutdownTimeout);
		return problems.toMap();
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		if (!this.listening) {
			this.listening = true;
			this.handlers.onRegistration(this::startWorkers);
		}
		startWorkers();
	}

	private synchronized void startWorkers() {
		if (!this.running || this.scheduler != null) {
			return;
		}
		if (this.handlers.types().isEmpty()) {
			logger.debug("No job handlers yet: queue workers start with the first one");
			return;
		}
		if (!(this.queues instanceof DefaultJobQueues queues)) {
			logger.info("Queue workers need the JobQueues created by JobQueues.create: no workers in this instance");
			return;
		}
		ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1,
				this.threads.factory("queue-heartbeat"));
		this.scheduler = scheduler;
		for (String name : this.queueNames) {
			DefaultJobQueue queue = queues.queue(name);
			if (queue.settings().concurrency() > 0) {
				QueueWorker worker = new QueueWorker(queue, queues.scripts(), queues.codec(), this.handlers,
						new QueueMetrics(this.meterRegistry, name), this.blockTimeout, scheduler, this.threads);
				worker.start();
				this.workers.add(worker);
			}
		}
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.workers.forEach(QueueWorker::beginStop);
		long deadline = System.nanoTime() + this.shutdownTimeout.toNanos();
		this.workers.forEach((worker) -> worker.awaitStop(deadline));
		this.workers.clear();
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler != null) {
			scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	/**
	 * The primary moved: every fetcher drops its blocking connection, so that it waits
	 * for jobs on the new primary rather than on the old one until its block timeout.
	 * @param primarySwitch the old and the new primary
	 */
	@Override
	public synchronized void primarySwitched(PrimarySwitch primarySwitch) {
		this.workers.forEach(QueueWorker::reconnect);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Return the jobs running in this instance, per queue with workers.
	 * @return the running jobs by queue name
	 */
	public synchronized Map<String, Integer> running() {
		Map<String, Integer> running = new LinkedHashMap<>();
		this.workers.forEach((worker) -> running.put(worker.name(), worker.running()));
		return running;
	}

	/**
	 * Stand in for this instance being killed with {@code -9}, for tests: workers stop
	 * taking jobs and heart-beating, and their running jobs are never acknowledged nor
	 * given back.
	 */
	synchronized void crash() {
		this.workers.forEach(QueueWorker::crash);
	}

}
