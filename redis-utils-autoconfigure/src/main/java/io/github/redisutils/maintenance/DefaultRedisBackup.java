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

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.redisutils.core.RedisCalls;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisPermissionException;
import io.github.redisutils.core.RedisReplies;
import io.github.redisutils.core.RedisServerClock;
import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.core.RedisUtilsException;
import io.github.redisutils.maintenance.BackupRecords.Header;
import io.github.redisutils.maintenance.BackupRecords.InvalidRecordException;
import io.github.redisutils.maintenance.BackupRecords.Restorable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.util.Assert;

/**
 * {@link RedisBackup} on a template of raw bytes (keys too, so binary keys survive): SCAN
 * per master, one read script per key, one write script per restored key.
 */
final class DefaultRedisBackup implements RedisBackup {

	private static final Log logger = LogFactory.getLog(DefaultRedisBackup.class);

	private static final RedisSerializer<byte[]> BYTES = RedisSerializer.byteArray();

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static final RedisSerializer<List> LIST_ELEMENTS = (RedisSerializer) BYTES;

	private static final byte[] VALUES = ascii("values");

	private static final byte[] DUMP = ascii("dump");

	private final RedisTemplate<byte[], byte[]> template;

	private final RedisServerClock clock;

	private final String prefix;

	private final BackupOptions defaults;

	private final RestoreOptions restoreDefaults;

	private final BackupMetrics metrics;

