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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.core.RedisCalls;
import io.github.redisutils.core.RedisReplies;
import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.core.codec.ValueCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisListCommands;
import org.springframework.util.Assert;

/**
 * The default {@link JobQueue}: the client side of the queue scripts.
 *
 * @author redis-utils authors
 */
final class DefaultJobQueue implements JobQueue {

	private static final int BATCH = 500;

	/**
	 * Jobs per enqueue script: one round trip each, short enough not to hold the server
	 * up for long.
	 */
	private static final int ENQUEUE_BATCH = 1000;

	private static final long MAX_WAIT_SLICE_MILLIS = 1000;

	private final QueueKeys keys;

	private final QueueScripts scripts;

	private final ValueCodec codec;

	private final QueueSettings settings;

	private final QueueTaker taker;

	private final JobAcknowledger acknowledger;

	/**
	 * Create a queue.
	 * @param scripts the scripts the application's calls go through (with the outage
	 * back-off)
	 * @param acknowledgements the scripts pull consumers' outcomes go through: without
	 * the back-off, since an acknowledgement must always be tried
	 */
	DefaultJobQueue(QueueKeys keys, QueueScripts scripts, QueueScripts acknowledgements, ValueCodec codec,
			QueueSettings settings, QueueMetrics metrics) {
		this.keys = keys;
		this.scripts = scripts;
		this.codec = codec;
		this.settings = settings;
		this.taker = new QueueTaker(this, scripts, metrics);
		this.acknowledger = new JobAcknowledger(this, acknowledgements, metrics);
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

	ValueCodec codec() {
		return this.codec;
	}

	@Override
	public Optional<ClaimedJob> take(Duration wait) {
		Assert.isTrue(!wait.isNegative(), "'wait' must not be negative");
		long deadline = System.nanoTime() + wait.toNanos();
		RedisConnection blocking = null;
		try {
			while (true) {
				if (Thread.currentThread().isInterrupted()) {
					// Before the take script: once sent, it takes the job whatever the
					// thread does.
					return Optional.empty();
				}
				QueueTaker.Take take = this.taker.take(1);
				if (!take.deliveries().isEmpty()) {
					return Optional.of(new PulledJob(this, take.deliveries().get(0), this.acknowledger));
				}
				long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (remaining <= 0 || Thread.currentThread().isInterrupted()) {
					return Optional.empty();
				}
				long waitMillis = Math.min(remaining, maxWaitSlice());
				if (take.nextDueMillis() >= 0) {
					waitMillis = Math.min(waitMillis, Math.max(1, take.nextDueMillis()));
				}
				if (blocking == null) {
					blocking = this.scripts.connectionFactory().getConnection();
				}
				if (!awaitSignal(blocking, waitMillis)) {
					return Optional.empty();
				}
			}
		}
		finally {
			if (blocking != null) {
				blocking.close();
			}
		}
	}

	/**
	 * The longest single blocking wait: within the command timeout (which applies to
	 * blocking commands too), and short enough that an idle consumer takes the jobs of
	 * lost workers (recovered by the take script) within a second, as idle workers do.
	 */
	private long maxWaitSlice() {
		long timeout = RedisCalls.commandTimeout(this.scripts.connectionFactory()).toMillis();
		if (timeout <= 0) {
			return MAX_WAIT_SLICE_MILLIS;
		}
		// Left for the round trip and for the server, which ends a blocking wait at its
		// next event-loop turn (up to 100 ms late at the default hz): a third of the
		// timeout, at least 200 ms.
		return Math.max(1, Math.min(MAX_WAIT_SLICE_MILLIS, timeout - Math.max(200, timeout / 3)));
	}

	/**
	 * Wait for an enqueue's wake-up signal on a connection of its own. {@code BLMOVE}
	 * rather than {@code BLPOP} because it takes a fractional timeout; the signal moves
	 * to the spent list, which the next take empties.
	 */
	private boolean awaitSignal(RedisConnection connection, long millis) {
		byte[] signal = QueueScripts.bytes(this.keys.signal());
		byte[] spent = QueueScripts.bytes(this.keys.spent());
		try {
			RedisCalls.call(() -> connection.listCommands()
				.bLMove(signal, spent, RedisListCommands.Direction.LEFT, RedisListCommands.Direction.LEFT,
						millis / 1000.0),
					"wait for jobs of queue '" + name() + "'", this.keys.signal());
			return true;
		}
		catch (RedisUnavailableException ex) {
			if (Thread.currentThread().isInterrupted()) {
				// Interrupted while waiting: nothing was taken.
				return false;
			}
			throw ex;
		}
	}

	@Override
	public <T> Optional<T> result(String id, Class<T> type) {
		return decodedField(id, "result", type);
	}

	@Override
	public <T> Optional<T> progress(String id, Class<T> type) {
		return decodedField(id, "progress", type);
	}

	private <T> Optional<T> decodedField(String id, String field, Class<T> type) {
		byte[] value = this.scripts.hashField(this.keys, id, field);
		return (value != null && value.length > 0) ? Optional.ofNullable(this.codec.decode(value, type))
				: Optional.empty();
	}

	@Override
	public String enqueue(String type, @Nullable Object payload, JobOptions options) {
		return enqueueAll(List.of(new JobRequest(type, payload, options))).get(0);
	}

	@Override
	public List<String> enqueueAll(List<JobRequest> jobs) {
		List<String> ids = new ArrayList<>(jobs.size());
		for (int from = 0; from < jobs.size(); from += ENQUEUE_BATCH) {
			List<JobRequest> batch = jobs.subList(from, Math.min(jobs.size(), from + ENQUEUE_BATCH));
			List<Object> args = new ArrayList<>(batch.size() * 11);
			for (JobRequest job : batch) {
				addArguments(args, job);
			}
			List<?> result = this.scripts.run(QueueScripts.ENQUEUE, this.keys, args.toArray());
			List<?> reply = RedisReplies.list(result, batch.size(), this.keys.waiting(), "reply");
			for (int i = 0; i < batch.size(); i++) {
				ids.add(RedisReplies.string(reply.get(i), this.keys.waiting(), RedisReplies.element(i)));
			}
		}
		return ids;
	}

	/**
	 * Fire a schedule's tick, or only read (and, the first time, start) the schedule when
	 * {@code tick} is {@code null}: one script.
	 * @param name the schedule's name
	 * @param expected the last tick the caller read, {@code null} for none
	 * @param tick the tick to fire, epoch ms
	 * @param job what to enqueue
	 */
	ScheduleTick fireSchedule(String name, @Nullable Long expected, @Nullable Long tick, RecurringJob job) {
		List<Object> args = new ArrayList<>();
		Collections.addAll(args, name, (expected != null) ? expected : "", (tick != null) ? tick : "");
		if (tick != null) {
			addArguments(args, new JobRequest(job.type(), job.payload(),
					JobOptions.defaults().withUniqueKey("schedule:" + name + "@" + tick)));
		}
		String key = this.keys.schedules();
		List<?> reply = RedisReplies.list(this.scripts.runWith(QueueScripts.SCHEDULE, this.keys, key, args.toArray()),
				3, key, "reply");
		long outcome = RedisReplies.number(reply.get(0), key, RedisReplies.element(0));
		long last = RedisReplies.number(reply.get(1), key, RedisReplies.element(1));
		String id = RedisReplies.string(reply.get(2), key, RedisReplies.element(2));
		return new ScheduleTick((int) outcome, last, id.isEmpty() ? null : id);
	}

	/**
	 * What firing a schedule did.
	 *
	 * @param outcome 1 fired, 0 another instance fired it first (or the schedule only
	 * started), -1 not due by the server's clock yet
	 * @param last the last tick now stored, epoch ms
	 * @param jobId the job enqueued, or {@code null}
	 */
	record ScheduleTick(int outcome, long last, @Nullable String jobId) {

	}

	private void addArguments(List<Object> args, JobRequest job) {
		JobOptions options = job.options();
		Backoff backoff = (options.backoff() != null) ? options.backoff() : this.settings.backoff();
		int maxAttempts = (options.maxAttempts() != null) ? options.maxAttempts() : this.settings.maxAttempts();
		long delay = (options.delay() != null) ? options.delay().toMillis() : 0;
		long runAt = (options.runAt() != null) ? options.runAt().toEpochMilli() : -1;
		long timeout = (options.timeout() != null) ? options.timeout().toMillis() : 0;
		String unique = (options.uniqueKey() != null) ? options.uniqueKey() : "";
		Collections.addAll(args, UUID.randomUUID().toString(), job.type(), this.codec.encode(job.payload()),
				options.priority().ordinal(), delay, runAt, maxAttempts, timeout, backoff.initial().toMillis(),
				backoff.max().toMillis(), unique);
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
		return Optional.of(JobHash.of(this.keys.job(id), hash).toInfo(id, name(), this.codec));
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
