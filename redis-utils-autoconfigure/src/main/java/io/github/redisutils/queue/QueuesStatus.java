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

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of the configured queues, for health reporting: each queue's sizes and the
 * jobs running in this instance.
 *
 * @param queues the queues, in configuration order
 * @author redis-utils authors
 */
public record QueuesStatus(List<QueueStatus> queues) {

	/**
	 * Check and copy.
	 * @param queues the queues
	 */
	public QueuesStatus {
		queues = List.copyOf(queues);
	}

	/**
	 * Read the state of queues, one stats script per queue.
	 * @param jobQueues the queues
	 * @param names the configured queue names
	 * @param workers the workers of this instance, if any
	 * @return the snapshot
	 * @throws io.github.redisutils.core.RedisUtilsException if Redis cannot be read
	 */
	public static QueuesStatus of(JobQueues jobQueues, Collection<String> names, @Nullable QueueWorkers workers) {
		Map<String, Integer> running = (workers != null) ? workers.running() : Map.of();
		Map<String, QueueStatus> queues = new LinkedHashMap<>();
		for (String name : names) {
			queues.put(name, new QueueStatus(name, jobQueues.queue(name).sizes(), running.get(name)));
		}
		return new QueuesStatus(List.copyOf(queues.values()));
	}

	/**
	 * One queue's state.
	 *
	 * @param name the queue
	 * @param sizes its sizes per state
	 * @param runningHere jobs of it running in this instance, {@code null} when this
	 * instance has no workers for it
	 */
	public record QueueStatus(String name, QueueSizes sizes, @Nullable Integer runningHere) {

	}

}