	DefaultRedisBackup(RedisConnectionFactory connectionFactory, RedisKeys keys, BackupOptions defaults,
			RestoreOptions restoreDefaults, BackupMetrics metrics) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(keys, "'keys' must not be null");
		Assert.notNull(defaults, "'defaults' must not be null");
		Assert.notNull(restoreDefaults, "'restoreDefaults' must not be null");
		RedisTemplate<byte[], byte[]> template = new RedisTemplate<>();
		template.setConnectionFactory(connectionFactory);
		template.setEnableDefaultSerializer(false);
		template.setKeySerializer(BYTES);
		template.setValueSerializer(BYTES);
		template.setHashKeySerializer(BYTES);
		template.setHashValueSerializer(BYTES);
		template.afterPropertiesSet();
		this.template = template;
		this.clock = new RedisServerClock(connectionFactory);
		this.prefix = keys.prefix();
		this.defaults = defaults;
		this.restoreDefaults = restoreDefaults;
		this.metrics = metrics;
	}

	@Override
	public BackupSummary backup(String pattern, OutputStream out) {
		return backup(pattern, out, this.defaults);
	}

	@Override
	public BackupSummary backup(String pattern, OutputStream out, BackupOptions options) {
		Assert.hasText(pattern, "'pattern' must not be empty");
		Assert.notNull(out, "'out' must not be null");
		Assert.notNull(options, "'options' must not be null");
		long start = System.nanoTime();
		Instant backupTime = this.clock.now();
		BackupWriter writer = new BackupWriter(out, options);
		writer.writeLine(BackupRecords.header(this.prefix, pattern, backupTime, options.format()));
		ScanOptions scan = ScanOptions.scanOptions()
			.match(KeyScans.escapeGlob(this.prefix) + ":" + pattern)
			.count(options.scanCount())
			.build();
		RedisCalls.run(() -> this.template.execute((RedisCallback<Void>) (connection) -> {
			KeyScans.forEachKey(connection, scan, writer::write);
			return null;
		}), "scan keys for a backup");
		writer.writeLine(BackupRecords.end(writer.keys));
		try {
			out.flush();
		}
		catch (IOException ex) {
			throw new BackupException("Could not flush the backup after " + writer.keys + " keys: " + ex.getMessage(),
					ex);
		}
		BackupSummary summary = new BackupSummary(writer.keys, writer.vanished, writer.unsupported, writer.bytes,
				backupTime, Duration.ofNanos(System.nanoTime() - start));
		logger.info("Backed up " + summary.keys() + " keys under prefix '" + this.prefix + "' matching '" + pattern
				+ "' (" + summary.bytes() + " bytes, " + summary.vanished() + " gone before they were read, "
				+ summary.unsupported() + " of unsupported types) in " + summary.took().toMillis() + "ms");
		return summary;
	}

	private List<?> read(byte[] key, BackupFormat format) {
		return RedisReplies.list(
				RedisCalls.call(() -> this.template.execute(BackupScripts.READ, BYTES, LIST_ELEMENTS, List.of(key),
						(format == BackupFormat.DUMP) ? DUMP : VALUES), "read a key for a backup", text(key)),
				1, text(key), "reply");
	}

	@Override
	public RestoreSummary restore(InputStream in) {
		return restore(in, this.restoreDefaults);
	}

	@Override
	public RestoreSummary restore(InputStream in, RestoreOptions options) {
		Assert.notNull(in, "'in' must not be null");
		Assert.notNull(options, "'options' must not be null");
		Restore restore = new Restore(in, options);
		return restore.run();
	}

	private static String text(byte @Nullable [] key) {
		return (key != null) ? new String(key, StandardCharsets.UTF_8) : "";
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Writes records as keys come from SCAN, one at a time.
	 */
	private final class BackupWriter {

		private final OutputStream out;

		private final BackupOptions options;

		long keys;

		long vanished;

		long unsupported;

		long bytes;

		BackupWriter(OutputStream out, BackupOptions options) {
			this.out = out;
			this.options = options;
		}

		void write(byte[] key) {
			List<?> reply = read(key, this.options.format());
			String type = new String(RedisReplies.bytes(reply.get(0), text(key), "type"), StandardCharsets.UTF_8);
			if (reply.size() < 2 || "none".equals(type)) {
				this.vanished++;
				DefaultRedisBackup.this.metrics.vanished.increment();
				return;
			}
			if (reply.size() < 3 || reply.get(2) == null) {
				this.unsupported++;
				DefaultRedisBackup.this.metrics.unsupported.increment();
				return;
			}
			long ttl = this.options.includeTtl() ? RedisReplies.number(reply.get(1), text(key), "pttl") : -1;
			byte[] line = BackupRecords.record(key, type, (ttl < 0) ? -1 : ttl, reply.get(2),
					(reply.size() > 3) ? reply.get(3) : null, this.options.format() == BackupFormat.DUMP);
			writeLine(line);
			this.keys++;
			DefaultRedisBackup.this.metrics.written.increment();
		}

		void writeLine(byte[] line) {
			try {
				this.out.write(line);
				this.bytes += line.length;
			}
			catch (IOException ex) {
				throw new BackupException("Could not write the backup after " + this.keys + " keys (" + this.bytes
						+ " bytes): " + ex.getMessage(), ex);
			}
		}

	}

	/**
	 * One restore: reads lines of bytes (so a line that is no UTF-8 fails alone), writes
	 * each key, counts, reports progress.
	 */
	private final class Restore {

		private final InputStream in;

		private final RestoreOptions options;

		private final long startNanos = System.nanoTime();

		private final List<RestoreSummary.Failure> failures = new ArrayList<>();

		private final ByteArrayOutputStream lineBuffer = new ByteArrayOutputStream();

		private long lines;

		private long restored;

		private long skipped;

		private long expired;

		private long failed;

		private long sinceReport;

		private long lastReportNanos = this.startNanos;

		private boolean complete;

		private byte @Nullable [] sourcePrefix;

		private byte @Nullable [] targetPrefix;

		private long serverStartMillis;

		Restore(InputStream in, RestoreOptions options) {
			this.in = (in instanceof BufferedInputStream) ? in : new BufferedInputStream(in, 64 * 1024);
			this.options = options;
		}

		RestoreSummary run() {
			String first = nextLine();
			if (first == null) {
				throw new BackupException("Could not restore: the backup is empty (no header line)", null);
			}
			Header header;
			try {
				header = BackupRecords.readHeader(first);
			}
			catch (InvalidRecordException ex) {
				throw new BackupException("Could not restore: line 1 is " + ex.getMessage(), null);
			}
			this.sourcePrefix = (header.prefix() + ":").getBytes(StandardCharsets.UTF_8);
			this.targetPrefix = (this.options.targetPrefix() != null)
					? (this.options.targetPrefix() + ":").getBytes(StandardCharsets.UTF_8) : this.sourcePrefix;
			this.serverStartMillis = DefaultRedisBackup.this.clock.now().toEpochMilli();
			String line;
			while ((line = nextLine()) != null) {
				if (line.isBlank()) {
					continue;
				}
				if (this.complete) {
					fail(null, "a line after the end line");
					continue;
				}
				restoreLine(line, header);
				this.sinceReport++;
				if (this.sinceReport >= this.options.progressEveryKeys()
						|| System.nanoTime() - this.lastReportNanos >= this.options.progressInterval().toNanos()) {
					report(false);
				}
			}
			if (!this.complete) {
				logger
					.warn("The backup read ended without its end line at line " + this.lines + ": it may be truncated");
			}
			report(true);
			return new RestoreSummary(this.restored, this.skipped, this.expired, this.failed, this.failures,
					header.backupTime(), this.complete, elapsed());
		}

		private void restoreLine(String line, Header header) {
			byte[] key = null;
			try {
				JsonNode node = BackupRecords.parse(line);
				if (BackupRecords.isEnd(node)) {
					this.complete = true;
					return;
				}
				Restorable record = BackupRecords.restorable(node);
				key = retarget(record.key());
				long ttl = ttl(record.ttlMillis(), header);
				if (ttl == 0) {
					this.expired++;
					DefaultRedisBackup.this.metrics.expired.increment();
					return;
				}
				write(key, record, ttl);
			}
			catch (InvalidRecordException ex) {
				fail((key != null) ? key : ex.key(), ex.getMessage());
			}
		}

		private byte[] retarget(byte[] key) {
			byte[] source = this.sourcePrefix;
			byte[] target = this.targetPrefix;
			Assert.state(source != null && target != null, "no header read");
			if (key.length <= source.length || !Arrays.equals(key, 0, source.length, source, 0, source.length)) {
				throw new InvalidRecordException("the key is not under the backup's prefix", key);
			}
			if (source == target) {
				return key;
			}
			byte[] retargeted = new byte[target.length + key.length - source.length];
			System.arraycopy(target, 0, retargeted, 0, target.length);
			System.arraycopy(key, source.length, retargeted, target.length, key.length - source.length);
			return retargeted;
		}

		/**
		 * The TTL to write: -1 for none, 0 for a key that expired, else milliseconds.
		 */
		private long ttl(long recorded, Header header) {
			if (recorded < 0) {
				return -1;
			}
			if (this.options.ttl() == RestoreOptions.TtlMode.REMAINING_AT_BACKUP) {
				return Math.max(recorded, 0);
			}
			long now = this.serverStartMillis + Duration.ofNanos(System.nanoTime() - this.startNanos).toMillis();
			long elapsed = Math.max(0, now - header.backupTime().toEpochMilli());
			return Math.max(0, recorded - elapsed);
		}

		private void write(byte[] key, Restorable record, long ttl) {
			List<byte[]> args = new ArrayList<>(3 + record.payload().size());
			args.add(ascii((this.options.existingKeys() == RestoreOptions.ExistingKeys.REPLACE) ? "replace" : "skip"));
			args.add(ascii(Long.toString(Math.max(ttl, 0))));
			args.add(ascii(record.type()));
			args.addAll(record.payload());
			Long written;
			try {
				written = RedisCalls.call(() -> DefaultRedisBackup.this.template.execute(BackupScripts.WRITE, BYTES,
						null, List.of(key), args.toArray()), "restore a key", text(key));
			}
			catch (RedisUnavailableException | RedisPermissionException ex) {
				throw ex;
			}
			catch (RedisUtilsException ex) {
				fail(key, ex.getMessage());
				return;
			}
			if (written != null && written == 1) {
				this.restored++;
				DefaultRedisBackup.this.metrics.restored.increment();
			}
			else if (this.options.existingKeys() == RestoreOptions.ExistingKeys.FAIL) {
				fail(key, "key exists");
			}
			else {
				this.skipped++;
				DefaultRedisBackup.this.metrics.skipped.increment();
			}
		}

		private void fail(byte @Nullable [] key, @Nullable String reason) {
			this.failed++;
			DefaultRedisBackup.this.metrics.failed.increment();
			if (this.failures.size() < this.options.maxReportedFailures()) {
				this.failures.add(new RestoreSummary.Failure(this.lines, (key != null) ? text(key) : null,
						String.valueOf(reason)));
			}
		}

		private void report(boolean last) {
			RestoreProgress progress = new RestoreProgress(this.lines, this.restored, this.skipped, this.expired,
					this.failed, elapsed());
			this.sinceReport = 0;
			this.lastReportNanos = System.nanoTime();
			logger.info((last ? "Restore finished: " : "Restore in progress: ") + progress.lines() + " lines, "
					+ progress.restored() + " keys restored, " + progress.skipped() + " skipped (existing), "
					+ progress.expired() + " expired, " + progress.failed() + " failed, "
					+ progress.elapsed().toMillis() + "ms");
			if (this.options.progress() != null) {
				this.options.progress().accept(progress);
			}
		}

		private Duration elapsed() {
			return Duration.ofNanos(System.nanoTime() - this.startNanos);
		}

		/**
		 * Read the next line, decoded strictly as UTF-8; a line that is no UTF-8 reads as
		 * an empty JSON-less marker that fails alone.
		 */
		private @Nullable String nextLine() {
			this.lineBuffer.reset();
			int read;
			try {
				while ((read = this.in.read()) != -1 && read != '\n') {
					this.lineBuffer.write(read);
				}
			}
			catch (IOException ex) {
				throw new BackupException(
						"Could not read the backup at line " + (this.lines + 1) + ": " + ex.getMessage(), ex);
			}
			if (read == -1 && this.lineBuffer.size() == 0) {
				return null;
			}
			this.lines++;
			try {
				return StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(this.lineBuffer.toByteArray()))
					.toString();
			}
			catch (CharacterCodingException ex) {
				// Not JSON whatever it holds: fails as a corrupt record
				return "\u0000 not UTF-8";
			}
		}

	}

}
