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
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.redisutils.core.RateLimitedLog;
import io.github.redisutils.core.RedisServerClock;
import io.github.redisutils.core.RedisThreads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.Assert;

/**
 * The default {@link RecurringJobs}: one thread per instance sleeps until the next tick
 * of any registered schedule (by the Redis server's clock), then fires the due ones, each
 * in one script that enqueues the tick's job only if no instance did already (a
 * compare-and-set of the schedule's last tick, in the queue's hash slot, atomic with the
 * enqueue). It checks again at least every 10 seconds, so a tick fired elsewhere, a clock
 * step or a Redis outage is caught up within that time. Counts
 * {@code redis.queue.schedule.fired} per queue and schedule.
 *
 * @author redis-utils authors
 */
public final class RecurringJobScheduler implements RecurringJobs, SmartLifecycle {

	private static final RateLimitedLog log = new RateLimitedLog(LogFactory.getLog(RecurringJobScheduler.class),
			Duration.ofMinutes(1));

	private static final long MAX_SLEEP_MILLIS = 10_000;

	/** Bounds the walk to the latest missed tick of a very frequent schedule. */
	private static final int MAX_STEPS = 1_000_000;

	private final JobQueues queues;

	private final RedisServerClock clock;

	private final MeterRegistry meterRegistry;

	private final RedisThreads threads;

	private final ConcurrentHashMap<String, Schedule> schedules = new ConcurrentHashMap<>();

	private final Object wakeUp = new Object();

	private boolean woken;

	private volatile boolean running;

	private @Nullable Thread thread;

	/**
	 * Create a scheduler.
	 * @param queues the queues jobs go into (the library's own {@link JobQueues})
	 * @param clock the Redis server's clock
	 * @param meterRegistry where the fired counter goes
	 * @param threads where the scheduling thread comes from
	 */
	public RecurringJobScheduler(JobQueues queues, RedisServerClock clock, MeterRegistry meterRegistry,
			RedisThreads threads) {
		this.queues = queues;
		this.clock = clock;
		this.meterRegistry = meterRegistry;
		this.threads = threads;
	}

	@Override
	public void register(String name, RecurringJob job) {
		Assert.hasText(name, "'name' must not be empty");
		// A payload the codec cannot write fails here, not at every tick.
		queue(job.queue()).codec().encode(job.payload());
		Counter fired = Counter.builder("redis.queue.schedule.fired")
			.description("Jobs enqueued by a recurring schedule, one per tick across all instances")
			.tag("queue", job.queue())
			.tag("schedule", name)
			.register(this.meterRegistry);
		this.schedules.put(name, new Schedule(job, job.expression(), fired));
		wake();
	}

	@Override
	public boolean unregister(String name) {
		return this.schedules.remove(name) != null;
	}

	@Override
	public Map<String, RecurringJob> registered() {
		Map<String, RecurringJob> registered = new LinkedHashMap<>();
		this.schedules.forEach((name, schedule) -> registered.put(name, schedule.job));
		return registered;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.thread = this.threads.start("queue-schedules", this::loop);
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		Thread current = this.thread;
		if (current != null) {
			current.interrupt();
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void wake() {
		synchronized (this.wakeUp) {
			this.woken = true;
			this.wakeUp.notifyAll();
		}
	}

	private void loop() {
		while (this.running) {
			long sleep;
			try {
				sleep = fireDue();
			}
			catch (RuntimeException ex) {
				log.warn(() -> "Could not fire recurring jobs; trying again in 1 s: " + ex.getMessage(), null);
				sleep = 1000;
			}
			synchronized (this.wakeUp) {
				try {
					if (!this.woken && this.running) {
						this.wakeUp.wait(Math.max(5, sleep));
					}
				}
				catch (InterruptedException ex) {
					return;
				}
				this.woken = false;
			}
		}
	}

	/**
	 * Fire every due schedule.
	 * @return milliseconds until the next tick of any schedule, at most 10 s
	 */
	long fireDue() {
		long soonest = MAX_SLEEP_MILLIS;
		if (this.schedules.isEmpty()) {
			return soonest;
		}
		Instant now = this.clock.now();
		for (Map.Entry<String, Schedule> entry : this.schedules.entrySet()) {
			if (!this.running) {
				break;
			}
			try {
				soonest = Math.min(soonest, fire(entry.getKey(), entry.getValue(), now));
			}
			catch (RuntimeException ex) {
				// One schedule's failure (its queue's node down, an ACL refusal) holds
				// back no other: it is tried again within a second.
				log.warn(() -> "Could not fire recurring job '" + entry.getKey() + "'; trying again in 1 s: "
						+ ex.getMessage(), null);
				soonest = Math.min(soonest, 1000);
			}
		}
		return soonest;
	}

	private long fire(String name, Schedule schedule, Instant now) {
		DefaultJobQueue queue = queue(schedule.job.queue());
		if (schedule.last == null) {
			schedule.last = queue.fireSchedule(name, null, null, schedule.job).last();
		}
		ZonedDateTime next = next(schedule, schedule.last);
		if (next != null && !next.toInstant().isAfter(now)) {
			ZonedDateTime due = latestDue(schedule.expression, next, now);
			DefaultJobQueue.ScheduleTick tick = queue.fireSchedule(name, schedule.last, due.toInstant().toEpochMilli(),
					schedule.job);
			schedule.last = tick.last();
			if (tick.outcome() == 1) {
				schedule.fired.increment();
			}
			else if (tick.outcome() < 0) {
				// The queue's server is behind the clock read: try again very soon.
				return 20;
			}
			next = next(schedule, schedule.last);
		}
		return (next != null) ? Math.max(1, next.toInstant().toEpochMilli() - now.toEpochMilli()) : MAX_SLEEP_MILLIS;
	}

	private static @Nullable ZonedDateTime next(Schedule schedule, long lastMillis) {
		return schedule.expression.next(Instant.ofEpochMilli(lastMillis).atZone(schedule.job.zone()));
	}

	/**
	 * The latest tick not after {@code now}, from a due one: the one job that stands for
	 * every missed tick.
	 */
	private static ZonedDateTime latestDue(CronExpression expression, ZonedDateTime due, Instant now) {
		ZonedDateTime latest = due;
		for (int step = 0; step < MAX_STEPS; step++) {
			ZonedDateTime following = expression.next(latest);
			if (following == null || following.toInstant().isAfter(now)) {
				break;
			}
			latest = following;
		}
		return latest;
	}

	private DefaultJobQueue queue(String name) {
		if (this.queues.queue(name) instanceof DefaultJobQueue queue) {
			return queue;
		}
		throw new IllegalStateException(
				"Recurring jobs need the library's own JobQueues, not " + this.queues.getClass().getName());
	}

	/**
	 * One registered schedule and the last tick this instance knows fired.
	 */
	private static final class Schedule {

		private final RecurringJob job;

		private final CronExpression expression;

		private final Counter fired;

		private @Nullable Long last;

		private Schedule(RecurringJob job, CronExpression expression, Counter fired) {
			this.job = job;
			this.expression = expression;
			this.fired = fired;
		}

	}

}
