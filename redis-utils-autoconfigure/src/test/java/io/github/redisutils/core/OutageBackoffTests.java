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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisCommandInterruptedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The outage back-off's rules: when it skips Redis, who probes, what resumes, what is
 * retried. The features' behaviour against a real Redis paused with SIGSTOP is in
 * {@code OutageBackoffFaultTests}.
 *
 * @author redis-utils authors
 */
class OutageBackoffTests {

	private static final RedisUnavailableException OUTAGE = new RedisUnavailableException("Could not x: down", null);

	@Test
	void callsGoToRedisUntilOneFindsItUnavailable() {
		OutageBackoff backoff = new OutageBackoff("session", Duration.ofMinutes(1));
		assertThat(backoff.tryEnter()).isTrue();
		assertThat(backoff.bypassing()).isFalse();
		backoff.failed(OUTAGE);
		assertThat(backoff.bypassing()).isTrue();
		assertThat(backoff.tryEnter()).isFalse();
		assertThat(backoff.tryEnter()).isFalse();
		OutageStatus status = backoff.status();
		assertThat(status.failures()).isEqualTo(1);
		assertThat(status.bypassed()).isEqualTo(2);
		assertThat(status.since()).isNotNull();
		assertThat(status.lastError()).isEqualTo("Could not x: down");
	}

	@Test
	void aSkippedCallThrowsAnOutageNamingTheCallTheKeyAndTheFailure() {
		OutageBackoff backoff = new OutageBackoff("session", Duration.ofMinutes(1));
		backoff.failed(OUTAGE);
		AtomicInteger calls = new AtomicInteger();
		assertThatExceptionOfType(RedisUnavailableException.class)
			.isThrownBy(() -> backoff.call(calls::incrementAndGet, "read a session", "app:session:1"))
			.withMessage("Could not read a session (key 'app:session:1'): Redis is skipped for the outage back-off "
					+ "after: Could not x: down");
		assertThat(calls).hasValue(0);
	}

	@Test
	void afterThePeriodExactlyOneOfManyConcurrentCallsProbesRedis() throws Exception {
		OutageBackoff backoff = new OutageBackoff("rate-limit", Duration.ofMillis(100));
		backoff.failed(OUTAGE);
		Thread.sleep(150);
		int threads = 16;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Boolean>> entered = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				entered.add(executor.submit(() -> {
					start.await();
					return backoff.tryEnter();
				}));
			}
			start.countDown();
			int probes = 0;
			for (Future<Boolean> future : entered) {
				probes += future.get() ? 1 : 0;
			}
			assertThat(probes).isEqualTo(1);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aProbeThatSucceedsResumesNormalUse() throws InterruptedException {
		OutageBackoff backoff = new OutageBackoff("lock", Duration.ofMillis(50));
		backoff.failed(OUTAGE);
		Thread.sleep(80);
		assertThat(backoff.call(() -> "answer", "probe", null)).isEqualTo("answer");
		assertThat(backoff.bypassing()).isFalse();
		assertThat(backoff.tryEnter()).isTrue();
		assertThat(backoff.tryEnter()).isTrue();
		assertThat(backoff.status().since()).isNull();
	}

