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

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.redisutils.core.SettingProblems;
import org.jspecify.annotations.Nullable;

/**
 * How usage is counted: the periods and how long each is kept, the time zone periods
 * follow, the decimal places of each metric, the top sets, and the quotas.
 *
 * @param zone the time zone calendar periods follow
 * @param retention the periods counted, each with how long it is kept after it ends
 * @param scales decimal places per metric: a metric with scale 6 counts micro-units, so
 * {@code 0.000001} is one unit; metrics not named count whole units
 * @param top whether the subjects with the highest usage are tracked per metric and
 * period
 * @param topMaxSubjects most subjects a top set keeps (the lowest are dropped beyond it)
 * @param quotas the quotas {@link UsageTracker#tryConsume} checks, by name
 * @author redis-utils authors
 */
public record UsageOptions(ZoneId zone, Map<UsagePeriod, Duration> retention, Map<String, Integer> scales, boolean top,
		int topMaxSubjects, Map<String, Quota> quotas) {

	/**
	 * Most decimal places a metric may count.
	 */
	public static final int MAX_SCALE = 9;

	/**
	 * Most subjects a top set may keep.
	 */
	public static final int MAX_TOP_SUBJECTS = 1_000_000;

	/**
	 * Validate the options.
	 * @param zone the time zone
	 * @param retention the periods and their retention
	 * @param scales decimal places per metric
	 * @param top whether top sets are kept
	 * @param topMaxSubjects most subjects a top set keeps
	 * @param quotas the quotas by name
	 * @throws IllegalArgumentException naming each problem
	 */
	public UsageOptions {
		SettingProblems.throwIfAny("usage options", problems(zone, retention, scales, topMaxSubjects, quotas));
		retention = Collections.unmodifiableMap(new EnumMap<>(retention));
		scales = Map.copyOf(scales);
		quotas = Collections.unmodifiableMap(new LinkedHashMap<>(quotas));
	}

	/**
	 * Hours kept 2 days, days 90 days, months 2 years, in UTC, whole units, top sets of
	 * up to 10,000 subjects, no quotas.
	 * @return the defaults
	 */
	public static UsageOptions defaults() {
		return new UsageOptions(ZoneOffset.UTC, defaultRetention(), Map.of(), true, 10_000, Map.of());
	}

	/**
	 * How long each period is kept by default.
	 * @return the retention per period
	 */
	public static Map<UsagePeriod, Duration> defaultRetention() {
		Map<UsagePeriod, Duration> retention = new EnumMap<>(UsagePeriod.class);
		retention.put(UsagePeriod.HOUR, Duration.ofDays(2));
		retention.put(UsagePeriod.DAY, Duration.ofDays(90));
		retention.put(UsagePeriod.MONTH, Duration.ofDays(731));
		return retention;
	}

	/**
	 * The decimal places a metric counts.
	 * @param metric the metric
	 * @return its scale, 0 when it names none
	 */
	public int scale(String metric) {
		return this.scales.getOrDefault(metric, 0);
	}

	/**
	 * The periods counted, shortest first.
	 * @return the periods
	 */
	public List<UsagePeriod> periods() {
		return List.copyOf(this.retention.keySet());
	}

	/**
	 * What is wrong with a set of options, by field: one rule for the properties and for
	 * this record.
	 * @param zone the time zone
	 * @param retention the periods and their retention
	 * @param scales decimal places per metric
	 * @param topMaxSubjects most subjects a top set keeps
	 * @param quotas the quotas by name
	 * @return the problems, empty when there are none
	 */
	public static Map<String, String> problems(@Nullable ZoneId zone, @Nullable Map<UsagePeriod, Duration> retention,
			@Nullable Map<String, Integer> scales, int topMaxSubjects, @Nullable Map<String, Quota> quotas) {
		SettingProblems problems = new SettingProblems();
		if (zone == null) {
			problems.add("zone", "must be set");
		}
		if (retention == null || retention.isEmpty()) {
			problems.add("retention", "must name at least one period (hour, day or month)");
		}
		else {
			retention.forEach((period, kept) -> problems.positive("retention." + period.key(), kept));
		}
		if (scales != null) {
			scales.forEach((metric, scale) -> {
				if (scale == null || scale < 0 || scale > MAX_SCALE) {
					problems.add("metrics." + metric + ".scale",
							"must be from 0 to " + MAX_SCALE + " decimal places (was " + scale + ")");
				}
			});
		}
		if (topMaxSubjects < 1 || topMaxSubjects > MAX_TOP_SUBJECTS) {
			problems.add("top.max-subjects", "must be from 1 to " + MAX_TOP_SUBJECTS + " (was " + topMaxSubjects + ")");
		}
		if (quotas != null && retention != null) {
			quotas.forEach((name, quota) -> Quota.problems(name, quota.metric(), quota.limits(), retention.keySet())
				.forEach((field, problem) -> problems.add("quotas." + name + "." + field, problem)));
		}
		return problems.toMap();
	}

}
