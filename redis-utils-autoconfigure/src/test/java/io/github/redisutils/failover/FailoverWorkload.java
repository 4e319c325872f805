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

package io.github.redisutils.failover;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

import io.github.redisutils.blacklist.TokenBlacklist;
import io.github.redisutils.cache.CacheStore;
import io.github.redisutils.core.RedisUtilsException;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.lock.LockHandle;
import io.github.redisutils.pubsub.RedisPubSub;
import io.github.redisutils.queue.JobQueue;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.ratelimit.RateLimitOutcome;
import io.github.redisutils.ratelimit.RateLimiter;
import io.github.redisutils.ratelimit.RateLimiterRegistry;
import io.github.redisutils.session.SessionStore;

import org.springframework.context.ApplicationContext;

/**
 * A bounded workload of every feature through the library's own beans, recording what
 * each feature acknowledged, every failure (which must be a typed exception) and the
 * longest call, so that a failover test can check afterwards that nothing acknowledged
 * was lost.
 *
 * @author redis-utils authors
 */
final class FailoverWorkload implements AutoCloseable {

	/**
	 * Limit of the rate-limit policy {@code failover} that {@link #properties()} sets.
	 */
	static final int RATE_LIMIT = 300;

	private final SessionStore sessions;

	private final TokenBlacklist blacklist;

	private final DistributedLocks locks;

	private final RateLimiter limiter;

	private final JobQueue queue;

	private final CacheStore cache;

	private final RedisPubSub pubSub;

	final List<Ack> sessionIds = Collections.synchronizedList(new ArrayList<>());

	final List<Ack> revokedIds = Collections.synchronizedList(new ArrayList<>());

	final List<Ack> jobIds = Collections.synchronizedList(new ArrayList<>());

	final List<Throwable> untyped = Collections.synchronizedList(new ArrayList<>());

	final AtomicInteger failures = new AtomicInteger();

	final AtomicInteger tokenRegressions = new AtomicInteger();

	final AtomicLong admitted = new AtomicLong();

	final AtomicLong maxLatencyNanos = new AtomicLong();

	final AtomicLong firstFailureNanos = new AtomicLong();

	final AtomicLong lastFailureNanos = new AtomicLong();

	private final AtomicLong counter = new AtomicLong();

	private long lastToken;

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running;

	FailoverWorkload(ApplicationContext context) {
		this.sessions = context.getBean(SessionStore.class);
		this.blacklist = context.getBean(TokenBlacklist.class);
		this.locks = context.getBean(DistributedLocks.class);
		this.limiter = context.getBean(RateLimiterRegistry.class).limiter("failover");
		this.queue = context.getBean(JobQueues.class).queue("failover");
		this.cache = context.getBean(CacheStore.class);
		this.pubSub = context.getBean(RedisPubSub.class);
	}

	/**
	 * Properties the workload needs besides the connection: a short command timeout, the
	 * rate-limit policy, no queue workers.
	 */
	static String[] properties() {
		return new String[] { "spring.data.redis.timeout=1s", "spring.data.redis.connect-timeout=500ms",
				"redis.rate-limit.policies.failover.limit=" + RATE_LIMIT,
				"redis.rate-limit.policies.failover.window=10m",
				"redis.rate-limit.policies.failover.algorithm=sliding-window", "redis.queue.workers-enabled=false" };
	}

