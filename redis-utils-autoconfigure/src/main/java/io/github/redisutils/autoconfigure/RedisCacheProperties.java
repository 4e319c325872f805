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

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.redisutils.cache.CacheOptions;
import io.github.redisutils.cache.CacheSettings;
import io.github.redisutils.cache.RedisCaches;
import io.github.redisutils.cache.RedisUtilsCacheManager;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the redis-utils cache, under {@code redis.cache.*}: the
 * defaults of every cache, per-cache settings under {@code redis.cache.caches.<name>.*},
 * single-flight loading and the behaviour while Redis is unavailable.
 * <p>
 * The properties validate themselves when bound: a bad value fails start-up with a
 * message that names the property and the reason.
 *
 * @author redis-utils authors
 */
@ConfigurationProperties("redis.cache")
public class RedisCacheProperties implements Validator {

	/**
	 * The property, relative to {@code redis.cache}, of each {@link CacheOptions} field.
	 */
	private static final Map<String, String> OPTIONS_PROPERTIES = Map.of("lease", "singleFlight.lease", "maxWait",
			"singleFlight.wait", "pollInterval", "singleFlight.pollInterval", "earlyRefreshBeta", "earlyRefresh.beta");

	/**
	 * Whether the redis-utils cache (CacheManager and CacheStore) is enabled.
	 */
	private boolean enabled = true;

	/**
	 * Time to live of cache entries, unless a cache sets its own.
	 */
	private Duration timeToLive = Duration.ofHours(1);

	/**
	 * Whether null results are cached (and returned as a hit holding null) rather than
	 * reloaded on every call, unless a cache sets its own.
	 */
	private boolean cacheNullValues = true;

	/**
	 * Fraction, from 0 up to but excluding 1, by which each entry's time to live is
	 * randomly shortened so that entries written together do not expire together.
	 */
	private double ttlJitter;

	/**
	 * Names of caches created at start-up, in addition to those configured under
	 * redis.cache.caches.
	 */
	private List<String> cacheNames = new ArrayList<>();

	/**
	 * Whether caches not known at start-up are created on first use, with the default
	 * settings.
	 */
	private boolean allowRuntimeCacheCreation = true;

	/**
	 * How long, after a failed Redis call, caches skip Redis and go straight to their
	 * loaders. Zero tries Redis on every call, each bounded by spring.data.redis.timeout.
	 * Defaults to redis.outage.backoff.
	 */
	private @Nullable Duration outageBackoff;

	/**
	 * Keys scanned and deleted per batch when a cache is cleared.
	 */
	private int clearBatchSize = 500;

	private final SingleFlight singleFlight = new SingleFlight();

	private final EarlyRefresh earlyRefresh = new EarlyRefresh();

	/**
	 * Per-cache settings, by cache name.
	 */
	private Map<String, CacheSpec> caches = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getTimeToLive() {
		return this.timeToLive;
	}

	public void setTimeToLive(Duration timeToLive) {
		this.timeToLive = timeToLive;
	}

	public boolean isCacheNullValues() {
		return this.cacheNullValues;
	}

	public void setCacheNullValues(boolean cacheNullValues) {
		this.cacheNullValues = cacheNullValues;
	}

	public double getTtlJitter() {
		return this.ttlJitter;
	}

	public void setTtlJitter(double ttlJitter) {
		this.ttlJitter = ttlJitter;
	}

	public List<String> getCacheNames() {
		return this.cacheNames;
	}

	public void setCacheNames(List<String> cacheNames) {
		this.cacheNames = cacheNames;
	}

	public boolean isAllowRuntimeCacheCreation() {
		return this.allowRuntimeCacheCreation;
	}

	public void setAllowRuntimeCacheCreation(boolean allowRuntimeCacheCreation) {
		this.allowRuntimeCacheCreation = allowRuntimeCacheCreation;
	}

	public @Nullable Duration getOutageBackoff() {
		return this.outageBackoff;
	}

