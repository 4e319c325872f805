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

import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.Assert;

/**
 * A job enqueued on a schedule: at every tick of a cron expression, exactly one job of
 * {@code type} with {@code payload} goes into {@code queue}, whatever the number of
 * instances.
 *
 * @param queue the queue the jobs go into
 * @param type the job type
 * @param cron the schedule, a Spring {@link CronExpression} (six fields, seconds first:
 * {@code "0 0 * * * *"} is every hour)
 * @param zone the time zone the expression is read in (with daylight saving time, a local
 * time that happens twice fires twice, one that does not happen never fires: use UTC for
 * exactly one job per tick of the clock)
 * @param payload the payload of every job, encoded with the value codec; may be
 * {@code null}
 * @author redis-utils authors
 */
public record RecurringJob(String queue, String type, String cron, ZoneId zone, @Nullable Object payload) {

	/**
	 * Create a recurring job, checking it.
	 * @param queue the queue
	 * @param type the job type
	 * @param cron the schedule
	 * @param zone the time zone
	 * @param payload the payload
	 * @throws IllegalArgumentException if the queue or type is empty or the cron
	 * expression does not parse (the message says why)
	 */
	public RecurringJob {
		Assert.hasText(queue, "'queue' must not be empty");
		Assert.hasText(type, "'type' must not be empty");
		Assert.notNull(zone, "'zone' must not be null");
		expression(cron);
	}

	/**
	 * A recurring job without a payload, in the JVM's default time zone (as Spring's
	 * {@code @Scheduled(cron = ...)}).
	 * @param queue the queue
	 * @param type the job type
	 * @param cron the schedule
	 * @return the recurring job
	 */
	public static RecurringJob of(String queue, String type, String cron) {
		return new RecurringJob(queue, type, cron, ZoneId.systemDefault(), null);
	}

	/**
	 * Return this job with a payload.
	 * @param payload the payload
	 * @return the recurring job
	 */
	public RecurringJob withPayload(@Nullable Object payload) {
		return new RecurringJob(this.queue, this.type, this.cron, this.zone, payload);
	}

	/**
	 * Return this job read in another time zone.
	 * @param zone the time zone
	 * @return the recurring job
	 */
	public RecurringJob withZone(ZoneId zone) {
		return new RecurringJob(this.queue, this.type, this.cron, zone, this.payload);
	}

	CronExpression expression() {
		return expression(this.cron);
	}

	private static CronExpression expression(String cron) {
		Assert.hasText(cron, "'cron' must not be empty");
		try {
			return CronExpression.parse(cron);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'cron' is not a cron expression (" + cron + "): " + ex.getMessage(),
					ex);
		}
	}

}
