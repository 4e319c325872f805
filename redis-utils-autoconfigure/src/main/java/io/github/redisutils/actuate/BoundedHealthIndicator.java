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
import java.util.function.UnaryOperator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * One child of the {@code redis} composite, run on the composite's pool and bounded by
 * its timeout. At most one check of the child is in flight: a check that hangs is waited
 * for again by the next requests (each for one timeout at most), so a hung child ties up
 * one thread however often health is read.
 * <p>
 * A check started ahead by {@link #prefetch()}, when the whole composite is read, is
 * handed to the first {@link #health()} call that follows, so that the children of one
 * request run side by side and the request takes one timeout, not one per child.
 *
 * @author redis-utils authors
 */
final class BoundedHealthIndicator implements HealthIndicator {

	private final String name;

	private final HealthIndicator delegate;

	private final Duration timeout;

	private final Status timeoutStatus;

	private final String timeoutError;

	private final Executor executor;

	private final UnaryOperator<Health> decorator;

	private @Nullable Check current;

	/**
	 * Create a bounded child.
	 * @param name the child's name, for messages
	 * @param delegate the child
	 * @param timeout longest time a check may take
	 * @param timeoutStatus status reported when a check takes longer
	 * @param timeoutError {@code error} detail reported then
	 * @param executor where checks run
	 */
	BoundedHealthIndicator(String name, HealthIndicator delegate, Duration timeout, Status timeoutStatus,
			String timeoutError, Executor executor) {
		this(name, delegate, timeout, timeoutStatus, timeoutError, executor, UnaryOperator.identity());
	}

	/**
	 * Create a bounded child whose answers, timeouts included, pass through a decorator.
	 * @param name the child's name, for messages
	 * @param delegate the child
	 * @param timeout longest time a check may take
	 * @param timeoutStatus status reported when a check takes longer
	 * @param timeoutError {@code error} detail reported then
	 * @param executor where checks run
	 * @param decorator what adds details known without asking Redis
	 */
	BoundedHealthIndicator(String name, HealthIndicator delegate, Duration timeout, Status timeoutStatus,
			String timeoutError, Executor executor, UnaryOperator<Health> decorator) {
		this.decorator = decorator;
		this.name = name;
		this.delegate = delegate;
		this.timeout = timeout;
		this.timeoutStatus = timeoutStatus;
		this.timeoutError = timeoutError;
		this.executor = executor;
	}

	/**
	 * Start a check unless one is in flight, for a {@link #health()} call that follows;
	 * that call waits for the check one timeout from now at most.
	 */
	synchronized void prefetch() {
		if (this.current == null || this.current.future.isDone()) {
			this.current = start();
		}
		else {
			this.current.deadline = System.nanoTime() + this.timeout.toNanos();
		}
		// The endpoint reads every child within about one timeout of asking for them; a
		// prefetched check not read by then (its child was not asked for) is not reused.
		this.current.prefetchedUntil = this.current.deadline + this.timeout.toNanos();
	}

	@Override
	public Health health() {
		return this.decorator.apply(check());
	}

	private Health check() {
		Claim claim = claim();
		long remaining = claim.deadline() - System.nanoTime();
		try {
			return claim.future().get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return Health.status(this.timeoutStatus).withDetail("error", this.timeoutError).build();
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return Health.down().withDetail("error", HealthErrors.describe(cause)).build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.unknown().withDetail("error", "Interrupted while checking '" + this.name + "'").build();
		}
	}

	/**
	 * Return the check this call waits for and until when: a prefetched one until the
	 * deadline set then, one still in flight for one timeout from now, else a new one.
	 */
	private synchronized Claim claim() {
		Check check = this.current;
		long now = System.nanoTime();
		if (check != null && check.prefetchedUntil != null && now - check.prefetchedUntil < 0) {
			check.prefetchedUntil = null;
			return new Claim(check.future, check.deadline);
		}
		if (check != null && !check.future.isDone()) {
			check.prefetchedUntil = null;
			check.deadline = now + this.timeout.toNanos();
			return new Claim(check.future, check.deadline);
		}
		check = start();
		this.current = check;
		return new Claim(check.future, check.deadline);
	}

	private Check start() {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		return new Check(CompletableFuture.supplyAsync(this.delegate::health, this.executor), deadline);
	}

	/**
	 * One run of the child; its fields are guarded by the indicator's lock.
	 */
	private static final class Check {

		private final CompletableFuture<Health> future;

		private long deadline;

		private @Nullable Long prefetchedUntil;

		Check(CompletableFuture<Health> future, long deadline) {
			this.future = future;
			this.deadline = deadline;
		}

	}

	private record Claim(CompletableFuture<Health> future, long deadline) {

	}

}
