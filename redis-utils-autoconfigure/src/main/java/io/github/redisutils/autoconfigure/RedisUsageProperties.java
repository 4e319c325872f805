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

package io.github.redisutils.autoconfigure;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.redisutils.usage.Quota;
import io.github.redisutils.usage.UsageOptions;
import io.github.redisutils.usage.UsagePeriod;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of usage tracking and quotas, under {@code redis.usage.*}.
 * They validate themselves when bound: a bad value fails start-up naming the property.
 *
 * @author redis-utils authors
 */
@ConfigurationProperties("redis.usage")
public class RedisUsageProperties implements Validator {

	/**
	 * Whether the UsageTracker bean (usage counters per subject, metric and period, and
	 * quotas) is created.
	 */
	private boolean enabled = true;

	/**
	 * Time zone calendar hours, days and months follow.
	 */
	private ZoneId zone = ZoneOffset.UTC;

	/**
	 * Periods usage is counted in: hour, day, month.
	 */
	private List<UsagePeriod> periods = new ArrayList<>(List.of(UsagePeriod.HOUR, UsagePeriod.DAY, UsagePeriod.MONTH));

	/**
	 * How long each period's counters are kept after the period ends, by period (hour,
	 * day, month).
	 */
	private Map<UsagePeriod, Duration> retention = new EnumMap<>(UsageOptions.defaultRetention());

	/**
	 * Decimal places per metric: a metric with scale 6 counts micro-units. Metrics not
	 * named count whole units.
	 */
	private Map<String, Metric> metrics = new LinkedHashMap<>();

	/**
	 * Quotas by name, each limiting one metric per period.
	 */
	private Map<String, QuotaLimits> quotas = new LinkedHashMap<>();

	private final Top top = new Top();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public ZoneId getZone() {
		return this.zone;
	}

	public void setZone(ZoneId zone) {
		this.zone = zone;
	}

	public List<UsagePeriod> getPeriods() {
		return this.periods;
	}

	public void setPeriods(List<UsagePeriod> periods) {
		this.periods = periods;
	}

	public Map<UsagePeriod, Duration> getRetention() {
		return this.retention;
	}

	public void setRetention(Map<UsagePeriod, Duration> retention) {
		this.retention = retention;
	}

	public Map<String, Metric> getMetrics() {
		return this.metrics;
	}

	public void setMetrics(Map<String, Metric> metrics) {
		this.metrics = metrics;
	}

	public Map<String, QuotaLimits> getQuotas() {
		return this.quotas;
	}

	public void setQuotas(Map<String, QuotaLimits> quotas) {
		this.quotas = quotas;
	}

	public Top getTop() {
		return this.top;
	}

	/**
	 * The options these properties describe.
	 * @return the options
	 */
	public UsageOptions toOptions() {
		return new UsageOptions(this.zone, countedRetention(), scales(), this.top.enabled, this.top.maxSubjects,
				quotaMap());
	}

	private Map<UsagePeriod, Duration> countedRetention() {
		Map<UsagePeriod, Duration> counted = new EnumMap<>(UsagePeriod.class);
		for (UsagePeriod period : this.periods) {
			counted.put(period, this.retention.get(period));
		}
		return counted;
	}

	private Map<String, Integer> scales() {
		Map<String, Integer> scales = new LinkedHashMap<>();
		this.metrics.forEach((name, metric) -> scales.put(name, metric.scale));
		return scales;
	}

	private Map<String, Quota> quotaMap() {
		Map<String, Quota> quotas = new LinkedHashMap<>();
		this.quotas.forEach((name, quota) -> quotas.put(name, new Quota(name, quota.metric, quota.limits)));
		return quotas;
	}

	@Override
	public boolean supports(Class<?> type) {
		return RedisUsageProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RedisUsageProperties properties = (RedisUsageProperties) target;
		Map<String, Quota> quotas = new LinkedHashMap<>();
		properties.quotas.forEach((name, quota) -> {
			Map<String, String> problems = Quota.problems(name, quota.metric, quota.limits, properties.periods);
			problems.forEach((field, problem) -> errors.reject("invalid",
					"redis.usage.quotas." + name + "." + field + " " + problem));
			if (problems.isEmpty()) {
				quotas.put(name, new Quota(name, quota.metric, quota.limits));
			}
		});
		UsageOptions
			.problems(properties.zone, properties.countedRetention(), properties.scales(), properties.top.maxSubjects,
					quotas)
			.forEach((field, problem) -> errors.reject("invalid", "redis.usage." + field + " " + problem));
	}

	/**
	 * One metric's settings.
	 */
	public static class Metric {

		/**
		 * Decimal places the metric counts (0 to 9): 6 counts micro-units, so amounts
		 * such as 0.000125 are exact.
		 */
		private int scale;

		public int getScale() {
			return this.scale;
		}

		public void setScale(int scale) {
			this.scale = scale;
		}

	}

	/**
	 * One quota: a metric and its limits per period.
	 */
	public static class QuotaLimits {

		/**
		 * Metric the quota limits.
		 */
		private String metric;

		/**
		 * Most usage per subject and period (hour, day, month), in the metric's amounts.
		 */
		private Map<UsagePeriod, BigDecimal> limits = new EnumMap<>(UsagePeriod.class);

		public String getMetric() {
			return this.metric;
		}

		public void setMetric(String metric) {
			this.metric = metric;
		}

		public Map<UsagePeriod, BigDecimal> getLimits() {
			return this.limits;
		}

		public void setLimits(Map<UsagePeriod, BigDecimal> limits) {
			this.limits = limits;
		}

	}

	/**
	 * The subjects with the highest usage per metric and period.
	 */
	public static class Top {

		/**
		 * Whether the subjects with the highest usage are tracked per metric and period
		 * (one sorted set each).
		 */
		private boolean enabled = true;

		/**
		 * Most subjects a top set keeps; beyond it the lowest are dropped.
		 */
		private int maxSubjects = 10_000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxSubjects() {
			return this.maxSubjects;
		}

		public void setMaxSubjects(int maxSubjects) {
			this.maxSubjects = maxSubjects;
		}

	}

}
