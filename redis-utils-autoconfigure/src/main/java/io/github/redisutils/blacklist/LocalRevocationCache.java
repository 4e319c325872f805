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
package io.github.redisutils.blacklist;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * A near-cache of blacklist outcomes in the application's memory, kept in sync with Redis
 * by a {@link RevocationSubscriber}: every revocation, restoration and per-user
 * revocation is published on a channel in the same script call that stores it, and
 * applied here as it arrives.
 * <p>
 * Both outcomes are cached (revoked and valid, per token id and per subject), each kind
 * bounded to {@code maxSize} entries and each entry to {@code timeToLive}. The cache only
 * answers while its subscription is up: when the subscription is lost it is emptied and
 * bypassed (every check asks Redis), and when it is established again it is emptied once
 * more, so that no revocation published while it was down is missed.
 * <p>
 * A value read from Redis is stored only if no sync message arrived (and no
 * resubscription happened) while it was being read: otherwise a revocation applied in
 * between could be overwritten by the older answer.
 *
 * @author redis-utils authors
 */
public final class LocalRevocationCache {

	private static final long VALID = 0;

	private static final long REVOKED = 1;

	private static final long NO_NOT_BEFORE = Long.MIN_VALUE;

	private final Map<String, Entry> tokens = new ConcurrentHashMap<>();

	private final Map<String, Entry> users = new ConcurrentHashMap<>();

	private final int maxSize;

	private final long timeToLiveNanos;

	private final LongAdder hits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	private final Object lock = new Object();

	/** Bumped by every change that a concurrent read from Redis must not overwrite. */
	private long epoch;

	private volatile boolean subscribed;

	private volatile @Nullable Instant lastMessage;

	private volatile @Nullable Instant lastSubscribed;

	private volatile long subscriptions;

	/**
	 * Create an empty cache that does not answer until {@link #subscribed()} is called.
	 * @param maxSize most entries of each kind (token ids, subjects); positive
	 * @param timeToLive longest time an entry is used; positive
	 * @param meterRegistry where to register {@code redis.token.blacklist.local.cache.*}
	 */
	public LocalRevocationCache(int maxSize, Duration timeToLive, MeterRegistry meterRegistry) {
		if (maxSize < 1) {
			throw new IllegalArgumentException("maxSize must be positive");
		}
		if (timeToLive.isNegative() || timeToLive.isZero()) {
			throw new IllegalArgumentException("timeToLive must be positive");
		}
		this.maxSize = maxSize;
		this.timeToLiveNanos = timeToLive.toNanos();
		Gauge.builder("redis.token.blacklist.local.cache.size", this, LocalRevocationCache::size)
			.description("Entries in the token blacklist's local cache")
			.register(meterRegistry);
		FunctionCounter.builder("redis.token.blacklist.local.cache.gets", this.hits, LongAdder::sum)
			.tag("result", "hit")
			.description("Token blacklist checks answered by the local cache")
			.register(meterRegistry);
		FunctionCounter.builder("redis.token.blacklist.local.cache.gets", this.misses, LongAdder::sum)
			.tag("result", "miss")
			.description("Token blacklist checks the local cache could not answer")
			.register(meterRegistry);
	}

	/**
	 * Answer a check from memory.
	 * @param token the token
	 * @return whether it is revoked, or {@code null} when the cache cannot tell
	 */
	@Nullable Boolean lookup(TokenDescriptor token) {
		if (!this.subscribed) {
			this.misses.increment();
			return null;
		}
		long now = System.nanoTime();
		Entry tokenEntry = fresh(this.tokens, token.tokenId(), now);
		if (tokenEntry == null) {
			this.misses.increment();
			return null;
		}
		if (tokenEntry.value == REVOKED) {
			this.hits.increment();
			return Boolean.TRUE;
		}
		String subject = token.subject();
		if (subject == null) {
			this.hits.increment();
			return Boolean.FALSE;
		}
		Entry userEntry = fresh(this.users, subject, now);
		if (userEntry == null) {
			this.misses.increment();
			return null;
		}
		this.hits.increment();
		return token.revokedBy((userEntry.value == NO_NOT_BEFORE) ? null : userEntry.value);
	}

	private @Nullable Entry fresh(Map<String, Entry> map, String key, long now) {
		Entry entry = map.get(key);
		if (entry != null && now - entry.storedAt > this.timeToLiveNanos) {
			map.remove(key, entry);
			return null;
		}
		return entry;
	}

	/**
	 * Take a stamp before reading from Redis, to hand to
	 * {@link #store(long, TokenDescriptor, boolean, Long)} afterwards.
	 * @return the stamp; negative when nothing read now may be stored
	 */
	long stamp() {
		synchronized (this.lock) {
			return this.subscribed ? this.epoch : -1;
		}
	}