	void start(int threadCount) {
		this.running = true;
		for (int i = 0; i < threadCount; i++) {
			Thread thread = new Thread(this::loop, "failover-workload-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	private void loop() {
		while (this.running) {
			long n = this.counter.incrementAndGet();
			call(() -> this.sessionIds.add(new Ack(this.sessions.create("user-" + n).id(), System.nanoTime())));
			call(() -> {
				String tokenId = "token-" + n;
				this.blacklist.revoke(tokenId, Instant.now().plusSeconds(3600));
				this.revokedIds.add(new Ack(tokenId, System.nanoTime()));
			});
			call(this::lockOnce);
			call(() -> {
				if (this.limiter.tryAcquire("client").outcome() == RateLimitOutcome.ALLOWED) {
					this.admitted.incrementAndGet();
				}
			});
			call(() -> this.jobIds.add(new Ack(this.queue.enqueue("failover", Map.of("n", n)), System.nanoTime())));
			call(() -> this.cache.put("entry-" + (n % 100), n, Duration.ofMinutes(5)));
			call(() -> this.pubSub.publish("failover", n));
		}
	}

	private void lockOnce() {
		Optional<LockHandle> acquired = this.locks.tryAcquire("fenced", Duration.ZERO, Duration.ofSeconds(5));
		if (acquired.isEmpty()) {
			return;
		}
		LockHandle handle = acquired.get();
		synchronized (this) {
			if (handle.fencingToken() <= this.lastToken) {
				this.tokenRegressions.incrementAndGet();
			}
			this.lastToken = Math.max(this.lastToken, handle.fencingToken());
		}
		handle.release();
	}

	private void call(Runnable operation) {
		long start = System.nanoTime();
		try {
			operation.run();
		}
		catch (RedisUtilsException ex) {
			this.failures.incrementAndGet();
			this.firstFailureNanos.compareAndSet(0, start);
			this.lastFailureNanos.set(System.nanoTime());
		}
		catch (Throwable ex) {
			this.untyped.add(ex);
		}
		finally {
			this.maxLatencyNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
		}
	}

	synchronized long lastToken() {
		return this.lastToken;
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		for (Thread thread : this.threads) {
			thread.join(10_000);
		}
	}

	/**
	 * Acknowledged sessions, revocations and jobs that Redis no longer has, except those
	 * acknowledged at a time the predicate excuses.
	 */
	Losses losses(LongPredicate excused) {
		List<String> sessionsLost = new ArrayList<>();
		List<String> revocationsLost = new ArrayList<>();
		List<String> jobsLost = new ArrayList<>();
		for (Ack ack : List.copyOf(this.sessionIds)) {
			if (!excused.test(ack.atNanos()) && this.sessions.find(ack.id()).isEmpty()) {
				sessionsLost.add(ack.id());
			}
		}
		for (Ack ack : List.copyOf(this.revokedIds)) {
			if (!excused.test(ack.atNanos()) && !this.blacklist.isRevoked(ack.id())) {
				revocationsLost.add(ack.id());
			}
		}
		for (Ack ack : List.copyOf(this.jobIds)) {
			if (!excused.test(ack.atNanos()) && this.queue.find(ack.id()).isEmpty()) {
				jobsLost.add(ack.id());
			}
		}
		return new Losses(sessionsLost, revocationsLost, jobsLost);
	}

	String summary(long triggerNanos) {
		return "sessions=" + this.sessionIds.size() + " revocations=" + this.revokedIds.size() + " jobs="
				+ this.jobIds.size() + " admitted=" + this.admitted + " failures=" + this.failures + " firstFailure="
				+ relativeMillis(this.firstFailureNanos.get(), triggerNanos) + "ms lastFailure="
				+ relativeMillis(this.lastFailureNanos.get(), triggerNanos) + "ms maxLatency="
				+ Duration.ofNanos(this.maxLatencyNanos.get()).toMillis() + "ms tokenRegressions="
				+ this.tokenRegressions + " untyped=" + this.untyped.size();
	}

	static long relativeMillis(long nanos, long triggerNanos) {
		return (nanos == 0) ? -1 : Duration.ofNanos(nanos - triggerNanos).toMillis();
	}

	record Ack(String id, long atNanos) {

	}

	record Losses(List<String> sessions, List<String> revocations, List<String> jobs) {

		int total() {
			return this.sessions.size() + this.revocations.size() + this.jobs.size();
		}

	}

}
