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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 * normal use, its failure starts another period. At most one call waits on a Redis that
 * does not answer: the probe keeps its turn for the back-off period or the command
 * timeout, whichever is longer.
 * <p>
 * Only a call that found Redis unreachable or unable to serve opens the back-off. An
 * answer of any kind closes it: a result, an ACL refusal, malformed data, a script error,
 * and a refused write ({@code OOM}, {@code MISCONF}, {@code READONLY},
 * {@code NOREPLICAS}), since a server that refuses writes still serves reads and answers
 * at once. A call that ended without telling anything about Redis (interrupted,
 * cancelled, failed in the caller's own code) gives up the probe's turn without a
 * verdict. A back-off of zero turns skipping off (failures are still counted).
 * <p>
 * Obtain instances from {@link OutageBackoffs}, which reports them as meters and health
 * details; {@link #disabled(String)} is for features built without one.
 *
 * @author redis-utils authors
 */
public final class OutageBackoff {

	/**
	 * The longest back-off accepted: an application skipping Redis for longer would
	 * rather be down.
	 */
	public static final Duration MAX_BACKOFF = Duration.ofHours(1);

	private static final Log logger = LogFactory.getLog(OutageBackoff.class);

	private final String feature;

	private final long backoffNanos;

	private final long probeHoldNanos;

	private final RedisRetry retry;

	private final LongAdder retries = new LongAdder();

	private final LongAdder failures = new LongAdder();

	private final LongAdder bypassed = new LongAdder();

	/**
	 * Every field that changes together, swapped as one so that a success and a failure
	 * racing each other never leave a half-open mix.
	 */
	private final AtomicReference<State> state = new AtomicReference<>(State.CLOSED);

	private volatile @Nullable String lastError;

	/**
	 * Create a back-off.
	 * @param feature the feature's name, as in health and meters ({@code rate-limit})
	 * @param backoff how long Redis is skipped after a failure; zero turns skipping off
	 * @throws IllegalArgumentException if the back-off is negative or longer than
	 * {@link #MAX_BACKOFF}
	 */
	public OutageBackoff(String feature, Duration backoff) {
		this(feature, backoff, RedisRetry.NONE, Duration.ZERO);
	}

	/**
	 * Create a back-off whose {@link #read idempotent reads} are retried, its probe
	 * keeping its turn for the back-off period.
	 * @param feature the feature's name, as in health and meters ({@code rate-limit})
	 * @param backoff how long Redis is skipped after a failure; zero turns skipping off
	 * @param retry how reads are retried ({@link RedisRetry#NONE} for not at all)
	 * @throws IllegalArgumentException if the back-off is negative or longer than
	 * {@link #MAX_BACKOFF}
	 */
	public OutageBackoff(String feature, Duration backoff, RedisRetry retry) {
		this(feature, backoff, retry, Duration.ZERO);
	}

	/**
	 * Create a back-off whose {@link #read idempotent reads} are retried.
	 * @param feature the feature's name, as in health and meters ({@code rate-limit})
	 * @param backoff how long Redis is skipped after a failure; zero turns skipping off
	 * @param retry how reads are retried ({@link RedisRetry#NONE} for not at all)
	 * @param commandTimeout how long a call may wait for an answer
	 * ({@code spring.data.redis.timeout}): a probe keeps its turn at least that long, so
	 * that no second call waits on a Redis that does not answer
	 * @throws IllegalArgumentException if the back-off is negative or longer than
	 * {@link #MAX_BACKOFF}
	 */
	public OutageBackoff(String feature, Duration backoff, RedisRetry retry, Duration commandTimeout) {
		SettingProblems.throwIfAny("outage back-off of '" + feature + "'", problems("backoff", backoff));
		this.feature = feature;
		this.backoffNanos = backoff.toNanos();
		this.probeHoldNanos = Math.max(this.backoffNanos, saturatedNanos(commandTimeout));
		this.retry = retry;
	}

	/**
	 * Check a back-off period.
	 * @param field the name to report problems under
	 * @param backoff the period
	 * @return the problems, by field name; empty if there are none
	 */
	public static Map<String, String> problems(String field, @Nullable Duration backoff) {
		return new SettingProblems().notNegative(field, backoff).atMost(field, backoff, MAX_BACKOFF, null).toMap();
	}

	private static long saturatedNanos(Duration duration) {
		try {
			return Math.max(0, duration.toNanos());
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE / 2;
		}
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
	 * Return how long Redis is skipped after a failure.
	 * @return the back-off period; zero when skipping is off
	 */
	public Duration backoff() {
		return Duration.ofNanos(this.backoffNanos);
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
		catch (RuntimeException | Error ex) {
			failed(ex);
			throw ex;
		}
		succeeded();
		return result;
	}

	/**
	 * Run an idempotent Redis read, one whose repetition cannot change any answer (a
	 * cache get, a blacklist check, a session read), as {@link #call} does, retrying it
	 * by the {@link RedisRetry retry policy} when it finds Redis unavailable. A read that
	 * timed out is not retried, nor is a probe, and only the last attempt's failure
	 * starts the back-off. Never use it for a write: a write whose answer was lost may
	 * have been applied.
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
	 * Retries stop as soon as the back-off is open: another call found Redis unavailable
	 * meanwhile, or this read is the probe, which tries once.
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
				if (attempt >= this.retry.maxAttempts() || RedisErrors.isTimeout(ex) || RedisErrors.isInterrupted(ex)
						|| bypassing() || !pause(attempt)) {
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
	 * {@link #succeeded()}, {@link #failed(Throwable)} or {@link #abandoned()}; a probe
	 * whose outcome is never reported is replaced by another one when its turn ends.
	 * @return {@code true} to call Redis, {@code false} to answer with the fallback now
	 */
	public boolean tryEnter() {
		while (true) {
			State current = this.state.get();
			if (!current.open) {
				return true;
			}
			long now = System.nanoTime();
			if (now - current.openUntil < 0 || (current.probing && now - current.probeUntil < 0)) {
				this.bypassed.increment();
				return false;
			}
			if (this.state.compareAndSet(current, current.probing(now + this.probeHoldNanos))) {
				return true;
			}
		}
	}

	/**
	 * Record that Redis answered: normal use resumes if it was being skipped.
	 */
	public void succeeded() {
		// A plain read first: the hot path, Redis answering, writes nothing.
		if (!this.state.get().open) {
			return;
		}
		if (this.state.getAndSet(State.CLOSED).open) {
			logger.info("Redis answers the " + this.feature + " again; " + this.bypassed.sum()
					+ " calls skipped it in all so far");
		}
	}

	/**
	 * Record how a call failed. Only a call that found Redis unreachable or unable to
	 * serve ({@link RedisUnavailableException}, other than a refused write or an
	 * interruption) skips Redis for the back-off period from now; any other
	 * {@link RedisUtilsException} means Redis answered; anything else, or an
	 * interruption, tells nothing and only gives up a probe's turn.
	 * @param failure what the call threw
	 */
	public void failed(Throwable failure) {
		if (!(failure instanceof RedisUnavailableException) || RedisErrors.isInterrupted(failure)) {
			if (failure instanceof RedisUtilsException && !RedisErrors.isInterrupted(failure)) {
				succeeded();
			}
			else {
				abandoned();
			}
			return;
		}
		this.failures.increment();
		this.lastError = ErrorText.firstLine(String.valueOf(failure.getMessage()));
		if (RedisErrors.isWriteRefusal(failure)) {
			// Redis answered at once and still serves reads.
			succeeded();
			return;
		}
		if (this.backoffNanos == 0) {
			return;
		}
		long until = System.nanoTime() + this.backoffNanos;
		State before = this.state.getAndUpdate((current) -> current.reopened(until));
		if (!before.open) {
			logger.warn("Redis is unavailable to the " + this.feature + "; skipping it for "
					+ TimeUnit.NANOSECONDS.toMillis(this.backoffNanos) + " ms at a time until it answers: "
					+ failure.getMessage());
		}
	}

	/**
	 * Record that a call let in by {@link #tryEnter()} ended without telling anything
	 * about Redis (cancelled, interrupted, failed in the caller's own code): if it was
	 * the probe, the next call probes instead.
	 */
	public void abandoned() {
		this.state.updateAndGet(State::withoutProbe);
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
	 * Return whether Redis is being skipped now. Unlike {@link #tryEnter()}, asking never
	 * takes a probe's turn: health and meters use it.
	 * @return whether calls answer with the fallback
	 */
	public boolean bypassing() {
		return this.state.get().open;
	}

	/**
	 * Return the back-off's state.
	 * @return the state, for health and meters
	 */
	public OutageStatus status() {
		State current = this.state.get();
		return new OutageStatus(this.feature, current.open, backoff(), this.failures.sum(), this.bypassed.sum(),
				current.since, this.lastError);
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

	/**
	 * The breaker's state: closed, or open until a time with at most one probe in flight.
	 *
	 * @param open whether Redis is being skipped
	 * @param openUntil when the period ends, by {@link System#nanoTime()}
	 * @param probing whether a probe holds the turn
	 * @param probeUntil when the probe's turn ends
	 * @param since when the outage began, or {@code null} when closed
	 */
	private record State(boolean open, long openUntil, boolean probing, long probeUntil, @Nullable Instant since) {

		static final State CLOSED = new State(false, 0, false, 0, null);

		State probing(long until) {
			return new State(true, this.openUntil, true, until, this.since);
		}

		State withoutProbe() {
			return this.probing ? new State(this.open, this.openUntil, false, 0, this.since) : this;
		}

		State reopened(long until) {
			return new State(true, until, false, 0, this.open ? this.since : Instant.now());
		}

	}

}