	/**
	 * Store what Redis answered, unless something changed since the stamp was taken.
	 * @param stamp the stamp taken before reading
	 * @param token the token
	 * @param tokenRevoked whether the token's own key was present
	 * @param notBefore the subject's not-before, if any (ignored without a subject)
	 */
	void store(long stamp, TokenDescriptor token, boolean tokenRevoked, @Nullable Long notBefore) {
		synchronized (this.lock) {
			if (stamp < 0 || stamp != this.epoch || !this.subscribed) {
				return;
			}
			long now = System.nanoTime();
			put(this.tokens, token.tokenId(), tokenRevoked ? REVOKED : VALID, now);
			if (token.subject() != null) {
				put(this.users, token.subject(), (notBefore != null) ? notBefore : NO_NOT_BEFORE, now);
			}
		}
	}

	void tokenRevoked(String tokenId) {
		synchronized (this.lock) {
			this.epoch++;
			put(this.tokens, tokenId, REVOKED, System.nanoTime());
		}
	}

	void tokenRestored(String tokenId) {
		synchronized (this.lock) {
			this.epoch++;
			this.tokens.remove(tokenId);
		}
	}

	void userRevoked(String subject, long notBefore) {
		synchronized (this.lock) {
			this.epoch++;
			Entry current = this.users.get(subject);
			long latest = (current != null) ? Math.max(current.value, notBefore) : notBefore;
			put(this.users, subject, latest, System.nanoTime());
		}
	}

	void userRestored(String subject) {
		synchronized (this.lock) {
			this.epoch++;
			this.users.remove(subject);
		}
	}

	/**
	 * Empty the cache.
	 */
	public void clear() {
		synchronized (this.lock) {
			this.epoch++;
			this.tokens.clear();
			this.users.clear();
		}
	}

	/**
	 * Record that a sync message arrived.
	 */
	void messageReceived() {
		this.lastMessage = Instant.now();
	}

	/**
	 * The subscription is (again) established: start answering from an empty cache.
	 */
	void subscribed() {
		synchronized (this.lock) {
			this.epoch++;
			this.tokens.clear();
			this.users.clear();
			this.subscribed = true;
			this.subscriptions++;
			this.lastSubscribed = Instant.now();
		}
	}

	/**
	 * The subscription is lost: stop answering until it is back.
	 */
	void unsubscribed() {
		synchronized (this.lock) {
			this.subscribed = false;
			this.epoch++;
			this.tokens.clear();
			this.users.clear();
		}
	}

	private void put(Map<String, Entry> map, String key, long value, long now) {
		if (map.size() >= this.maxSize && !map.containsKey(key)) {
			evict(map, now);
		}
		map.put(key, new Entry(value, now));
	}

	/**
	 * Make room: drop stale entries, then arbitrary ones down to 90% of the bound. Called
	 * under the lock, on a miss only, so its cost is paid next to a round trip.
	 */
	private void evict(Map<String, Entry> map, long now) {
		map.values().removeIf((entry) -> now - entry.storedAt > this.timeToLiveNanos);
		int target = Math.max(0, this.maxSize - Math.max(1, this.maxSize / 10));
		Iterator<String> keys = map.keySet().iterator();
		while (map.size() > target && keys.hasNext()) {
			keys.next();
			keys.remove();
		}
	}

	/**
	 * Return the number of entries (token ids and subjects).
	 * @return the size
	 */
	public int size() {
		return this.tokens.size() + this.users.size();
	}

	private double hitRatio() {
		long hitCount = this.hits.sum();
		long total = hitCount + this.misses.sum();
		return (total != 0) ? (double) hitCount / total : 0;
	}

	/**
	 * Return a snapshot of the cache and its subscription, for health and diagnostics.
	 * @return the status
	 */
	public Status status() {
		return new Status(this.subscribed, this.lastMessage, this.lastSubscribed, Math.max(0, this.subscriptions - 1),
				size(), this.hits.sum(), this.misses.sum(), hitRatio());
	}

	/**
	 * A snapshot of the local cache.
	 *
	 * @param subscribed whether the sync subscription is up (the cache answers only then)
	 * @param lastMessage when the last sync message arrived, if any did
	 * @param lastSubscribed when the subscription was last established, if ever
	 * @param resubscriptions how often the subscription was established again after a
	 * loss
	 * @param size entries held
	 * @param hits checks answered from memory
	 * @param misses checks that went to Redis
	 * @param hitRatio hits among all checks
	 */
	public record Status(boolean subscribed, @Nullable Instant lastMessage, @Nullable Instant lastSubscribed,
			long resubscriptions, int size, long hits, long misses, double hitRatio) {

	}

	private record Entry(long value, long storedAt) {

	}

}
