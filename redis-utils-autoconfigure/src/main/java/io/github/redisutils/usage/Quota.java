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

package io.github.redisutils.usage;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import io.github.redisutils.core.SettingProblems;
import org.jspecify.annotations.Nullable;

/**
 * A limit on a metric's usage per subject and period: {@code tokens} at most 100,000 a
 * day and 2,000,000 a month, say. A consumption is allowed only when it fits every
 * period's limit.
 *
 * @param name the quota's name
 * @param metric the metric it limits
 * @param limits the most usage per period, in the metric's amounts (decimals allowed up
 * to the metric's scale)
 * @author redis-utils authors
 */
public record Quota(String name, String metric, Map<UsagePeriod, BigDecimal> limits) {

	/**
	 * Validate the quota.
	 * @param name the quota's name
	 * @param metric the metric it limits
	 * @param limits the most usage per period
	 * @throws IllegalArgumentException naming each problem
	 */
	public Quota {
		SettingProblems.throwIfAny("quota '" + name + "'", problems(name, metric, limits, null));
		limits = Collections.unmodifiableMap(new EnumMap<>(limits));
	}

	/**
	 * What is wrong with a quota, by field.
	 * @param name the quota's name
	 * @param metric the metric it limits
	 * @param limits the most usage per period
	 * @param periods the periods counted, or {@code null} when not known yet
	 * @return the problems, empty when there are none
	 */
	public static Map<String, String> problems(@Nullable String name, @Nullable String metric,
			@Nullable Map<UsagePeriod, BigDecimal> limits, @Nullable Collection<UsagePeriod> periods) {
		SettingProblems problems = new SettingProblems().hasText("name", name).hasText("metric", metric);
		if (limits == null || limits.isEmpty()) {
			problems.add("limits", "must set at least one period's limit (hour, day or month)");
		}
		else {
			limits.forEach((period, limit) -> {
				if (limit == null || limit.signum() <= 0) {
					problems.add("limits." + period.key(), "must be positive (was " + limit + ")");
				}
				else if (periods != null && !periods.contains(period)) {
					problems.add("limits." + period.key(),
							"limits a period that is not counted (redis.usage.retention names " + periods + ")");
				}
			});
		}
		return problems.toMap();
	}

}
