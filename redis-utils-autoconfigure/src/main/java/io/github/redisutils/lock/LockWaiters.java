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

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Wakes waiting threads when a lock they wait for is released.
 * <p>
 * One pattern subscription per registry ({@code PSUBSCRIBE <prefix>:lock:*}) on its own
 * connection, made when the first thread has to wait; the release script publishes on the
 * lock's channel. On Redis Cluster, classic pub/sub messages reach every node, so one
 * subscription to any node hears every release. Each message costs one map look-up here
 * and unparks the threads of this registry waiting for that lock; nothing blocks the
 * connection's event loop. Messages can be lost (a reconnection, a subscription not yet
 * confirmed), which is why waiters also poll at a bounded interval.
 *
 * @author redis-utils authors
 */
final class LockWaiters implements MessageListener, AutoCloseable {

	private static final Log logger = LogFactory.getLog(LockWaiters.class);

	private static final long RETRY_SUBSCRIBE_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final RedisConnectionFactory connectionFactory;

	private final byte[] pattern;

	private final ConcurrentHashMap<String, Set<Waiter>> waiting = new ConcurrentHashMap<>();

	private final ReentrantLock subscribing = new ReentrantLock();

	private volatile @Nullable RedisConnection subscription;

	private volatile long nextAttemptNanos = System.nanoTime();

	private volatile boolean closed;

	LockWaiters(RedisConnectionFactory connectionFactory, String pattern) {
		this.connectionFactory = connectionFactory;
		this.pattern = pattern.getBytes(StandardCharsets.UTF_8);
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
		return this.subscription != null;
	}

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		Set<Waiter> waiters = this.waiting.get(new String(message.getChannel(), StandardCharsets.UTF_8));
		if (waiters != null) {
			waiters.forEach(Waiter::wake);
		}
	}

	private void ensureSubscribed() {
		if (this.subscription != null || this.closed || System.nanoTime() - this.nextAttemptNanos < 0
				|| !this.subscribing.tryLock()) {
			// Until subscribed, waiters poll: nobody waits for the subscription itself.
			return;
		}
		try {
			if (this.subscription == null && !this.closed) {
				subscribe();
			}
		}
		finally {
			this.subscribing.unlock();
		}
	}

	private void subscribe() {
		RedisConnection connection = null;
		try {
			connection = this.connectionFactory.getConnection();
			connection.pSubscribe(this, this.pattern);
			this.subscription = connection;
		}
		catch (RuntimeException ex) {
			this.nextAttemptNanos = System.nanoTime() + RETRY_SUBSCRIBE_NANOS;
			logger.debug("Could not subscribe to lock releases; waiters poll meanwhile", ex);
			if (connection != null) {
				closeQuietly(connection);
			}
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.subscribing.lock();
		try {
			RedisConnection connection = this.subscription;
			this.subscription = null;
			if (connection != null) {
				closeQuietly(connection);
			}
		}
		finally {
			this.subscribing.unlock();
		}
	}

	private static void closeQuietly(RedisConnection connection) {
		try {
			if (connection.getSubscription() != null) {
				connection.getSubscription().close();
			}
			connection.close();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not close the lock release subscription", ex);
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
