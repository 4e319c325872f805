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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

import io.github.redisutils.core.PrimarySwitchListener;
import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.core.SentinelPrimaryWatcher;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.lock.LockHandle;
import io.github.redisutils.pubsub.RedisPubSub;
import io.github.redisutils.session.SessionStore;
import io.github.redisutils.test.HostPort;
import io.github.redisutils.test.RedisServers;
import io.github.redisutils.test.SentinelFailoverRedis;
import io.github.redisutils.test.SentinelFailoverRedis.Promotion;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sentinel failover under a workload of every feature: a graceful
 * {@code SENTINEL FAILOVER} with the recommended server settings, and {@code kill -9} of
 * the primary. Nothing acknowledged is lost beyond the documented bound, no revoked token
 * is accepted after recovery, fencing tokens strictly increase, the rate limit is not
 * exceeded, and every failing call is a typed exception within the command timeout.
 *
 * @author redis-utils authors
 */
class SentinelFailoverTests {

	// The command timeout (1 s) plus a reconnect.
	private static final Duration LONGEST_CALL = Duration.ofMillis(2500);

	// Replication lag on loopback is well under a millisecond; 50 ms of margin.
	private static final long TAIL_NANOS = Duration.ofMillis(50).toNanos();

	// Rate-limit decisions acknowledged in that tail may be lost, and admitted again.
	private static final int TAIL_DECISIONS = 5;

	@Test
	void aGracefulFailoverLosesNoWriteAcknowledgedAfterThePromotionWithMinReplicasToWrite() throws Exception {
		try (SentinelFailoverRedis topology = RedisServers.sentinelFailover("--min-replicas-to-write", "1",
				"--min-replicas-max-lag", "1")) {
			FailoverContexts.application(topology.springProperties()).run((context) -> {
				FailoverWorkload workload = new FailoverWorkload(context);
				workload.start(2);
				Thread.sleep(1000);
				long trigger = System.nanoTime();
				Promotion promotion = topology.failover();
				// The old primary discards what it accepted after the promotion once it
				// resyncs as a replica: wait for that, so that losses show.
				awaitReplicaOf(promotion.oldPrimary(), Duration.ofSeconds(30));
				long resynced = System.nanoTime();
				awaitWrites(context, Duration.ofSeconds(10));
				Thread.sleep(1000);
				workload.close();
				report("graceful, min-replicas-to-write 1", workload, trigger, promotion, resynced);
				// The old primary refuses writes (NOREPLICAS) from the moment its replica
				// left: the first failure marks the promotion. Asynchronous replication
				// may still lose what it acknowledged just before.
				long promoted = workload.firstFailureNanos.get();
				assertThat(promoted).isPositive();
				assertNothingLostAndConsistent(context, workload, around(promoted), TAIL_DECISIONS);
				assertThat(context.getBean(SentinelPrimaryWatcher.class).switches()).isGreaterThanOrEqualTo(1);
			});
		}
	}

	@Test
	void aGracefulFailoverWithoutMinReplicasToWriteLosesOnlyWhatWasWrittenBeforeTheSwitchReached() throws Exception {
		try (SentinelFailoverRedis topology = RedisServers.sentinelFailover()) {
			AtomicLong switched = new AtomicLong();
			FailoverContexts.application(topology.springProperties())
				.withBean(PrimarySwitchListener.class, () -> (primarySwitch) -> switched.set(System.nanoTime()))
				.run((context) -> {
					BlockingQueue<String> heard = new LinkedBlockingQueue<>();
					RedisPubSub pubSub = context.getBean(RedisPubSub.class);
					pubSub.subscribe("after-switch", String.class, heard::add);
					FailoverWorkload workload = new FailoverWorkload(context);
					workload.start(2);
					Thread.sleep(1000);
					long trigger = System.nanoTime();
					Promotion promotion = topology.failover();
					// Before Sentinel demotes the old primary (seconds later), the
					// subscription must already listen on the new one.
					awaitSwitch(switched, Duration.ofSeconds(5));
					long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
					String received = null;
					while (received == null && System.nanoTime() < deadline) {
						pubSub.publish("after-switch", "hello");
						received = heard.poll(200, TimeUnit.MILLISECONDS);
					}
					assertThat(received).as("a subscriber hears the new primary after the switch").isEqualTo("hello");
					awaitReplicaOf(promotion.oldPrimary(), Duration.ofSeconds(30));
					long resynced = System.nanoTime();
					Thread.sleep(1000);
					workload.close();
					report("graceful, no min-replicas-to-write", workload, trigger, promotion, resynced);
					assertThat(switched.get()).as("the watcher followed the switch").isPositive();
					System.out.println("FAILOVER graceful, no min-replicas-to-write: connections moved "
							+ FailoverWorkload.relativeMillis(switched.get(), trigger) + " ms after the trigger, "
							+ workload.losses((at) -> false).total() + " acknowledged writes lost");
					// What the old primary accepted between the promotion and the switch
					// is
					// lost; nothing after the switch.
					assertNothingLostAndConsistent(context, workload,
							(at) -> at > trigger && at < switched.get() + TAIL_NANOS, TAIL_DECISIONS);
				});
		}
	}