	public void setOutageBackoff(@Nullable Duration outageBackoff) {
		this.outageBackoff = outageBackoff;
	}

	public int getClearBatchSize() {
		return this.clearBatchSize;
	}

	public void setClearBatchSize(int clearBatchSize) {
		this.clearBatchSize = clearBatchSize;
	}

	public SingleFlight getSingleFlight() {
		return this.singleFlight;
	}

	public EarlyRefresh getEarlyRefresh() {
		return this.earlyRefresh;
	}

	public Map<String, CacheSpec> getCaches() {
		return this.caches;
	}

	public void setCaches(Map<String, CacheSpec> caches) {
		this.caches = caches;
	}

	/**
	 * Return the settings of caches that have no entry under {@code caches}.
	 * @return the default settings
	 */
	public CacheSettings toDefaultSettings() {
		return new CacheSettings(this.timeToLive, this.cacheNullValues, null, this.ttlJitter,
				this.earlyRefresh.enabled);
	}

	/**
	 * Return the settings of every cache configured under {@code caches}, the defaults
	 * filling in what a cache leaves unset.
	 * @return the settings by cache name
	 */
	public Map<String, CacheSettings> toSettings() {
		Map<String, CacheSettings> settings = new LinkedHashMap<>();
		this.caches.forEach((name, spec) -> settings.put(name, spec.toSettings(toDefaultSettings())));
		return settings;
	}

	/**
	 * Create the cache manager these properties describe.
	 * @param redisCaches the caches' factory
	 * @return the cache manager
	 */
	public RedisUtilsCacheManager toCacheManager(RedisCaches redisCaches) {
		return redisCaches.cacheManager(toDefaultSettings(), toSettings(), getCacheNames(),
				isAllowRuntimeCacheCreation());
	}

	/**
	 * Return the options shared by every cache.
	 * @return the options
	 */
	public CacheOptions toOptions() {
		return new CacheOptions(this.singleFlight.enabled, this.singleFlight.lease, this.singleFlight.wait,
				this.singleFlight.pollInterval,
				(this.outageBackoff != null) ? this.outageBackoff : CacheOptions.defaults().outageBackoff(),
				this.clearBatchSize, this.earlyRefresh.beta);
	}

	@Override
	public boolean supports(Class<?> type) {
		return RedisCacheProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RedisCacheProperties properties = (RedisCacheProperties) target;
		CacheSettings.problems(properties.timeToLive, null, properties.ttlJitter)
			.forEach((field, problem) -> errors.rejectValue(field, "invalid", problem));
		SingleFlight singleFlight = properties.singleFlight;
		CacheOptions
			.problems(singleFlight.lease, singleFlight.wait, singleFlight.pollInterval,
					(properties.outageBackoff != null) ? properties.outageBackoff : Duration.ZERO,
					properties.clearBatchSize, properties.earlyRefresh.beta)
			.forEach((field, problem) -> errors.rejectValue(OPTIONS_PROPERTIES.getOrDefault(field, field), "invalid",
					problem));
		for (int i = 0; i < properties.cacheNames.size(); i++) {
			checkName(errors, "cacheNames[" + i + "]", properties.cacheNames.get(i));
		}
		properties.caches.forEach((name, spec) -> spec.validate(errors, "caches[" + name + "]", name, properties));
	}

	private static void checkName(Errors errors, String field, @Nullable String name) {
		String problem = CacheSettings.keyNameProblem(name);
		if (problem != null) {
			errors.rejectValue(field, "invalid", problem);
		}
	}

	/**
	 * Settings of one cache; what is left unset comes from the defaults.
	 */
	public static class CacheSpec {

		/**
		 * Time to live of this cache's entries.
		 */
		private @Nullable Duration timeToLive;

		/**
		 * Whether this cache stores null results.
		 */
		private @Nullable Boolean cacheNullValues;

		/**
		 * Name segment of this cache's keys, <prefix>:cache:<key-prefix>:<key>. Defaults
		 * to the cache name; two caches with one key prefix share their entries.
		 */
		private @Nullable String keyPrefix;

