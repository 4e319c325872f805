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

import java.util.Map;

/**
 * The recurring jobs of an application: at every tick of a schedule exactly one job is
 * enqueued, across any number of instances, by the Redis server's clock. Schedules are
 * registered by name in every instance that should keep them running (configured ones
 * under {@code redis.queue.schedules.<name>.*} are registered at start-up); while at
 * least one such instance runs, no tick is lost.
 * <p>
 * Each schedule remembers in Redis the last tick that fired. A schedule seen for the
 * first time starts then: earlier ticks never fire. Ticks missed while no instance ran
 * (or Redis was unreachable) fire <em>once</em> together when an instance checks again:
 * one job, for the latest missed tick, enqueued at once rather than at the missed time.
 * Each job carries the unique key {@code schedule:<name>@<tick in epoch ms>}, which names
 * the tick; it does not keep two ticks' jobs from running at the same time.
 * <p>
 * Ticks are those of Spring's {@code CronExpression} in the schedule's zone: in a zone
 * with daylight saving time, a local time that happens twice (autumn) fires twice and one
 * that does not happen (spring) not at all, as with {@code @Scheduled}. Use UTC, or a
 * time outside the change hours, for exactly one job a day; give every instance the same
 * zone.
 *
 * @author redis-utils authors
 */
public interface RecurringJobs {

	/**
	 * Register a schedule, or replace the one registered under the same name here. Other
	 * instances keep their own registrations; the last tick fired is shared by name.
	 * @param name the schedule's name, unique within its queue
	 * @param job what to enqueue, where and when
	 * @throws IllegalArgumentException if the name is empty
	 * @throws io.github.redisutils.core.codec.ValueEncodingException if the codec cannot
	 * write the payload
	 */
	void register(String name, RecurringJob job);

	/**
	 * Stop keeping a schedule here; other instances that registered it go on firing it.
	 * @param name the schedule's name
	 * @return whether it was registered here
	 */
	boolean unregister(String name);

	/**
	 * Return the schedules registered here, by name.
	 * @return the schedules
	 */
	Map<String, RecurringJob> registered();

}