	@Test
	void aKilledPrimaryLosesNoWriteAcknowledgedBeforeTheReplicationTail() throws Exception {
		try (SentinelFailoverRedis topology = RedisServers.sentinelFailover()) {
			FailoverContexts.application(topology.springProperties()).run((context) -> {
				FailoverWorkload workload = new FailoverWorkload(context);
				workload.start(2);
				Thread.sleep(1000);
				long trigger = System.nanoTime();
				Promotion promotion = topology.killPrimary();
				awaitWrites(context, Duration.ofSeconds(10));
				long recovered = System.nanoTime();
				Thread.sleep(1000);
				workload.close();
				report("kill -9", workload, trigger, promotion, recovered);
				// Asynchronous replication: what the primary acknowledged in the last
				// moment before the kill may not have reached the replica.
				assertNothingLostAndConsistent(context, workload, around(trigger), TAIL_DECISIONS);
			});
		}
	}

	private static LongPredicate around(long instant) {
		return (at) -> at > instant - TAIL_NANOS && at < instant + TAIL_NANOS;
	}

	private static void assertNothingLostAndConsistent(ApplicationContext context, FailoverWorkload workload,
			LongPredicate excused, int rateLimitSlack) throws InterruptedException {
		assertThat(workload.untyped).as("failures that are not typed exceptions").isEmpty();
		assertThat(Duration.ofNanos(workload.maxLatencyNanos.get())).isLessThan(LONGEST_CALL);
		FailoverWorkload.Losses losses = workload.losses(excused);
		System.out.println("FAILOVER excused (replication tail): "
				+ (workload.losses((at) -> false).total() - losses.total()) + " lost writes");
		assertThat(losses.sessions()).as("acknowledged sessions lost").isEmpty();
		assertThat(losses.revocations()).as("acknowledged revocations reported valid").isEmpty();
		assertThat(losses.jobs()).as("acknowledged jobs lost").isEmpty();
		assertThat(workload.tokenRegressions).as("fencing tokens that went backwards").hasValue(0);
		assertThat(workload.admitted.get()).as("admitted by the rate limit")
			.isLessThanOrEqualTo(FailoverWorkload.RATE_LIMIT + rateLimitSlack);
		LockHandle next = acquireOnceWritable(context.getBean(DistributedLocks.class), Duration.ofSeconds(15));
		assertThat(next.fencingToken()).isGreaterThan(workload.lastToken());
		next.release();
	}

	// With min-replicas-to-write, the new primary refuses writes until its replica's lag
	// is back under min-replicas-max-lag, which a loaded machine may take a moment for.
	private static LockHandle acquireOnceWritable(DistributedLocks locks, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			try {
				return locks.tryAcquire("fenced", Duration.ofSeconds(2)).orElseThrow();
			}
			catch (RedisUnavailableException ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				Thread.sleep(100);
			}
		}
	}

	private static void report(String kind, FailoverWorkload workload, long trigger, Promotion promotion,
			long recoveredMark) {
		System.out.println("FAILOVER " + kind + ": promotion after " + promotion.took().toMillis() + " ms, "
				+ workload.summary(trigger) + " mark=" + FailoverWorkload.relativeMillis(recoveredMark, trigger)
				+ "ms");
	}

	private static void awaitWrites(ApplicationContext context, Duration timeout) throws InterruptedException {
		SessionStore sessions = context.getBean(SessionStore.class);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			try {
				sessions.create("probe");
				return;
			}
			catch (RuntimeException ex) {
				assertThat(System.nanoTime()).as("writes succeed again in time").isLessThan(deadline);
				Thread.sleep(20);
			}
		}
	}

	private static void awaitSwitch(AtomicLong switched, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (switched.get() == 0 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
	}

	private static void awaitReplicaOf(HostPort server, Duration timeout) throws InterruptedException {
		RedisClient client = RedisClient.create();
		try (StatefulRedisConnection<String, String> connection = client
			.connect(RedisURI.create(server.host(), server.port()))) {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (true) {
				try {
					if (connection.sync().info("replication").contains("master_link_status:up")) {
						return;
					}
				}
				catch (RuntimeException ex) {
					// Sentinel closes client connections when it demotes the server.
				}
				assertThat(System.nanoTime()).as(server + " resynced as a replica in time").isLessThan(deadline);
				Thread.sleep(50);
			}
		}
		finally {
			client.shutdown();
		}
	}

}