		/**
		 * Fraction by which this cache's times to live are randomly shortened.
		 */
		private @Nullable Double ttlJitter;

		/**
		 * Whether this cache refreshes entries early as they near expiry.
		 */
		private @Nullable Boolean earlyRefresh;

		public @Nullable Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(@Nullable Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

		public @Nullable Boolean getCacheNullValues() {
			return this.cacheNullValues;
		}

		public void setCacheNullValues(@Nullable Boolean cacheNullValues) {
			this.cacheNullValues = cacheNullValues;
		}

		public @Nullable String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(@Nullable String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public @Nullable Double getTtlJitter() {
			return this.ttlJitter;
		}

		public void setTtlJitter(@Nullable Double ttlJitter) {
			this.ttlJitter = ttlJitter;
		}

		public @Nullable Boolean getEarlyRefresh() {
			return this.earlyRefresh;
		}

		public void setEarlyRefresh(@Nullable Boolean earlyRefresh) {
			this.earlyRefresh = earlyRefresh;
		}

		CacheSettings toSettings(CacheSettings defaults) {
			return new CacheSettings((this.timeToLive != null) ? this.timeToLive : defaults.timeToLive(),
					(this.cacheNullValues != null) ? this.cacheNullValues : defaults.cacheNullValues(), this.keyPrefix,
					(this.ttlJitter != null) ? this.ttlJitter : defaults.ttlJitter(),
					(this.earlyRefresh != null) ? this.earlyRefresh : defaults.earlyRefresh());
		}

		void validate(Errors errors, String path, String name, RedisCacheProperties defaults) {
			checkName(errors, path, name);
			// The rules apply to what this cache ends up with; what it leaves unset is
			// the defaults', whose own problems are reported against their keys.
			CacheSettings
				.problems((this.timeToLive != null) ? this.timeToLive : defaults.timeToLive, this.keyPrefix,
						(this.ttlJitter != null) ? this.ttlJitter : defaults.ttlJitter)
				.forEach((field, problem) -> {
					if (field.equals("keyName")) {
						errors.rejectValue(path + ".keyPrefix", "invalid", problem);
					}
					else if ((field.equals("timeToLive") && this.timeToLive != null)
							|| (field.equals("ttlJitter") && this.ttlJitter != null)) {
						errors.rejectValue(path + "." + field, "invalid", problem);
					}
				});
		}

	}

	/**
	 * Cross-instance single-flight loading of one key.
	 */
	public static class SingleFlight {

		/**
		 * Whether concurrent misses of one key, across instances, run the loader once
		 * (@Cacheable(sync = true) and CacheStore.getOrLoad).
		 */
		private boolean enabled = true;

		/**
		 * Time to live of a key's loading marker: if the loading instance dies, others
		 * load once it has expired. Should exceed the slowest load.
		 */
		private Duration lease = Duration.ofSeconds(10);

		/**
		 * Longest time a caller waits for another instance's load before it loads itself.
		 */
		private Duration wait = Duration.ofSeconds(5);

		/**
		 * How often a waiting caller reads the key to see whether the load has finished.
		 */
		private Duration pollInterval = Duration.ofMillis(20);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getLease() {
			return this.lease;
		}

		public void setLease(Duration lease) {
			this.lease = lease;
		}

		public Duration getWait() {
			return this.wait;
		}

		public void setWait(Duration wait) {
			this.wait = wait;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

	}

	/**
	 * Probabilistic early refresh (XFetch) of entries close to expiry.
	 */
	public static class EarlyRefresh {

		/**
		 * Whether entries are recomputed early, with a probability that rises as expiry
		 * nears, by one caller while the others keep reading the current value.
		 */
		private boolean enabled;

		/**
		 * XFetch's beta: above 1 refreshes earlier, below 1 later.
		 */
		private double beta = 1.0;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public double getBeta() {
			return this.beta;
		}

		public void setBeta(double beta) {
			this.beta = beta;
		}

	}

}
