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
package io.github.redisutils.actuate;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A read run on a pool and waited for one timeout at most, shared by the health children
 * and the {@code redisutils} endpoint. At most one run of the read is in flight: a run
 * that hangs is waited for again by the next callers (each for one timeout at most), so a
 * hung read ties up one thread however often it is asked for.
 * <p>
 * A run started ahead by {@link #prefetch()} is handed to the first {@link #await} call
 * that follows, so that the reads of one request run side by side and the request takes
 * one timeout, not one per read.
 *
 * @param <T> what the read returns
 * @author redis-utils authors
 */
final class BoundedCall<T> {

	private final Supplier<T> read;

	private final Duration timeout;

	private final Executor executor;

	private @Nullable Run<T> current;

	/**
	 * Create a bounded read.
	 * @param read the read
	 * @param timeout longest time a caller waits for it
	 * @param executor where runs happen
	 */
	BoundedCall(Supplier<T> read, Duration timeout, Executor executor) {
		this.read = read;
		this.timeout = timeout;
		this.executor = executor;
	}

	/**
	 * Return the longest time a caller waits.
	 * @return the timeout
	 */
	Duration timeout() {
		return this.timeout;
	}

	/**
	 * Start a run unless one is in flight, for an {@link #await} call that follows; that
	 * call waits for the run one timeout from now at most.
	 */
	synchronized void prefetch() {
		if (this.current == null || this.current.future.isDone()) {
			this.current = start();
		}
		else {
			this.current.deadline = System.nanoTime() + this.timeout.toNanos();
		}
		// The caller reads every prefetched run within about one timeout of asking for
		// them; a prefetched run not read by then (it was not asked for) is not reused.
		this.current.prefetchedUntil = this.current.deadline + this.timeout.toNanos();
	}

	/**
	 * Return whether no run is in flight.
	 * @return whether the read is idle
	 */
	synchronized boolean isIdle() {
		return this.current == null || this.current.future.isDone();
	}

	/**
	 * Wait for a run of the read: a prefetched one until the deadline set then, one still
	 * in flight for one timeout from now, else a new one.
	 * @param onTimeout the answer when the run takes longer
	 * @param onFailure the answer when the run fails, or when the wait is interrupted (an
	 * {@link InterruptedException}, the thread's interrupt flag set again)
	 * @return the read's value or one of the answers
	 */
	T await(Supplier<T> onTimeout, Function<Throwable, T> onFailure) {
		Claim<T> claim;
		try {
			claim = claim();
		}
		catch (RuntimeException ex) {
			// The pool refused the run.
			return onFailure.apply(ex);
		}
		long remaining = claim.deadline() - System.nanoTime();
		try {
			return claim.future().get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return onTimeout.get();
		}
		catch (ExecutionException ex) {
			return onFailure.apply((ex.getCause() != null) ? ex.getCause() : ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return onFailure.apply(ex);
		}
	}

	private synchronized Claim<T> claim() {
		Run<T> run = this.current;
		long now = System.nanoTime();
		if (run != null && run.prefetchedUntil != null && now - run.prefetchedUntil < 0) {
			run.prefetchedUntil = null;
			return new Claim<>(run.future, run.deadline);
		}
		if (run != null && !run.future.isDone()) {
			run.prefetchedUntil = null;
			run.deadline = now + this.timeout.toNanos();
			return new Claim<>(run.future, run.deadline);
		}
		run = start();
		this.current = run;
		return new Claim<>(run.future, run.deadline);
	}

	private Run<T> start() {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		return new Run<>(CompletableFuture.supplyAsync(this.read, this.executor), deadline);
	}

	/**
	 * One run of the read; its fields are guarded by the owner's lock.
	 */
	private static final class Run<T> {

		private final CompletableFuture<T> future;

		private long deadline;

		private @Nullable Long prefetchedUntil;

		Run(CompletableFuture<T> future, long deadline) {
			this.future = future;
			this.deadline = deadline;
		}

	}

	private record Claim<T>(CompletableFuture<T> future, long deadline) {

	}

}
