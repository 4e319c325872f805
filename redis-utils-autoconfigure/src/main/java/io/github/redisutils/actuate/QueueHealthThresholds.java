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

}
