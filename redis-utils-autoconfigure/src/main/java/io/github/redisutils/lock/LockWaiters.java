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
package io.github.redisutils.lock;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.github.redisutils.core.RedisSubscription;
import io.github.redisutils.core.SubscriptionStatus;
import org.jspecify.annotations.Nullable;

/**
 * Wakes waiting threads when a lock they wait for is released.
 * <p>
 * One pattern subscription per registry ({@code PSUBSCRIBE <prefix>:lock:*}) through a
 * {@link RedisSubscription}, started when the first thread has to wait; the release
 * script publishes on the lock's channel. On Redis Cluster, classic pub/sub messages
 * reach every node, so one subscription to any node hears every release. Each message
 * costs one map look-up here and unparks the threads of this registry waiting for that
 * lock; nothing blocks the connection's event loop. Messages can be lost (a reconnection,
 * a subscription not yet confirmed, a pattern the ACL user may not subscribe to), which
 * is why waiters also poll at a bounded interval. Without a subscription (a connection
 * factory other than Lettuce's) waiters only poll.
 *
 * @author redis-utils authors
 */
final class LockWaiters implements RedisSubscription.Listener, AutoCloseable {

	private final @Nullable RedisSubscription subscription;

	private final String pattern;

	private final ConcurrentHashMap<String, Set<Waiter>> waiting = new ConcurrentHashMap<>();

	private final AtomicBoolean started = new AtomicBoolean();

	private volatile boolean closed;

	/**
	 * Create the waiters of one registry.
	 * @param subscriptions makes the subscription, told this object as its listener;
	 * {@code null} to poll only
	 * @param pattern the pattern release channels match
	 */
	LockWaiters(java.util.function.@Nullable Function<RedisSubscription.Listener, RedisSubscription> subscriptions,
			String pattern) {
		this.subscription = (subscriptions != null) ? subscriptions.apply(this) : null;
		this.pattern = pattern;
	}

	/**
	 * Register the current thread as a waiter on a channel. The caller then tries to
	 * acquire once more before it parks, so a release between its last attempt and this
	 * registration is not missed.
	 */
	Waiter register(String channel) {
		ensureSubscribed();
		Waiter waiter = new Waiter(Thread.currentThread());
		this.waiting.compute(channel, (key, waiters) -> {
			Set<Waiter> set = (waiters != null) ? waiters : ConcurrentHashMap.newKeySet();
			set.add(waiter);
			return set;
		});
		return waiter;
	}

	void unregister(String channel, Waiter waiter) {
		this.waiting.computeIfPresent(channel, (key, waiters) -> {
			waiters.remove(waiter);
			return waiters.isEmpty() ? null : waiters;
		});
	}

	boolean isSubscribed() {
		RedisSubscription current = this.subscription;
		return current != null && current.isConnected() && current.status().refused().isEmpty();
	}

	SubscriptionStatus status() {
		RedisSubscription current = this.subscription;
		return (current != null) ? current.status() : SubscriptionStatus.none();
	}

	/**
	 * Drop the subscription connection and subscribe again from scratch.
	 */
	void reconnect() {
		RedisSubscription current = this.subscription;
		if (current != null) {
			current.reconnect();
		}
	}

	@Override
	public void message(String pattern, String channel, byte[] message) {
		Set<Waiter> waiters = this.waiting.get(channel);
		if (waiters != null) {
			waiters.forEach(Waiter::wake);
		}
	}

	private void ensureSubscribed() {
		RedisSubscription current = this.subscription;
		if (current == null || this.closed || this.started.get() || !this.started.compareAndSet(false, true)) {
			// Until subscribed, waiters poll: nobody waits for the subscription itself.
			return;
		}
		current.psubscribe(this.pattern);
		current.start();
		if (this.closed) {
			current.stop();
		}
	}

	@Override
	public void close() {
		this.closed = true;
		RedisSubscription current = this.subscription;
		if (current != null) {
			current.stop();
		}
	}

	/**
	 * One waiting thread. {@link LockSupport} permits make a wake-up between the check
	 * and the park effective, and do not pin virtual threads.
	 */
	static final class Waiter {

		private final Thread thread;

		private volatile boolean woken;

		Waiter(Thread thread) {
			this.thread = thread;
		}

		void wake() {
			this.woken = true;
			LockSupport.unpark(this.thread);
		}

		void park(long nanos) {
			if (!this.woken) {
				LockSupport.parkNanos(this, nanos);
			}
			this.woken = false;
		}

	}

}
