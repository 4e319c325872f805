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

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One job taken by this instance: what the take script returned, plus the state of its
 * run (for the timeout, the heartbeat and graceful shutdown).
 *
 * @author redis-utils authors
 */
final class Delivery {

	final String id;

	final String type;

	final byte[] payload;

	final String token;

	final int attempt;

	final int maxAttempts;

	final long timeoutMillis;

	final Backoff backoff;

	final Instant enqueuedAt;

	private @Nullable Thread thread;

	private boolean timedOut;

	private volatile boolean givenBack;

	Delivery(String id, String type, byte[] payload, String token, int attempt, int maxAttempts, long timeoutMillis,
			Backoff backoff, Instant enqueuedAt) {
		this.id = id;
		this.type = type;
		this.payload = payload;
		this.token = token;
		this.attempt = attempt;
		this.maxAttempts = maxAttempts;
		this.timeoutMillis = timeoutMillis;
		this.backoff = backoff;
		this.enqueuedAt = enqueuedAt;
	}

	synchronized void running(Thread thread) {
		this.thread = thread;
	}

	/**
	 * The handler returned or threw: from now on, a late timeout must not interrupt the
	 * thread, which has moved on to acknowledging or to another job.
	 */
	synchronized boolean finished() {
		this.thread = null;
		return this.timedOut;
	}

	synchronized void timeOut() {
		if (this.thread != null) {
			this.timedOut = true;
			this.thread.interrupt();
		}
	}

	void giveBack() {
		this.givenBack = true;
	}

	boolean givenBack() {
		return this.givenBack;
	}

}
