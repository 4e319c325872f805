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
package io.github.redisutils.queue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.github.redisutils.core.codec.ValueCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The default {@link JobQueue}: the client side of the queue scripts.
 *
 * @author redis-utils authors
 */
final class DefaultJobQueue implements JobQueue {

	private static final int BATCH = 500;

	private final QueueKeys keys;

	private final QueueScripts scripts;

	private final ValueCodec codec;

	private final QueueSettings settings;

	DefaultJobQueue(QueueKeys keys, QueueScripts scripts, ValueCodec codec, QueueSettings settings) {
		this.keys = keys;
		this.scripts = scripts;
		this.codec = codec;
		this.settings = settings;
	}

	@Override
	public String name() {
		return this.keys.queue();
	}

	QueueKeys keys() {
		return this.keys;
	}

	QueueSettings settings() {
		return this.settings;
	}

	@Override
	public String enqueue(String type, @Nullable Object payload, JobOptions options) {
		Assert.hasText(type, "'type' must not be empty");
		Backoff backoff = (options.backoff() != null) ? options.backoff() : this.settings.backoff();
		int maxAttempts = (options.maxAttempts() != null) ? options.maxAttempts() : this.settings.maxAttempts();
		long delay = (options.delay() != null) ? options.delay().toMillis() : 0;
		long runAt = (options.runAt() != null) ? options.runAt().toEpochMilli() : -1;
		long timeout = (options.timeout() != null) ? options.timeout().toMillis() : 0;
		String unique = (options.uniqueKey() != null) ? options.uniqueKey() : "";
		String id = UUID.randomUUID().toString();
		List<?> result = this.scripts.run(QueueScripts.ENQUEUE, this.keys, id, type, this.codec.encode(payload),
				options.priority().ordinal(), delay, runAt, maxAttempts, timeout, backoff.initial().toMillis(),
				backoff.max().toMillis(), unique);
		return (result != null && !result.isEmpty()) ? QueueScripts.string(result.get(0)) : id;
	}

	@Override
	public Optional<JobInfo> peek() {
		for (byte[] id : this.scripts.range(this.keys.waiting(), 0, 0)) {
			return find(QueueScripts.string(id));
		}
		return Optional.empty();
	}

	@Override
	public QueueSizes sizes() {
		List<?> stats = this.scripts.run(QueueScripts.STATS, this.keys);
		Assert.state(stats != null && stats.size() == 6, "Unexpected answer from the stats script");
		long oldest = QueueScripts.number(stats.get(5));
		return new QueueSizes(QueueScripts.number(stats.get(0)), QueueScripts.number(stats.get(1)),
				QueueScripts.number(stats.get(2)), QueueScripts.number(stats.get(3)), QueueScripts.number(stats.get(4)),
				(oldest >= 0) ? Duration.ofMillis(oldest) : null);
	}

	@Override
	public long clear() {
		long removed = 0;
		while (true) {
			Long batch = this.scripts.run(QueueScripts.CLEAR, this.keys, BATCH);
			if (batch == null || batch == 0) {
				return removed;
			}
			removed += batch;
		}
	}

	@Override
	public Optional<JobInfo> find(String id) {
		Map<String, byte[]> hash = this.scripts.hash(this.keys, id);
		if (hash == null || hash.isEmpty() || !hash.containsKey("state")) {
			return Optional.empty();
		}
		return Optional
			.of(new JobInfo(id, name(), text(hash, "type"), JobStatus.valueOf(text(hash, "state").toUpperCase()),
					JobPriority.values()[(int) longValue(hash, "prio", 1)], (int) longValue(hash, "attempt", 0),
					(int) longValue(hash, "max", 1), Instant.ofEpochMilli(longValue(hash, "enq", 0)), runAt(hash),
					optionalText(hash, "err"), optionalText(hash, "unique")));
	}

	@Override
	public <T> Optional<T> payload(String id, Class<T> type) {
		byte[] payload = this.scripts.hashField(this.keys, id, "payload");
		return (payload != null) ? Optional.ofNullable(this.codec.decode(payload, type)) : Optional.empty();
	}

	@Override
	public boolean cancel(String id) {
		Long result = this.scripts.run(QueueScripts.CANCEL, this.keys, id);
		return result != null && result == 1L;
	}

	@Override
	public List<JobInfo> dead(int offset, int count) {
		Assert.isTrue(offset >= 0 && count >= 0, "'offset' and 'count' must not be negative");
		if (count == 0) {
			return List.of();
		}
		List<JobInfo> dead = new ArrayList<>();
		for (byte[] id : this.scripts.range(this.keys.dead(), offset, (long) offset + count - 1)) {
			find(QueueScripts.string(id)).ifPresent(dead::add);
		}
		return dead;
	}

	@Override
	public boolean retryDead(String id) {
		Assert.hasText(id, "'id' must not be empty");
		Long result = this.scripts.run(QueueScripts.RETRY_DEAD, this.keys, id, 1);
		return result != null && result == 1L;
	}

	@Override
	public long retryAllDead() {
		long moved = 0;
		while (true) {
			Long batch = this.scripts.run(QueueScripts.RETRY_DEAD, this.keys, "", BATCH);
			if (batch == null || batch == 0) {
				return moved;
			}
			moved += batch;
		}
	}

	private static @Nullable Instant runAt(Map<String, byte[]> hash) {
		String state = text(hash, "state");
		if (!state.equals("delayed") && !state.equals("failed")) {
			return null;
		}
		return Instant.ofEpochMilli(longValue(hash, "runAt", 0));
	}

	private static String text(Map<String, byte[]> hash, String field) {
		byte[] value = hash.get(field);
		return (value != null) ? new String(value, StandardCharsets.UTF_8) : "";
	}

	private static @Nullable String optionalText(Map<String, byte[]> hash, String field) {
		String text = text(hash, field);
		return text.isEmpty() ? null : text;
	}

	private static long longValue(Map<String, byte[]> hash, String field, long fallback) {
		String text = text(hash, field);
		return text.isEmpty() ? fallback : Long.parseLong(text);
	}

}
