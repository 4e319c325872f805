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
package io.github.redisutils.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.redisutils.queue.QueueSizes;
import io.github.redisutils.queue.QueuesStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code queue} child of the {@code redis} health contributor: per configured queue,
 * its sizes, the age of its oldest waiting job and the jobs running in this instance.
 * <p>
 * Dead jobs and stale queues are business conditions, not the instance's health: past the
 * warning thresholds the child stays UP and says so in a {@code warning} detail; it turns
 * DOWN only past a DOWN threshold the user set ({@code redis.queue.health.dead-down},
 * {@code redis.queue.health.waiting-age-down}). UNKNOWN when Redis cannot be read (the
 * {@code connection} child says why).
 *
 * @author redis-utils authors
 */
public class QueuesHealthIndicator implements HealthIndicator {

	private final Supplier<QueuesStatus> status;

	private final QueueHealthThresholds thresholds;

	/**
	 * Create an indicator.
	 * @param status reads the queues' state, for example
	 * {@code () -> QueuesStatus.of(jobQueues, names, workers)}
	 * @param thresholds when to warn and when to report DOWN
	 */
	public QueuesHealthIndicator(Supplier<QueuesStatus> status, QueueHealthThresholds thresholds) {
		this.status = status;
		this.thresholds = thresholds;
	}

	@Override
	public Health health() {
		QueuesStatus status;
		try {
			status = this.status.get();
		}
		catch (RuntimeException ex) {
			return Health.unknown().withDetail("error", HealthErrors.describe(ex)).build();
		}
		Map<String, Object> queues = new LinkedHashMap<>();
		List<String> warnings = new ArrayList<>();
		boolean down = false;
		for (QueuesStatus.QueueStatus queue : status.queues()) {
			queues.put(queue.name(), details(queue));
			down |= check(queue.name() + ": " + queue.sizes().dead() + " dead jobs", queue.sizes().dead(),
					this.thresholds.deadWarning(), this.thresholds.deadDown(), warnings);
			Duration age = queue.sizes().oldestWaitingAge();
			if (age != null) {
				down |= check(queue.name() + ": oldest waiting job ready for " + age, age,
						this.thresholds.waitingAgeWarning(), this.thresholds.waitingAgeDown(), warnings);
			}
		}
		Health.Builder builder = down ? Health.down() : Health.up();
		builder.withDetail("queues", queues);
		if (!warnings.isEmpty()) {
			builder.withDetail("warning", String.join("; ", warnings));
		}
		return builder.build();
	}

	private static Map<String, Object> details(QueuesStatus.QueueStatus queue) {
		QueueSizes sizes = queue.sizes();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("waiting", sizes.waiting());
		details.put("delayed", sizes.delayed());
		details.put("active", sizes.active());
		details.put("dead", sizes.dead());
		details.put("completed", sizes.completed());
		if (sizes.oldestWaitingAge() != null) {
			details.put("oldestWaitingAge", sizes.oldestWaitingAge().toString());
		}
		if (queue.runningHere() != null) {
			details.put("runningHere", queue.runningHere());
		}
		return details;
	}

	/**
	 * Add a warning when {@code value} reaches a threshold; return whether it reaches the
	 * DOWN one.
	 */
	private static <T extends Comparable<? super T>> boolean check(String warning, T value, T warnFrom,
			@Nullable T downFrom, List<String> warnings) {
		boolean down = downFrom != null && value.compareTo(downFrom) >= 0;
		if (down || value.compareTo(warnFrom) >= 0) {
			warnings.add(warning);
		}
		return down;
	}

}
