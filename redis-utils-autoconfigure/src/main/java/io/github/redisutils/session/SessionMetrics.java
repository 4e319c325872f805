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
package io.github.redisutils.session;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Meters of the session store: {@code redis.session.creations}, {@code .destructions},
 * {@code .evictions} and {@code .touches.skipped} counters and the
 * {@code redis.session.active} and {@code redis.session.online.users} gauges. No tags:
 * nothing per user or per session.
 * <p>
 * The gauges stay cheap: one call reads both presence sets (pruned by expiry, then
 * {@code ZCARD}) at most once per refresh interval, however often they are scraped, and
 * they keep their last values when Redis cannot be asked.
 *
 * @author redis-utils authors
 */
public class SessionMetrics {

	private final MeterRegistry registry;

	private final Counter created;

	private final Counter destroyed;

	private final Counter evicted;

	private final Counter touchesSkipped;

	private final long refreshNanos;

	private @Nullable Supplier<PresenceCounts> presenceReader;

	private PresenceCounts presence = PresenceCounts.UNKNOWN;

	private long readAt;

	private @Nullable Instant lastFailure;

	private @Nullable String lastError;

	/**
	 * Create the meters.
	 * @param registry where they go
	 * @param refreshInterval the least time between two reads of the active-sessions
	 * count
	 */
	public SessionMetrics(MeterRegistry registry, Duration refreshInterval) {
		this.registry = registry;
		this.created = Counter.builder("redis.session.creations").description("Sessions created").register(registry);
		this.destroyed = Counter.builder("redis.session.destructions")
			.description("Sessions destroyed (logout, log out everywhere)")
			.register(registry);
		this.evicted = Counter.builder("redis.session.evictions")
			.description("Sessions evicted by the per-user limit")
			.register(registry);
		this.touchesSkipped = Counter.builder("redis.session.touches.skipped")
			.description("Touches that wrote nothing because the session was touched within the touch interval")
			.register(registry);
		this.refreshNanos = refreshInterval.toNanos();
	}

	void presenceFrom(Supplier<PresenceCounts> reader) {
		this.presenceReader = reader;
		Gauge.builder("redis.session.active", this, (metrics) -> orNaN(metrics.activeSessions()))
			.description("Live sessions in Redis (refreshed at most every few seconds)")
			.register(this.registry);
		Gauge.builder("redis.session.online.users", this, (metrics) -> orNaN(metrics.onlineUsers()))
			.description("Users with at least one live session (refreshed at most every few seconds)")
			.register(this.registry);
	}

	void created() {
		this.created.increment();
	}

	void destroyed(int count) {
		this.destroyed.increment(count);
	}

	void evicted(int count) {
		this.evicted.increment(count);
	}

	void touchSkipped() {
		this.touchesSkipped.increment();
	}

	/**
	 * Return the number of live sessions, read from Redis at most once per refresh
	 * interval.
	 * @return the count, or {@code -1} if it could never be read
	 */
	public long activeSessions() {
		return presence().activeSessions();
	}

	/**
	 * Return the number of users with at least one live session, read from Redis with the
	 * live sessions at most once per refresh interval.
	 * @return the count, or {@code -1} if it could never be read
	 */
	public long onlineUsers() {
		return presence().onlineUsers();
	}

	private synchronized PresenceCounts presence() {
		Supplier<PresenceCounts> reader = this.presenceReader;
		long now = System.nanoTime();
		if (reader != null && (this.presence.activeSessions() < 0 || now - this.readAt >= this.refreshNanos)) {
			try {
				this.presence = reader.get();
				this.readAt = now;
			}
			catch (RuntimeException ex) {
				this.lastFailure = Instant.now();
				this.lastError = ex.getMessage();
			}
		}
		return this.presence;
	}

	/**
	 * Return when the presence counts last failed to be read.
	 * @return the time, or {@code null} if it never failed
	 */
	public synchronized @Nullable Instant lastFailure() {
		return this.lastFailure;
	}

	/**
	 * Return why the presence counts last failed to be read.
	 * @return the message, or {@code null} if it never failed
	 */
	public synchronized @Nullable String lastError() {
		return this.lastError;
	}

	private static double orNaN(long count) {
		return (count < 0) ? Double.NaN : count;
	}

}
