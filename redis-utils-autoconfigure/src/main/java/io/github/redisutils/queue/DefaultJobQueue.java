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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.github.redisutils.core.RedisReplies;
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
		return (result != null && !result.isEmpty())
				? RedisReplies.string(result.get(0), this.keys.waiting(), RedisReplies.element(0)) : id;
	}

	@Override
	public Optional<JobInfo> peek() {
		for (byte[] id : this.scripts.range(this.keys.waiting(), 0, 0)) {
			return find(RedisReplies.string(id, this.keys.waiting(), "member"));
		}
		return Optional.empty();
	}

	@Override
	public QueueSizes sizes() {
		String key = this.keys.waiting();
		List<?> stats = RedisReplies.list(this.scripts.run(QueueScripts.STATS, this.keys), 6, key, "reply");
		long[] numbers = new long[6];
		for (int i = 0; i < numbers.length; i++) {
			numbers[i] = RedisReplies.number(stats.get(i), key, RedisReplies.element(i));
		}
		return new QueueSizes(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4],
				(numbers[5] >= 0) ? Duration.ofMillis(numbers[5]) : null);
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
		return Optional.of(JobHash.of(this.keys.job(id), hash).toInfo(id, name()));
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
			find(RedisReplies.string(id, this.keys.dead(), "member")).ifPresent(dead::add);
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

	@Override
	public long retryAllDead(int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("The limit must be at least 1 (was " + limit + ")");
		}
		long moved = 0;
		while (moved < limit) {
			Long batch = this.scripts.run(QueueScripts.RETRY_DEAD, this.keys, "", (int) Math.min(BATCH, limit - moved));
			if (batch == null || batch == 0) {
				return moved;
			}
			moved += batch;
		}
		return moved;
	}

}
