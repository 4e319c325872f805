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

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

/**
 * The {@link ClaimedJob} of a pull consumer: one delivery, acknowledged through the same
 * {@link JobAcknowledger} as workers use, so the outcome rules and meters are the same.
 *
 * @author redis-utils authors
 */
final class PulledJob implements ClaimedJob {

	private final DefaultJobQueue queue;

	private final Delivery delivery;

	private final JobAcknowledger acknowledger;

	private final JobContext context;

	PulledJob(DefaultJobQueue queue, Delivery delivery, JobAcknowledger acknowledger) {
		this.queue = queue;
		this.delivery = delivery;
		this.acknowledger = acknowledger;
		this.context = new JobContext(delivery.id, queue.name(), delivery.type, delivery.attempt, delivery.maxAttempts,
				delivery.enqueuedAt, (progress) -> acknowledger.progress(delivery, progress));
	}

	@Override
	public JobContext context() {
		return this.context;
	}

	@Override
	public <T> @Nullable T payload(Class<T> type) {
		return this.queue.codec().decode(this.delivery.payload, type);
	}

	@Override
	public @Nullable Object payload(Type type) {
		return this.queue.codec().decode(this.delivery.payload, type);
	}

	@Override
	public boolean complete(@Nullable Object result) {
		return this.acknowledger.complete(this.delivery, result);
	}

	@Override
	public boolean fail(String reason) {
		return this.acknowledger.fail(this.delivery, reason, false);
	}

	@Override
	public boolean fail(Throwable error) {
		return this.acknowledger.fail(this.delivery, JobAcknowledger.describe(error), false);
	}

	@Override
	public boolean deadLetter(String reason) {
		return this.acknowledger.fail(this.delivery, reason, true);
	}

	@Override
	public boolean extend() {
		return this.acknowledger.extend(this.delivery);
	}

	@Override
	public String toString() {
		return "ClaimedJob[" + this.context + "]";
	}

}
