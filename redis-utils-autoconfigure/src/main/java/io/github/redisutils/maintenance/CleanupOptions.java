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

package io.github.redisutils.maintenance;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.SettingProblems;
import org.jspecify.annotations.Nullable;

/**
 * Options of cleanups.
 *
 * @param dryRun whether {@link RedisCleanup#cleanup()} (and a scheduled cleanup) only
 * counts what it would remove
 * @param scanCount the COUNT hint of each SCAN call, and the number of examined keys
 * between two pauses; at least 1
 * @param pause how long a cleanup sleeps after each batch of examined keys, so that it
 * never keeps a production server busy; zero for none
 * @param lockFenceRetention how long a lock name goes unused before its fencing counter
 * is removed
 * @param consumerIdle how long a stream group's consumer without pending entries goes
 * idle before it is removed
 * @param blacklistMaxTokenLifetime the blacklist's longest token lifetime (the time to
 * live of entries that lack one)
 * @param oldPrefix the old key prefix whose keys are removed, or {@code null} for none
 * @param streamNamespace the namespace of reliable pub/sub streams, or {@code null} for
 * the key prefix
 * @param categories the categories a cleanup runs
 * @author redis-utils authors
 */
public record CleanupOptions(boolean dryRun, int scanCount, Duration pause, Duration lockFenceRetention,
		Duration consumerIdle, Duration blacklistMaxTokenLifetime, @Nullable String oldPrefix,
		@Nullable String streamNamespace, Set<CleanupCategory> categories) {

	/**
	 * Default COUNT hint of SCAN and batch size.
	 */
	public static final int DEFAULT_SCAN_COUNT = 100;

	/**
	 * Default pause after each batch.
	 */
	public static final Duration DEFAULT_PAUSE = Duration.ofMillis(20);

	/**
	 * Default retention of unused locks' fencing counters.
	 */
	public static final Duration DEFAULT_LOCK_FENCE_RETENTION = Duration.ofDays(30);

	/**
	 * Default idle time of a removable stream consumer.
	 */
	public static final Duration DEFAULT_CONSUMER_IDLE = Duration.ofDays(1);

	/**
	 * Default longest token lifetime (the blacklist's own default).
	 */
	public static final Duration DEFAULT_BLACKLIST_MAX_TOKEN_LIFETIME = Duration.ofDays(1);

	/**
	 * Validate the options.
	 * @param dryRun whether cleanups are dry runs by default
	 * @param scanCount the COUNT hint
	 * @param pause the pause per batch
	 * @param lockFenceRetention the lock-fence retention
	 * @param consumerIdle the consumer idle time
	 * @param blacklistMaxTokenLifetime the longest token lifetime
	 * @param oldPrefix the old prefix or {@code null}
	 * @param streamNamespace the stream namespace or {@code null}
	 * @param categories the categories
	 * @throws IllegalArgumentException naming the invalid option
	 */
	public CleanupOptions {
		SettingProblems.throwIfAny("cleanup options", problems(scanCount, pause, lockFenceRetention, consumerIdle,
				blacklistMaxTokenLifetime, oldPrefix, categories));
		categories = Collections
			.unmodifiableSet(categories.isEmpty() ? EnumSet.noneOf(CleanupCategory.class) : EnumSet.copyOf(categories));
	}

	/**
	 * Describe what is wrong with candidate options, for configuration validation.
	 * @param scanCount the COUNT hint
	 * @param pause the pause per batch
	 * @param lockFenceRetention the lock-fence retention
	 * @param consumerIdle the consumer idle time
	 * @param blacklistMaxTokenLifetime the longest token lifetime
	 * @param oldPrefix the old prefix or {@code null}
	 * @param categories the categories
	 * @return the problems by field, empty when the options are valid
	 */
	public static Map<String, String> problems(int scanCount, @Nullable Duration pause,
			@Nullable Duration lockFenceRetention, @Nullable Duration consumerIdle,
			@Nullable Duration blacklistMaxTokenLifetime, @Nullable String oldPrefix,
			@Nullable Set<CleanupCategory> categories) {
		SettingProblems problems = new SettingProblems().atLeast("scanCount", scanCount, 1)
			.notNegative("pause", pause)
			.positive("lockFenceRetention", lockFenceRetention)
			.positive("consumerIdle", consumerIdle)
			.positive("blacklistMaxTokenLifetime", blacklistMaxTokenLifetime);
		if (oldPrefix != null) {
			String problem = RedisKeys.prefixProblem(oldPrefix);
			if (problem != null) {
				problems.add("oldPrefix", problem);
			}
		}
		if (categories == null) {
			problems.add("categories", "must not be null");
		}
		return problems.toMap();
	}

	/**
	 * Return the default options: no dry run, SCAN COUNT 100, 20ms pause, fencing
	 * counters kept 30 days, consumers removed after a day idle, tokens live at most a
	 * day, no old prefix, streams in the key prefix's namespace, every category.
	 * @return the default options
	 */
	public static CleanupOptions defaults() {
		return new CleanupOptions(false, DEFAULT_SCAN_COUNT, DEFAULT_PAUSE, DEFAULT_LOCK_FENCE_RETENTION,
				DEFAULT_CONSUMER_IDLE, DEFAULT_BLACKLIST_MAX_TOKEN_LIFETIME, null, null,
				EnumSet.allOf(CleanupCategory.class));
	}

	/**
	 * Return these options with another dry-run default.
	 * @param dryRun whether cleanups are dry runs by default
	 * @return the options
	 */
	public CleanupOptions withDryRun(boolean dryRun) {
		return new CleanupOptions(dryRun, this.scanCount, this.pause, this.lockFenceRetention, this.consumerIdle,
				this.blacklistMaxTokenLifetime, this.oldPrefix, this.streamNamespace, this.categories);
	}

	/**
	 * Return these options with another pacing.
	 * @param scanCount the COUNT hint and batch size
	 * @param pause the pause after each batch
	 * @return the options
	 */
	public CleanupOptions withPacing(int scanCount, Duration pause) {
		return new CleanupOptions(this.dryRun, scanCount, pause, this.lockFenceRetention, this.consumerIdle,
				this.blacklistMaxTokenLifetime, this.oldPrefix, this.streamNamespace, this.categories);
	}

	/**
	 * Return these options with another lock-fence retention.
	 * @param lockFenceRetention how long a lock name goes unused before its fencing
	 * counter is removed
	 * @return the options
	 */
	public CleanupOptions withLockFenceRetention(Duration lockFenceRetention) {
		return new CleanupOptions(this.dryRun, this.scanCount, this.pause, lockFenceRetention, this.consumerIdle,
				this.blacklistMaxTokenLifetime, this.oldPrefix, this.streamNamespace, this.categories);
	}

	/**
	 * Return these options with another consumer idle time.
	 * @param consumerIdle how long a consumer without pending entries goes idle before it
	 * is removed
	 * @return the options
	 */
	public CleanupOptions withConsumerIdle(Duration consumerIdle) {
		return new CleanupOptions(this.dryRun, this.scanCount, this.pause, this.lockFenceRetention, consumerIdle,
				this.blacklistMaxTokenLifetime, this.oldPrefix, this.streamNamespace, this.categories);
	}

	/**
	 * Return these options with another longest token lifetime.
	 * @param blacklistMaxTokenLifetime the blacklist's longest token lifetime
	 * @return the options
	 */
	public CleanupOptions withBlacklistMaxTokenLifetime(Duration blacklistMaxTokenLifetime) {
		return new CleanupOptions(this.dryRun, this.scanCount, this.pause, this.lockFenceRetention, this.consumerIdle,
				blacklistMaxTokenLifetime, this.oldPrefix, this.streamNamespace, this.categories);
	}

	/**
	 * Return these options with an old prefix whose keys are removed.
	 * @param oldPrefix the old prefix, or {@code null} for none
	 * @return the options
	 */
	public CleanupOptions withOldPrefix(@Nullable String oldPrefix) {
		return new CleanupOptions(this.dryRun, this.scanCount, this.pause, this.lockFenceRetention, this.consumerIdle,
				this.blacklistMaxTokenLifetime, oldPrefix, this.streamNamespace, this.categories);
	}

	/**
	 * Return these options with another namespace of reliable pub/sub streams.
	 * @param streamNamespace the namespace, or {@code null} for the key prefix
	 * @return the options
	 */
	public CleanupOptions withStreamNamespace(@Nullable String streamNamespace) {
		return new CleanupOptions(this.dryRun, this.scanCount, this.pause, this.lockFenceRetention, this.consumerIdle,
				this.blacklistMaxTokenLifetime, this.oldPrefix, streamNamespace, this.categories);
	}

	/**
	 * Return these options with other categories.
	 * @param categories the categories a cleanup runs
	 * @return the options
	 */
	public CleanupOptions withCategories(Set<CleanupCategory> categories) {
		return new CleanupOptions(this.dryRun, this.scanCount, this.pause, this.lockFenceRetention, this.consumerIdle,
				this.blacklistMaxTokenLifetime, this.oldPrefix, this.streamNamespace, categories);
	}

}
