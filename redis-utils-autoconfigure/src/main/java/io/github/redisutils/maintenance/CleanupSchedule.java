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

package io.github.redisutils.maintenance;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.lock.LockHandle;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.Assert;

/**
 * Runs a {@link RedisCleanup} on a schedule (a fixed interval or a cron expression, in
 * UTC), on one application instance at a time: each run holds the distributed lock
 * {@value #LOCK_NAME}, tried without waiting, so an instance that finds it held skips its
 * turn. The lock is extended after each batch and, after the run, held until half the
 * time to the next run has passed, so instances whose ticks fall together run the cleanup
 * once. A failed run is logged and the schedule goes on.
 *
 * @author redis-utils authors
 */
public final class CleanupSchedule implements SmartLifecycle {

	/**
	 * The name of the lock a scheduled cleanup holds.
	 */
	public static final String LOCK_NAME = "redis-utils-maintenance-cleanup";

	private static final Log logger = LogFactory.getLog(CleanupSchedule.class);

	private final RedisCleanup cleanup;

	private final DistributedLocks locks;

	private final @Nullable Duration interval;

	private final @Nullable CronExpression cron;

	private final Duration lease;

	private final boolean dryRun;

	private final RedisThreads threads;

	private volatile @Nullable ScheduledExecutorService scheduler;

	/**
	 * Create a schedule.
	 * @param cleanup the cleanup to run
	 * @param locks the locks the runs hold {@value #LOCK_NAME} of
	 * @param interval the time between runs, or {@code null} when a cron expression is
	 * given
	 * @param cron a cron expression (six fields, UTC), or {@code null} for the interval
	 * @param lease the lease of the lock, extended after each batch: longer than one
	 * batch and its pause
	 * @param dryRun whether scheduled runs are dry runs
	 * @param threads where the schedule's thread comes from
	 */
	public CleanupSchedule(RedisCleanup cleanup, DistributedLocks locks, @Nullable Duration interval,
			@Nullable String cron, Duration lease, boolean dryRun, RedisThreads threads) {
		Assert.notNull(cleanup, "'cleanup' must not be null");
		Assert.notNull(locks, "'locks' must not be null");
		Assert.isTrue((interval != null) != (cron != null), "exactly one of 'interval' and 'cron' must be given");
		Assert.isTrue(interval == null || (!interval.isNegative() && !interval.isZero()),
				"'interval' must be positive");
		Assert.isTrue(!lease.isNegative() && !lease.isZero(), "'lease' must be positive");
		this.cleanup = cleanup;
		this.locks = locks;
		this.interval = interval;
		this.cron = (cron != null) ? CronExpression.parse(cron) : null;
		this.lease = lease;
		this.dryRun = dryRun;
		this.threads = threads;
	}

	/**
	 * Run the cleanup now if no other instance runs it: what each tick does.
	 * @return the report, or empty when another instance held the lock
	 */
	public Optional<CleanupReport> runOnce() {
		Optional<LockHandle> acquired = this.locks.tryAcquire(LOCK_NAME, Duration.ZERO, this.lease);
		if (acquired.isEmpty()) {
			logger.debug("Scheduled cleanup skipped: another instance runs it");
			return Optional.empty();
		}
		LockHandle handle = acquired.get();
		try {
			CleanupReport report = (this.cleanup instanceof DefaultRedisCleanup paced)
					? paced.cleanup(this.dryRun, () -> handle.extend(this.lease)) : this.cleanup.cleanup(this.dryRun);
			return Optional.of(report);
		}
		finally {
			try {
				handle.release(hold());
			}
			catch (RuntimeException ex) {
				logger.debug("Scheduled cleanup: releasing its lock failed (it expires with its lease)", ex);
			}
		}
	}

	private Duration hold() {
		Duration gap = this.interval;
		if (gap == null) {
			CronExpression expression = this.cron;
			Assert.state(expression != null, "no schedule");
			ZonedDateTime next = expression.next(ZonedDateTime.now(ZoneOffset.UTC));
			ZonedDateTime after = (next != null) ? expression.next(next) : null;
			gap = (next != null && after != null) ? Duration.between(next, after) : Duration.ZERO;
		}
		return gap.dividedBy(2);
	}

	private void tick() {
		try {
			runOnce();
		}
		catch (RuntimeException ex) {
			logger.warn("Scheduled cleanup failed: " + ex.getMessage());
		}
		finally {
			scheduleNext();
		}
	}

	private void scheduleNext() {
		ScheduledExecutorService executor = this.scheduler;
		if (executor == null || executor.isShutdown()) {
			return;
		}
		long delay;
		if (this.interval != null) {
			delay = this.interval.toMillis();
		}
		else {
			CronExpression expression = this.cron;
			Assert.state(expression != null, "no schedule");
			ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
			ZonedDateTime next = expression.next(now);
			if (next == null) {
				return;
			}
			delay = Math.max(0, Duration.between(now, next).toMillis());
		}
		try {
			executor.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			// stopped meanwhile
		}
	}

	@Override
	public void start() {
		if (this.scheduler != null) {
			return;
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor(this.threads.factory(RedisBackup.FEATURE));
		scheduleNext();
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		this.scheduler = null;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
