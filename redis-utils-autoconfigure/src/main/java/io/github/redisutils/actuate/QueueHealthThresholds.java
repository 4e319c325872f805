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
import java.util.Map;

import io.github.redisutils.core.SettingProblems;
import org.jspecify.annotations.Nullable;

/**
 * When the {@code queue} health child warns and when it reports DOWN. Warnings never
 * change the status; DOWN happens only for the thresholds the user set.
 *
 * @param deadWarning dead jobs in a queue from which a warning is reported
 * @param deadDown dead jobs in a queue from which the child is DOWN, {@code null} for
 * never
 * @param waitingAgeWarning age of a queue's oldest waiting job from which a warning is
 * reported
 * @param waitingAgeDown age of a queue's oldest waiting job from which the child is DOWN,
 * {@code null} for never
 * @author redis-utils authors
 */
public record QueueHealthThresholds(long deadWarning, @Nullable Long deadDown, Duration waitingAgeWarning,
		@Nullable Duration waitingAgeDown) {

	/**
	 * The defaults: a warning from one dead job or a job waiting five minutes, never
	 * DOWN.
	 */
	public static final QueueHealthThresholds DEFAULTS = new QueueHealthThresholds(1, null, Duration.ofMinutes(5),
			null);

	/**
	 * Create thresholds, checking them.
	 * @param deadWarning dead jobs from which a warning is reported
	 * @param deadDown dead jobs from which the child is DOWN, or {@code null}
	 * @param waitingAgeWarning waiting age from which a warning is reported
	 * @param waitingAgeDown waiting age from which the child is DOWN, or {@code null}
	 * @throws IllegalArgumentException naming every problem of {@link #problems}
	 */
	public QueueHealthThresholds {
		SettingProblems.throwIfAny("queue health thresholds",
				problems(deadWarning, deadDown, waitingAgeWarning, waitingAgeDown));
	}

	/**
	 * Return the problems of queue health thresholds, the rules used by the constructor
	 * and by start-up validation of {@code redis.queue.health.*}.
	 * @param deadWarning dead jobs from which a warning is reported
	 * @param deadDown dead jobs from which the child is DOWN, or {@code null} for never
	 * @param waitingAgeWarning waiting age from which a warning is reported
	 * @param waitingAgeDown waiting age from which the child is DOWN, or {@code null} for
	 * never
	 * @return a problem per field name, empty when the values are acceptable
	 */
	public static Map<String, String> problems(long deadWarning, @Nullable Long deadDown,
			@Nullable Duration waitingAgeWarning, @Nullable Duration waitingAgeDown) {
		SettingProblems problems = new SettingProblems().atLeast("deadWarning", deadWarning, 1)
			.positive("waitingAgeWarning", waitingAgeWarning);
		if (deadDown != null) {
			problems.atLeast("deadDown", deadDown, 1);
		}
		if (waitingAgeDown != null) {
			problems.positive("waitingAgeDown", waitingAgeDown);
		}
		return problems.toMap();
	}

}
