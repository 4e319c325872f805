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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import io.github.redisutils.core.RedisCalls;
import io.github.redisutils.core.RedisConfigurationException;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisReplies;
import io.github.redisutils.queue.QueueSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

/**
 * {@link RedisCleanup} walking each category's keys with the shared {@link KeyScans}, one
 * check-and-remove script per key.
 */
final class DefaultRedisCleanup implements RedisCleanup {

	private static final Log logger = LogFactory.getLog(DefaultRedisCleanup.class);

	private static final String DRY = "1";

	private static final String LIVE = "0";

	private final StringRedisTemplate template;

	private final RedisKeys keys;

	private final String prefix;

	private final CleanupOptions options;

	private final QueueSettings.Resolver queues;

	private final CleanupMetrics metrics;

	DefaultRedisCleanup(RedisConnectionFactory connectionFactory, RedisKeys keys, CleanupOptions options,
			QueueSettings.Resolver queues, CleanupMetrics metrics) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(keys, "'keys' must not be null");
		Assert.notNull(options, "'options' must not be null");
		Assert.notNull(queues, "'queues' must not be null");
		String oldPrefix = options.oldPrefix();
		if (oldPrefix != null && (oldPrefix.equals(keys.prefix()) || keys.prefix().startsWith(oldPrefix + ":"))) {
			throw new RedisConfigurationException("redis.maintenance.cleanup.old-prefix",
					"'" + oldPrefix + "' is the key prefix '" + keys.prefix() + "' or holds it",
					"Name a prefix the application no longer uses, or leave redis.maintenance.cleanup.old-prefix unset");
		}
		this.template = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
		this.prefix = keys.prefix();
		this.options = options;
		this.queues = queues;
		this.metrics = metrics;
	}

	@Override
	public CleanupReport cleanup() {
		return cleanup(this.options.dryRun());
	}

	@Override
	public CleanupReport cleanup(boolean dryRun) {
		return cleanup(dryRun, () -> {
		});
	}

	/**
	 * Run a cleanup, calling back after each batch (the schedule extends its lock).
	 */
	CleanupReport cleanup(boolean dryRun, Runnable afterBatch) {
		long start = System.nanoTime();
		Run run = new Run(dryRun, afterBatch);
		boolean failed = true;
		try {
			for (CleanupCategory category : this.options.categories()) {
				run.category = category;
				switch (category) {
					case LOCK_FENCES -> lockFences(run);
					case QUEUE_RETENTION -> queueRetention(run);
					case STREAM_CONSUMERS -> streamConsumers(run);
					case SESSIONS -> sessions(run);
					case BLACKLIST -> blacklist(run);
					case OLD_PREFIX -> oldPrefix(run);
				}
			}
			failed = false;
		}
		finally {
			this.metrics.run(dryRun, failed, System.nanoTime() - start);
			if (failed) {
				logger.warn("Cleanup " + (dryRun ? "(dry run) " : "") + "under prefix '" + this.prefix
						+ "' failed in category " + run.category.tag() + " after " + run.describe());
			}
		}
		CleanupReport report = new CleanupReport(dryRun, run.reports(), run.batches,
				Duration.ofNanos(System.nanoTime() - start));
		logger.info("Cleanup " + (dryRun ? "(dry run, nothing removed) " : "") + "under prefix '" + this.prefix + "': "
				+ report.removed() + " removed" + (dryRun ? " (would be)" : "") + " in " + report.took().toMillis()
				+ "ms, " + run.batches + " batches; " + run.describe());
		return report;
	}

	private void lockFences(Run run) {
		long retentionMicros = this.options.lockFenceRetention().toNanos() / 1000;
		scan(run, lockPattern(), null, (fence) -> {
			String lock = fence.substring(0, fence.length() - ":fence".length());
			lockFence(run, retentionMicros, List.of(fence, lock));
		});
		// A read-write lock's counter, kept while either side is held or a writer waits.
		scan(run, featureBase("lock") + "\\{*\\}:rw:fence", null, (fence) -> {
			String base = fence.substring(0, fence.length() - "fence".length());
			lockFence(run, retentionMicros, List.of(fence, base + "write", base + "readers", base + "waiting"));
		});
	}

	private void lockFence(Run run, long retentionMicros, List<String> keys) {
		String fence = keys.get(0);
		Long removed = RedisCalls.call(
				() -> this.template.execute(CleanupScripts.FENCE, keys, Long.toString(retentionMicros), run.flag()),
				"clean up a lock's fencing counter", fence);
		run.count(1, (removed != null && removed == 1) ? 1 : 0, 0);
	}

	private String lockPattern() {
		return featureBase("lock") + "\\{*\\}:fence";
	}

	private void queueRetention(Run run) {
		scan(run, featureBase("queue") + "\\{*\\}:completed", null, (completed) -> {
			String base = completed.substring(0, completed.length() - ":completed".length());
			String queue = base.substring(base.indexOf('{', featureRaw("queue").length()) + 1, base.length() - 1);
			QueueSettings settings = this.queues.settings(queue);
			List<String> scriptKeys = List.of(completed, base + ":dead");
			long removedTotal = 0;
			long examined = 0;
			while (true) {
				List<?> reply = RedisReplies.list(RedisCalls.call(() -> this.template.execute(CleanupScripts.QUEUE,
						scriptKeys, base + ":job:", Long.toString(settings.completedRetention().toMillis()),
						Integer.toString(settings.completedCount()), Long.toString(settings.deadRetention().toMillis()),
						Integer.toString(settings.deadCount()), Integer.toString(this.options.scanCount()), run.flag()),
						"apply a queue's retention", completed), 4, completed, "reply");
				long removed = RedisReplies.number(reply.get(1), completed, "completed removed")
						+ RedisReplies.number(reply.get(3), completed, "dead removed");
				if (examined == 0) {
					examined = RedisReplies.number(reply.get(0), completed, "completed")
							+ RedisReplies.number(reply.get(2), completed, "dead");
				}
				removedTotal += removed;
				if (run.dryRun || removed < this.options.scanCount()) {
					break;
				}
				run.pace(removed);
			}
			run.count(examined, removedTotal, 0);
		});
	}

	private void streamConsumers(Run run) {
		String namespace = (this.options.streamNamespace() != null) ? this.options.streamNamespace() : this.prefix;
		String pattern = KeyScans.escapeGlob(namespace) + ":pubsub:stream:*";
		scan(run, pattern, DataType.STREAM, (stream) -> {
			List<?> reply = RedisReplies.list(RedisCalls.call(
					() -> this.template.execute(CleanupScripts.CONSUMERS, List.of(stream),
							Long.toString(this.options.consumerIdle().toMillis()), run.flag()),
					"clean up a stream's consumers", stream), 2, stream, "reply");
			run.count(RedisReplies.number(reply.get(0), stream, "examined"),
					RedisReplies.number(reply.get(1), stream, "removed"), 0);
		});
	}

	private void sessions(Run run) {
		RedisKeys.FeatureKeys session = this.keys.feature("session");
		scan(run, featureBase("session") + "\\{*\\}:index", null, (index) -> {
			String token = index.substring(featureRaw("session").length() + 1, index.length() - "}:index".length());
			long[] counts = sessionIndex(session, token, index, run.flag());
			run.count(counts[0], counts[1], 0);
		});
		scan(run, featureBase("session") + "user:*", null, (slot) -> {
			String token = RedisCalls.call(
					() -> this.template.execute(CleanupScripts.SESSION_SLOT_READ, List.of(slot), "", DRY),
					"read a user's session slot", slot);
			long removed = 0;
			if (token != null && !token.isEmpty() && token.indexOf('{') < 0 && token.indexOf('}') < 0) {
				String index = session.tagged(token, "index");
				long[] counts = sessionIndex(session, token, index, DRY);
				if (counts[0] == counts[1]) {
					Long deleted = RedisCalls.call(() -> this.template.execute(CleanupScripts.SESSION_SLOT_DELETE,
							List.of(slot), token, run.flag()), "clean up a user's session slot", slot);
					removed = (deleted != null && deleted == 1) ? 1 : 0;
				}
			}
			run.count(1, removed, 0);
		});
	}

	private long[] sessionIndex(RedisKeys.FeatureKeys session, String token, String index, String flag) {
		String probe = session.tagged(token, "s", "x");
		String hashPrefix = probe.substring(0, probe.length() - 1);
		List<?> reply = RedisReplies.list(RedisCalls.call(
				() -> this.template.execute(CleanupScripts.SESSION_INDEX, List.of(index), hashPrefix, flag),
				"clean up a user's session index", index), 2, index, "reply");
		return new long[] { RedisReplies.number(reply.get(0), index, "examined"),
				RedisReplies.number(reply.get(1), index, "removed") };
	}

	private void blacklist(Run run) {
		String lifetime = Long.toString(this.options.blacklistMaxTokenLifetime().toMillis());
		for (String kind : List.of("token", "user")) {
			scan(run, featureBase("blacklist") + kind + ":*", null, (key) -> {
				Long result = RedisCalls.call(
						() -> this.template.execute(CleanupScripts.BLACKLIST, List.of(key), kind, lifetime, run.flag()),
						"clean up a blacklist entry", key);
				long outcome = (result != null) ? result : 0;
				run.count(1, (outcome == 1) ? 1 : 0, (outcome == 2) ? 1 : 0);
			});
		}
	}

	private void oldPrefix(Run run) {
		String oldPrefix = this.options.oldPrefix();
		if (oldPrefix == null) {
			return;
		}
		String current = this.prefix + ":";
		scanBytes(run, KeyScans.escapeGlob(oldPrefix) + ":*", null, (connection, key) -> {
			String text = new String(key, StandardCharsets.UTF_8);
			if (text.startsWith(current)) {
				return;
			}
			long removed = 1;
			if (!run.dryRun) {
				Long unlinked = connection.keyCommands().unlink(key);
				removed = (unlinked != null) ? unlinked : 0;
			}
			run.count(1, removed, 0);
		});
	}

	/**
	 * Return {@code <prefix>:<feature>:} escaped for a MATCH pattern.
	 */
	private String featureBase(String feature) {
		return KeyScans.escapeGlob(featureRaw(feature));
	}

	private String featureRaw(String feature) {
		return this.prefix + ":" + feature + ":";
	}

	private void scan(Run run, String pattern, @Nullable DataType type, Consumer<String> each) {
		scanBytes(run, pattern, type, (connection, key) -> each.accept(new String(key, StandardCharsets.UTF_8)));
	}

	private void scanBytes(Run run, String pattern, @Nullable DataType type, KeyAction each) {
		ScanOptions.ScanOptionsBuilder scan = ScanOptions.scanOptions().match(pattern).count(this.options.scanCount());
		if (type != null) {
			scan.type(type);
		}
		ScanOptions scanOptions = scan.build();
		RedisCalls.run(() -> this.template.execute((RedisCallback<Void>) (connection) -> {
			KeyScans.forEachKey(connection, scanOptions, (key) -> {
				each.accept(connection, key);
				run.pace(1);
			});
			return null;
		}), "scan keys for a cleanup (" + run.category.tag() + ")");
	}

	@FunctionalInterface
	private interface KeyAction {

		void accept(RedisConnection connection, byte[] key);

	}

	/**
	 * One cleanup's counts and pacing.
	 */
	private final class Run {

		final boolean dryRun;

		private final Runnable afterBatch;

		private final Map<CleanupCategory, long[]> counts = new EnumMap<>(CleanupCategory.class);

		CleanupCategory category = CleanupCategory.LOCK_FENCES;

		long batches;

		private long inBatch;

		Run(boolean dryRun, Runnable afterBatch) {
			this.dryRun = dryRun;
			this.afterBatch = afterBatch;
			for (CleanupCategory each : DefaultRedisCleanup.this.options.categories()) {
				this.counts.put(each, new long[3]);
			}
		}

		String flag() {
			return this.dryRun ? DRY : LIVE;
		}

		void count(long examined, long removed, long expiring) {
			long[] current = this.counts.get(this.category);
			current[0] += examined;
			current[1] += removed;
			current[2] += expiring;
			if (!this.dryRun) {
				DefaultRedisCleanup.this.metrics.removed(this.category, removed);
			}
		}

		/**
		 * Count work done; after each batch of the SCAN COUNT, call back and pause.
		 */
		void pace(long work) {
			this.inBatch += work;
			if (this.inBatch < DefaultRedisCleanup.this.options.scanCount()) {
				return;
			}
			this.inBatch = 0;
			this.batches++;
			this.afterBatch.run();
			Duration pause = DefaultRedisCleanup.this.options.pause();
			if (!pause.isZero()) {
				try {
					Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new CancellationException("Cleanup interrupted");
				}
			}
		}

		Map<CleanupCategory, CleanupReport.Category> reports() {
			Map<CleanupCategory, CleanupReport.Category> reports = new EnumMap<>(CleanupCategory.class);
			this.counts.forEach((category, c) -> reports.put(category, new CleanupReport.Category(c[0], c[1], c[2])));
			return reports;
		}

		String describe() {
			List<String> parts = new ArrayList<>();
			this.counts.forEach((category, c) -> parts.add(category.tag() + " " + c[0] + " examined, " + c[1]
					+ " removed" + ((c[2] > 0) ? ", " + c[2] + " given a TTL" : "")));
			return String.join("; ", parts);
		}

	}

}
