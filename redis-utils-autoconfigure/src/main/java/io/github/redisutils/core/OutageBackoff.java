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

package io.github.redisutils.core;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One feature's outage back-off, a small circuit breaker in front of Redis: after a call
 * found Redis unavailable, the feature skips Redis for the back-off period and answers
 * with its documented fallback at once (a rate limit fails open or closed, the cache
 * reads through to its loader, a session read throws {@link RedisUnavailableException}),
 * so that an outage does not cost every request a command timeout. When the period is
 * over, one call probes Redis while the others keep skipping it; its success resumes
 * normal use, its failure starts another period. At most one call per period waits on a
 * Redis that does not answer.
 * <p>
 * Only {@link RedisUnavailableException} opens the back-off: an ACL refusal, malformed
 * data or a script error mean that Redis answered. A back-off of zero turns skipping off
 * (failures are still counted).
 * <p>
 * Obtain instances from {@link OutageBackoffs}, which reports them as meters and health
 * details; {@link #disabled(String)} is for features built without one.
 *
 * @author redis-utils authors
 */
public final class OutageBackoff {

	private static final Log logger = LogFactory.getLog(OutageBackoff.class);

	private final String feature;

	private final long backoffNanos;

	private final RedisRetry retry;

	private final LongAdder retries = new LongAdder();

	private final LongAdder failures = new LongAdder();

	private final LongAdder bypassed = new LongAdder();

	private volatile boolean open;

	private volatile long openUntil;

	/**
	 * When the probe in flight, if any, stops counting as the period's probe (0: none).
	 */
	private final AtomicLong probeUntil = new AtomicLong();

	private volatile @Nullable Instant since;

	private volatile @Nullable String lastError;

	/**
	 * Create a back-off.
	 * @param feature the feature's name, as in health and meters ({@code rate-limit})
	 * @param backoff how long Redis is skipped after a failure; zero turns skipping off
	 * @throws IllegalArgumentException if the back-off is negative
	 */
	public OutageBackoff(String feature, Duration backoff) {
		this(feature, backoff, RedisRetry.NONE);
	}

	/**
	 * Create a back-off whose {@link #read idempotent reads} are retried.
	 * @param feature the feature's name, as in health and meters ({@code rate-limit})
	 * @param backoff how long Redis is skipped after a failure; zero turns skipping off
	 * @param retry how reads are retried ({@link RedisRetry#NONE} for not at all)
	 * @throws IllegalArgumentException if the back-off is negative
	 */
	public OutageBackoff(String feature, Duration backoff, RedisRetry retry) {
		if (backoff.isNegative()) {
			throw new IllegalArgumentException("Outage back-off of '" + feature + "' must not be negative: " + backoff);
		}
		this.feature = feature;
		this.backoffNanos = backoff.toNanos();
		this.retry = retry;
	}

	/**
	 * Return a back-off that never skips Redis, for a feature built without
	 * {@link OutageBackoffs}.
	 * @param feature the feature's name
	 * @return a back-off that only counts failures
	 */
	public static OutageBackoff disabled(String feature) {
		return new OutageBackoff(feature, Duration.ZERO);
	}

	/**
	 * Return the feature's name.
	 * @return the name, as in health and meters
	 */
	public String feature() {
		return this.feature;
	}

	/**
	 * Run a Redis call through {@link RedisCalls#call(Supplier, String, String)} unless
	 * Redis is being skipped, recording its outcome.
	 * @param <T> the call's result type
	 * @param call the call
	 * @param what what the call does, for messages
	 * @param key the key the call is about, or {@code null}
	 * @return the call's result
	 * @throws RedisUnavailableException if Redis is being skipped, could not be reached
	 * or could not serve
	 * @throws RedisUtilsException for any other failure, as {@link RedisCalls} says
	 */
	public <T> T call(Supplier<T> call, String what, @Nullable String key) {
		return guarded(() -> RedisCalls.call(call, what, key), what, key);
	}

	/**
	 * Run a call already translated by {@link RedisCalls} unless Redis is being skipped,
	 * recording its outcome.
	 */
	private <T> T guarded(Supplier<T> translated, String what, @Nullable String key) {
		if (!tryEnter()) {
			throw skipped(what, key);
		}
		T result;
		try {
			result = translated.get();
		}
		catch (RedisUnavailableException ex) {
			failed(ex);
			throw ex;
		}
		catch (RuntimeException ex) {
			// Redis answered, with a refusal or an error of the call's own.
			succeeded();
			throw ex;
		}
		succeeded();
		return result;
	}

	/**
	 * Run an idempotent Redis read, one whose repetition cannot change any answer (a
	 * cache get, a blacklist check, a session read), as {@link #call} does, retrying it
	 * by the {@link RedisRetry retry policy} when it finds Redis unavailable. A read that
	 * timed out is not retried, and only the last attempt's failure starts the back-off.
	 * Never use it for a write: a write whose answer was lost may have been applied.
	 * @param <T> the call's result type
	 * @param call the read
	 * @param what what the read does, for messages
	 * @param key the key the read is about, or {@code null}
	 * @return the read's result
	 * @throws RedisUnavailableException if Redis is being skipped, or could not be
	 * reached or could not serve in any attempt
	 * @throws RedisUtilsException for any other failure, as {@link RedisCalls} says
	 */
	public <T> T read(Supplier<T> call, String what, @Nullable String key) {
		return guarded(() -> retried(call, what, key), what, key);
	}

	/**
	 * Run an idempotent Redis read through {@link RedisCalls}, retried by the
	 * {@link RedisRetry retry policy} when it finds Redis unavailable, without the
	 * back-off's bookkeeping, for callers that report outcomes themselves (the cache).
	 * @param <T> the call's result type
	 * @param call the read
	 * @param what what the read does, for messages
	 * @param key the key the read is about, or {@code null}
	 * @return the read's result
	 * @throws RedisUnavailableException if Redis could not be reached or could not serve
	 * in any attempt
	 * @throws RedisUtilsException for any other failure, as {@link RedisCalls} says
	 */
	public <T> T retried(Supplier<T> call, String what, @Nullable String key) {
		for (int attempt = 1;; attempt++) {
			try {
				return RedisCalls.call(call, what, key);
			}
			catch (RedisUnavailableException ex) {
				if (attempt >= this.retry.maxAttempts() || RedisErrors.isTimeout(ex) || !pause(attempt)) {
					throw ex;
				}
				this.retries.increment();
			}
		}
	}

	private boolean pause(int retry) {
		try {
			Thread.sleep(this.retry.intervalBefore(retry).toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Run a Redis call that returns nothing, as {@link #call} does.
	 * @param call the call
	 * @param what what the call does, for messages
	 * @param key the key the call is about, or {@code null}
	 * @throws RedisUnavailableException if Redis is being skipped, could not be reached
	 * or could not serve
	 * @throws RedisUtilsException for any other failure
	 */
	public void run(Runnable call, String what, @Nullable String key) {
		call(() -> {
			call.run();
			return null;
		}, what, key);
	}

	/**
	 * Decide whether a call may go to Redis now, for callers that run their calls
	 * themselves (reactive pipelines, the cache). Such a caller reports the outcome with
	 * {@link #succeeded()} or {@link #failed(RuntimeException)}; a probe whose outcome is
	 * never reported is replaced by another one period later.
	 * @return {@code true} to call Redis, {@code false} to answer with the fallback now
	 */
	public boolean tryEnter() {
		if (!this.open) {
			return true;
		}
		long now = System.nanoTime();
		if (now - this.openUntil >= 0) {
			long probe = this.probeUntil.get();
			if ((probe == 0 || now - probe >= 0) && this.probeUntil.compareAndSet(probe, now + this.backoffNanos)) {
				return true;
			}
		}
		this.bypassed.increment();
		return false;
	}

	/**
	 * Record that Redis answered: normal use resumes if it was being skipped.
	 */
	public void succeeded() {
		if (this.open) {
			this.open = false;
			this.probeUntil.set(0);
			this.since = null;
			logger.info("Redis answers the " + this.feature + " again; " + this.bypassed.sum()
					+ " calls skipped it in all so far");
		}
	}

	/**
	 * Record that a call found Redis unavailable: Redis is skipped for the back-off
	 * period from now.
	 * @param failure what the call threw
	 */
	public void failed(RuntimeException failure) {
		this.failures.increment();
		this.lastError = ErrorText.firstLine(String.valueOf(failure.getMessage()));
		if (this.backoffNanos == 0) {
			return;
		}
		this.openUntil = System.nanoTime() + this.backoffNanos;
		this.probeUntil.set(0);
		if (!this.open) {
			this.since = Instant.now();
			this.open = true;
			logger.warn("Redis is unavailable to the " + this.feature + "; skipping it for "
					+ TimeUnit.NANOSECONDS.toMillis(this.backoffNanos) + " ms at a time until it answers: "
					+ failure.getMessage());
		}
	}

	/**
	 * Return the exception for a call that skipped Redis.
	 * @param what what the call would have done, for the message
	 * @param key the key the call is about, or {@code null}
	 * @return an exception naming the call and the failure that started the back-off
	 */
	public RedisUnavailableException skipped(String what, @Nullable String key) {
		return new RedisUnavailableException("Could not " + what + ((key != null) ? " (key '" + key + "')" : "")
				+ ": Redis is skipped for the outage back-off after: " + this.lastError, null);
	}

	/**
	 * Return whether Redis is being skipped now.
	 * @return whether calls answer with the fallback
	 */
	public boolean bypassing() {
		return this.open;
	}

	/**
	 * Return the back-off's state.
	 * @return the state, for health and meters
	 */
	public OutageStatus status() {
		return new OutageStatus(this.feature, this.open, Duration.ofNanos(this.backoffNanos), this.failures.sum(),
				this.bypassed.sum(), this.since, this.lastError);
	}

	long failureCount() {
		return this.failures.sum();
	}

	long retryCount() {
		return this.retries.sum();
	}

	long bypassedCount() {
		return this.bypassed.sum();
	}

}