	@Test
	void aProbeThatFailsStartsAnotherPeriod() throws InterruptedException {
		OutageBackoff backoff = new OutageBackoff("lock", Duration.ofMillis(50));
		backoff.failed(OUTAGE);
		Thread.sleep(80);
		assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> backoff.call(() -> {
			throw new RedisConnectionFailureException("Connection refused");
		}, "probe", null));
		assertThat(backoff.tryEnter()).isFalse();
		assertThat(backoff.status().failures()).isEqualTo(2);
	}

	@Test
	void aProbeWhoseOutcomeIsNeverReportedIsReplacedOnePeriodLater() throws InterruptedException {
		OutageBackoff backoff = new OutageBackoff("cache", Duration.ofMillis(50));
		backoff.failed(OUTAGE);
		Thread.sleep(80);
		assertThat(backoff.tryEnter()).as("the probe").isTrue();
		assertThat(backoff.tryEnter()).isFalse();
		Thread.sleep(80);
		assertThat(backoff.tryEnter()).as("another probe").isTrue();
	}

	@Test
	void anAnswerThatIsNoOutageDoesNotStartTheBackoff() {
		OutageBackoff backoff = new OutageBackoff("queue", Duration.ofMinutes(1));
		assertThatExceptionOfType(RedisPermissionException.class).isThrownBy(() -> backoff.call(() -> {
			throw new RedisPermissionException("NOPERM", null);
		}, "enqueue", null));
		assertThat(backoff.bypassing()).isFalse();
		assertThat(backoff.status().failures()).isZero();
	}

	@Test
	void anErrorRedisAnsweredWithClosesTheBackoffAsAProbe() throws InterruptedException {
		OutageBackoff backoff = new OutageBackoff("cache", Duration.ofMillis(50));
		backoff.failed(OUTAGE);
		Thread.sleep(80);
		assertThat(backoff.tryEnter()).as("the probe").isTrue();
		backoff.failed(new MalformedRedisDataException("app:cache:k", "type", "WRONGTYPE", null));
		assertThat(backoff.bypassing()).isFalse();
		assertThat(backoff.status().failures()).isEqualTo(1);
	}

	@Test
	void aRefusedWriteCountsButNeverSkipsRedisSinceReadsStillWork() {
		OutageBackoff backoff = new OutageBackoff("session", Duration.ofMinutes(1));
		for (String refusal : List.of("OOM command not allowed when used memory > 'maxmemory'.",
				"MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk.",
				"READONLY You can't write against a read only replica.",
				"NOREPLICAS Not enough good replicas to write.")) {
			assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> backoff.call(() -> {
				throw new InvalidDataAccessApiUsageException(refusal);
			}, "touch a session", "app:session:1"));
			assertThat(backoff.bypassing()).as(refusal).isFalse();
		}
		assertThat(backoff.status().failures()).isEqualTo(4);
		assertThat(backoff.status().lastError()).contains("NOREPLICAS");
	}

	@Test
	void aRefusedWriteAnsweringTheProbeResumesNormalUse() throws InterruptedException {
		OutageBackoff backoff = new OutageBackoff("queue", Duration.ofMillis(50));
		backoff.failed(OUTAGE);
		Thread.sleep(80);
		assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> backoff.call(() -> {
			throw new InvalidDataAccessApiUsageException("OOM command not allowed when used memory > 'maxmemory'.");
		}, "enqueue a job", null));
		assertThat(backoff.bypassing()).isFalse();
	}

	@Test
	void aProbeThatFailsInTheCallersOwnCodeGivesItsTurnToTheNextCall() throws InterruptedException {
		OutageBackoff backoff = new OutageBackoff("rate-limit", Duration.ofMillis(50), RedisRetry.NONE,
				Duration.ofMinutes(1));
		backoff.failed(OUTAGE);
		Thread.sleep(80);
		assertThatIllegalStateException().isThrownBy(() -> backoff.call(() -> {
			throw new IllegalStateException("a bug of the caller");
		}, "decide", null));
		assertThat(backoff.bypassing()).as("nothing learnt about Redis").isTrue();
		assertThat(backoff.tryEnter()).as("the next probe, at once").isTrue();
		assertThat(backoff.status().failures()).isEqualTo(1);
	}

	@Test
	void anInterruptedCallNeitherOpensNorClosesTheBackoff() throws InterruptedException {
		OutageBackoff backoff = new OutageBackoff("lock", Duration.ofMillis(50), RedisRetry.NONE,
				Duration.ofMinutes(1));
		RedisUnavailableException interrupted = new RedisUnavailableException("Could not acquire: interrupted",
				new RedisCommandInterruptedException(new InterruptedException()));
		backoff.failed(interrupted);
		assertThat(backoff.bypassing()).as("an interruption is no outage").isFalse();
		assertThat(backoff.status().failures()).isZero();
		backoff.failed(OUTAGE);
		Thread.sleep(80);
		assertThat(backoff.tryEnter()).as("the probe").isTrue();
		backoff.failed(interrupted);
		assertThat(backoff.bypassing()).isTrue();
		assertThat(backoff.tryEnter()).as("the next probe, at once").isTrue();
	}

	@Test
	void aProbeKeepsItsTurnForTheCommandTimeoutWhenThatIsLongerThanTheBackoff() throws InterruptedException {
		OutageBackoff backoff = new OutageBackoff("session", Duration.ofMillis(50), RedisRetry.NONE,
				Duration.ofMillis(400));
		backoff.failed(OUTAGE);
		Thread.sleep(80);
		assertThat(backoff.tryEnter()).as("the probe, still waiting for its answer").isTrue();
		Thread.sleep(120);
		assertThat(backoff.tryEnter()).as("a second call waiting on the same silent Redis").isFalse();
		Thread.sleep(350);
		assertThat(backoff.tryEnter()).as("the probe's command has timed out by now").isTrue();
	}

	@Test
	void aCancelledProbeGivesItsTurnToTheNextCall() throws InterruptedException {
		OutageBackoff backoff = new OutageBackoff("token-blacklist", Duration.ofMillis(50), RedisRetry.NONE,
				Duration.ofMinutes(1));
		backoff.failed(OUTAGE);
		Thread.sleep(80);
		assertThat(backoff.tryEnter()).isTrue();
		assertThat(backoff.tryEnter()).isFalse();
		backoff.abandoned();
		assertThat(backoff.tryEnter()).isTrue();
	}

	@Test
	void racingSuccessesAndFailuresNeverLeaveAnOpenBackoffWithoutItsStart() throws Exception {
		OutageBackoff backoff = new OutageBackoff("cache", Duration.ofMillis(1));
		int threads = 8;
		ExecutorService executor = Executors.newFixedThreadPool(threads + 1);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> racers = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				boolean failing = (i % 2 == 0);
				racers.add(executor.submit(() -> {
					start.await();
					for (int n = 0; n < 20_000; n++) {
						if (failing) {
							backoff.failed(OUTAGE);
						}
						else {
							backoff.succeeded();
						}
					}
					return null;
				}));
			}
			Future<Integer> inconsistent = executor.submit(() -> {
				start.await();
				int seen = 0;
				while (!racers.stream().allMatch(Future::isDone)) {
					OutageStatus status = backoff.status();
					if (status.bypassing() != (status.since() != null)) {
						seen++;
					}
				}
				return seen;
			});
			start.countDown();
			for (Future<?> racer : racers) {
				racer.get();
			}
			assertThat(inconsistent.get()).as("states seen open without a start, or closed with one").isZero();
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aProbeIsNotRetried() throws InterruptedException {
		OutageBackoff backoff = new OutageBackoff("session", Duration.ofMillis(50),
				new RedisRetry(3, Duration.ofMillis(1), 1.0, Duration.ofMillis(1)), Duration.ZERO);
		backoff.failed(OUTAGE);
		Thread.sleep(80);
		AtomicInteger attempts = new AtomicInteger();
		assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> backoff.read(() -> {
			attempts.incrementAndGet();
			throw new RedisConnectionFailureException("Connection refused");
		}, "read a session", null));
		assertThat(attempts).hasValue(1);
	}

	@Test
	void aBackoffLongerThanAnHourIsRefusedNamingTheSetting() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OutageBackoff("cache", Duration.ofDays(400_000)))
			.withMessageContaining("backoff")
			.withMessageContaining("must be at most PT1H");
		assertThat(OutageBackoff.problems("outage.backoff", Duration.ofHours(2))).containsOnlyKeys("outage.backoff");
		assertThat(OutageBackoff.problems("outage.backoff", Duration.ofHours(1))).isEmpty();
	}

	@Test
	void aFeatureAskedForWithAnotherPeriodThanItHasIsRefused() {
		OutageBackoffs backoffs = new OutageBackoffs(Duration.ofSeconds(1), new SimpleMeterRegistry());
		backoffs.forFeature("cache", Duration.ofSeconds(5));
		assertThat(backoffs.forFeature("cache", Duration.ofSeconds(5)).backoff()).isEqualTo(Duration.ofSeconds(5));
		assertThatIllegalStateException().isThrownBy(() -> backoffs.forFeature("cache"))
			.withMessageContaining("'cache'")
			.withMessageContaining("PT5S");
	}

	@Test
	void aZeroBackoffNeverSkipsButCountsFailures() {
		OutageBackoff backoff = OutageBackoff.disabled("pubsub");
		backoff.failed(OUTAGE);
		assertThat(backoff.tryEnter()).isTrue();
		assertThat(backoff.bypassing()).isFalse();
		assertThat(backoff.status().failures()).isEqualTo(1);
	}

	@Test
	void aReadIsRetriedUntilItSucceeds() {
		OutageBackoff backoff = new OutageBackoff("session", Duration.ofMinutes(1),
				new RedisRetry(3, Duration.ofMillis(10), 2, Duration.ofMillis(50)));
		AtomicInteger attempts = new AtomicInteger();
		String answer = backoff.read(() -> {
			if (attempts.incrementAndGet() < 3) {
				throw new RedisConnectionFailureException("Connection reset by peer");
			}
			return "session";
		}, "read a session", "k");
		assertThat(answer).isEqualTo("session");
		assertThat(attempts).hasValue(3);
		assertThat(backoff.retryCount()).isEqualTo(2);
		assertThat(backoff.bypassing()).as("a read that finally succeeded is no outage").isFalse();
	}

	@Test
	void aReadThatFailsEveryAttemptStartsTheBackoffOnce() {
		OutageBackoff backoff = new OutageBackoff("session", Duration.ofMinutes(1),
				new RedisRetry(3, Duration.ofMillis(1), 1, Duration.ofMillis(1)));
		AtomicInteger attempts = new AtomicInteger();
		assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> backoff.read(() -> {
			attempts.incrementAndGet();
			throw new RedisConnectionFailureException("Connection refused");
		}, "read a session", "k")).withMessageContaining("Connection refused");
		assertThat(attempts).hasValue(3);
		assertThat(backoff.status().failures()).isEqualTo(1);
		assertThat(backoff.bypassing()).isTrue();
	}

	@Test
	void aReadThatTimedOutIsNotRetried() {
		OutageBackoff backoff = new OutageBackoff("session", Duration.ofMinutes(1),
				new RedisRetry(5, Duration.ofMillis(1), 1, Duration.ofMillis(1)));
		AtomicInteger attempts = new AtomicInteger();
		assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> backoff.read(() -> {
			attempts.incrementAndGet();
			throw new QueryTimeoutException("Redis command timed out");
		}, "read a session", "k"));
		assertThat(attempts).hasValue(1);
	}

	@Test
	void aCallIsNeverRetried() {
		OutageBackoff backoff = new OutageBackoff("queue", Duration.ofMinutes(1),
				new RedisRetry(5, Duration.ofMillis(1), 1, Duration.ofMillis(1)));
		AtomicInteger attempts = new AtomicInteger();
		assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> backoff.call(() -> {
			attempts.incrementAndGet();
			throw new RedisConnectionFailureException("Connection refused");
		}, "enqueue a job", "k"));
		assertThat(attempts).hasValue(1);
	}

	@Test
	void retryWaitsGrowUpToTheLongest() {
		RedisRetry retry = new RedisRetry(5, Duration.ofMillis(50), 2, Duration.ofMillis(150));
		assertThat(retry.intervalBefore(1)).isEqualTo(Duration.ofMillis(50));
		assertThat(retry.intervalBefore(2)).isEqualTo(Duration.ofMillis(100));
		assertThat(retry.intervalBefore(3)).isEqualTo(Duration.ofMillis(150));
		assertThat(retry.intervalBefore(4)).isEqualTo(Duration.ofMillis(150));
	}

	@Test
	void anInvalidRetryPolicyNamesEveryProblem() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RedisRetry(0, Duration.ofMillis(100), 0.5, Duration.ofMillis(10)))
			.withMessageContaining("maxAttempts")
			.withMessageContaining("multiplier")
			.withMessageContaining("maxInterval");
	}

	@Test
	void everyBackoffIsReportedAsMetersTaggedWithItsFeature() {
		MeterRegistry meters = new SimpleMeterRegistry();
		OutageBackoffs backoffs = new OutageBackoffs(Duration.ofMinutes(1), meters);
		OutageBackoff session = backoffs.forFeature("session");
		assertThat(backoffs.forFeature("session")).isSameAs(session);
		session.failed(OUTAGE);
		session.tryEnter();
		assertThat(meters.get("redis.outage.active").tag("feature", "session").gauge().value()).isEqualTo(1);
		assertThat(meters.get("redis.outage.failures").tag("feature", "session").functionCounter().count())
			.isEqualTo(1);
		assertThat(meters.get("redis.outage.bypassed").tag("feature", "session").functionCounter().count())
			.isEqualTo(1);
		assertThat(meters.get("redis.retry.attempts").tag("feature", "session").functionCounter().count()).isZero();
		assertThat(backoffs.statuses()).extracting(OutageStatus::feature).containsExactly("session");
	}

}
