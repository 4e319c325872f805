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
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * One child of the {@code redis} composite, run on the composite's pool and bounded by
 * its timeout through a {@link BoundedCall}: at most one check of the child is in flight,
 * and a check that hangs is waited for again by the next requests (each for one timeout
 * at most), so a hung child ties up one thread however often health is read.
 * <p>
 * A check started ahead by {@link #prefetch()}, when the whole composite is read, is
 * handed to the first {@link #health()} call that follows, so that the children of one
 * request run side by side and the request takes one timeout, not one per child.
 *
 * @author redis-utils authors
 */
final class BoundedHealthIndicator implements HealthIndicator {

	private final String name;

	private final BoundedCall<Health> check;

	private final Status timeoutStatus;

	private final String timeoutError;

	private final UnaryOperator<Health> decorator;

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
		this.check = new BoundedCall<>(delegate::health, timeout, executor);
		this.timeoutStatus = timeoutStatus;
		this.timeoutError = timeoutError;
	}

	/**
	 * Start a check unless one is in flight, for a {@link #health()} call that follows;
	 * that call waits for the check one timeout from now at most.
	 */
	void prefetch() {
		this.check.prefetch();
	}

	@Override
	public Health health() {
		return this.decorator.apply(this.check.await(
				() -> Health.status(this.timeoutStatus).withDetail("error", this.timeoutError).build(), this::failed));
	}

	private Health failed(Throwable failure) {
		if (failure instanceof InterruptedException) {
			return Health.unknown().withDetail("error", "Interrupted while checking '" + this.name + "'").build();
		}
		return Health.down().withDetail("error", HealthErrors.describe(failure)).build();
	}

}
