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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.redisutils.queue.QueueTestSupport.count;
import static io.github.redisutils.queue.QueueTestSupport.handlers;
import static io.github.redisutils.queue.QueueTestSupport.instances;
import static io.github.redisutils.queue.QueueTestSupport.queue;
import static io.github.redisutils.queue.QueueTestSupport.uniquePrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Contract of the job queues on a real Redis, standalone and Cluster: priority order,
 * delays, retries with backoff, dead letters, unique jobs, cancel, retention, timeouts.
 *
 * @author redis-utils authors
 */
class JobQueueContractTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@ParameterizedTest
	@MethodSource("io.github.redisutils.queue.QueueTestSupport#topologies")
	void jobsRunByPriorityThenInOrderOfEnqueueing(String[] redis) {
		String prefix = uniquePrefix();
		instances(redis, prefix, "redis.queue.workers-enabled=false").run((producer) -> {
			JobQueue queue = queue(producer, "orders");
			queue.enqueue("step", "low-1", JobOptions.defaults().withPriority(JobPriority.LOW));
			queue.enqueue("step", "normal-1");
			queue.enqueue("step", "high-1", JobOptions.defaults().withPriority(JobPriority.HIGH));
			queue.enqueue("step", "normal-2");
			queue.enqueue("step", "high-2", JobOptions.defaults().withPriority(JobPriority.HIGH));
			queue.enqueue("step", "low-2", JobOptions.defaults().withPriority(JobPriority.LOW));
			assertThat(queue.peek()).hasValueSatisfying((job) -> {
				assertThat(job.priority()).isEqualTo(JobPriority.HIGH);
				assertThat(job.status()).isEqualTo(JobStatus.WAITING);
			});
			assertThat(queue.sizes().waiting()).isEqualTo(6);
			List<String> order = new CopyOnWriteArrayList<>();
			instances(redis, prefix, "redis.queue.queues.orders.concurrency=1").run((worker) -> {
				handlers(worker).register("step", String.class, (payload, context) -> order.add(payload));
				await().atMost(PATIENCE).until(() -> order.size() == 6);
			});
			assertThat(order).containsExactly("high-1", "high-2", "normal-1", "normal-2", "low-1", "low-2");
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.queue.QueueTestSupport#topologies")
	void delayedJobsRunWhenDueAndNotBefore(String[] redis) {
		instances(redis, uniquePrefix(), "redis.queue.queues.mail.concurrency=2").run((context) -> {
			Map<String, Long> ranAt = new ConcurrentHashMap<>();
			handlers(context).register("send", String.class,
					(payload, job) -> ranAt.put(payload, System.currentTimeMillis()));
			JobQueue queue = queue(context, "mail");
			long start = System.currentTimeMillis();
			String delayed = queue.enqueue("send", "later", JobOptions.defaults().withDelay(Duration.ofMillis(1500)));
			queue.enqueue("send", "at", JobOptions.defaults().withRunAt(Instant.now().plusMillis(800)));
			queue.enqueue("send", "now");
			assertThat(queue.find(delayed)).hasValueSatisfying((job) -> {
				assertThat(job.status()).isEqualTo(JobStatus.DELAYED);
				assertThat(job.runAt()).isNotNull();
			});
			await().atMost(PATIENCE).until(() -> ranAt.size() == 3);
			assertThat(ranAt.get("now") - start).isLessThan(1400);
			assertThat(ranAt.get("at") - start).isGreaterThanOrEqualTo(700);
			assertThat(ranAt.get("later") - start).isGreaterThanOrEqualTo(1400);
			// Completions are written in batches, just after the handler returns.
			await().atMost(PATIENCE)
				.until(() -> queue.find(delayed).map(JobInfo::status).orElse(null) == JobStatus.COMPLETED);
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.queue.QueueTestSupport#topologies")
	void failingJobsAreRetriedWithBackoffThenDeadWithTheLastErrorAndCanBeRetried(String[] redis) {
		instances(redis, uniquePrefix(), "redis.queue.queues.billing.concurrency=2",
				"redis.queue.queues.billing.max-attempts=3", "redis.queue.queues.billing.backoff-initial=400ms",
				"redis.queue.queues.billing.backoff-max=10s")
			.run((context) -> {
				List<Long> attemptsAt = new CopyOnWriteArrayList<>();
				List<Integer> attempts = new CopyOnWriteArrayList<>();
				CountDownLatch succeeded = new CountDownLatch(1);
				boolean[] healthy = { false };
				handlers(context).register("charge", String.class, (payload, job) -> {
					if (healthy[0]) {
						succeeded.countDown();
						return;
					}
					attemptsAt.add(System.currentTimeMillis());
					attempts.add(job.attempt());
					throw new IllegalStateException("card declined for " + payload);
				});
				JobQueue queue = queue(context, "billing");
				String id = queue.enqueue("charge", "order-7");
				await().atMost(PATIENCE).until(() -> queue.sizes().dead() == 1);
				assertThat(attempts).containsExactly(1, 2, 3);
				// Backoff 400ms then 800ms, at most half taken off by jitter.
				assertThat(attemptsAt.get(1) - attemptsAt.get(0)).isGreaterThanOrEqualTo(190);
				assertThat(attemptsAt.get(2) - attemptsAt.get(1)).isGreaterThanOrEqualTo(390);
				assertThat(queue.dead(0, 10)).singleElement().satisfies((job) -> {
					assertThat(job.id()).isEqualTo(id);
					assertThat(job.status()).isEqualTo(JobStatus.DEAD);
					assertThat(job.attempt()).isEqualTo(3);
					assertThat(job.lastError()).contains("card declined for order-7");
				});
				assertThat(count(context, "billing", "failed")).isEqualTo(3);
				assertThat(count(context, "billing", "retried")).isEqualTo(2);
				assertThat(count(context, "billing", "dead")).isEqualTo(1);
				healthy[0] = true;
				assertThat(queue.retryDead(id)).isTrue();
				assertThat(queue.retryDead(id)).isFalse();
				assertThat(succeeded.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
				await().atMost(PATIENCE).until(() -> count(context, "billing", "completed") == 1);
				assertThat(queue.sizes().dead()).isZero();
			});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.queue.QueueTestSupport#topologies")
	void retryAllDeadMovesEveryDeadJobBack(String[] redis) {
		instances(redis, uniquePrefix(), "redis.queue.queues.q.concurrency=0").run((context) -> {
			handlers(context).register("x", String.class, (payload, job) -> {
			});
			JobQueue queue = queue(context, "q");
			for (int i = 0; i < 3; i++) {
				queue.enqueue("unknown-type", i);
			}
			assertThat(queue.retryAllDead()).isZero();
			assertThat(queue.sizes().waiting()).isEqualTo(3);
		});
		instances(redis, uniquePrefix(), "redis.queue.queues.q.concurrency=2").run((context) -> {
			JobQueue queue = queue(context, "q");
			for (int i = 0; i < 3; i++) {
				queue.enqueue("unknown-type", i);
			}
			handlers(context).register("x", String.class, (payload, job) -> {
			});
			await().atMost(PATIENCE).until(() -> queue.sizes().dead() == 3);
			assertThat(queue.dead(0, 10)).allSatisfy((job) -> {
				assertThat(job.attempt()).isEqualTo(1);
				assertThat(job.lastError()).isEqualTo("No handler for job type 'unknown-type'");
			});
			handlers(context).register("unknown-type", Integer.class, (payload, job) -> {
			});
			assertThat(queue.retryAllDead()).isEqualTo(3);
			await().atMost(PATIENCE).until(() -> count(context, "q", "completed") == 3);
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.queue.QueueTestSupport#topologies")
	void undecodablePayloadGoesStraightToTheDeadLetters(String[] redis) {
		instances(redis, uniquePrefix(), "redis.queue.queues.q.concurrency=1").run((context) -> {
			List<Order> handled = new CopyOnWriteArrayList<>();
			handlers(context).register("confirm", Order.class, (payload, job) -> handled.add(payload));
			JobQueue queue = queue(context, "q");
			String bad = queue.enqueue("confirm", List.of("not", "an", "order"));
			queue.enqueue("confirm", new Order("o-1", 2));
			await().atMost(PATIENCE).until(() -> queue.sizes().dead() == 1 && handled.size() == 1);
			assertThat(handled).containsExactly(new Order("o-1", 2));
			assertThat(queue.find(bad)).hasValueSatisfying((job) -> {
				assertThat(job.status()).isEqualTo(JobStatus.DEAD);
				assertThat(job.attempt()).isEqualTo(1);
				assertThat(job.lastError()).contains("does not decode as").contains(Order.class.getName());
			});
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.queue.QueueTestSupport#topologies")
	void uniqueKeyDeduplicatesWhilePendingAndCancelRemovesThePendingJob(String[] redis) {
		instances(redis, uniquePrefix(), "redis.queue.workers-enabled=false").run((context) -> {
			JobQueue queue = queue(context, "q");
			JobOptions unique = JobOptions.defaults().withUniqueKey("report-42").withDelay(Duration.ofHours(1));
			String first = queue.enqueue("report", 42, unique);
			assertThat(queue.enqueue("report", 42, unique)).isEqualTo(first);
			assertThat(queue.sizes().delayed()).isEqualTo(1);
			assertThat(queue.find(first)).hasValueSatisfying((job) -> {
				assertThat(job.uniqueKey()).isEqualTo("report-42");
				assertThat(job.type()).isEqualTo("report");
			});
			assertThat(queue.payload(first, Integer.class)).contains(42);
			assertThat(queue.cancel(first)).isTrue();
			assertThat(queue.cancel(first)).isFalse();
			assertThat(queue.find(first)).isEmpty();
			String second = queue.enqueue("report", 42, unique);
			assertThat(second).isNotEqualTo(first);
			String waiting = queue.enqueue("other", "x");
			assertThat(queue.cancel(waiting)).isTrue();
			assertThat(queue.sizes()).isEqualTo(new QueueSizes(0, 1, 0, 0, 0, null));
			assertThat(queue.clear()).isEqualTo(1);
			assertThat(queue.sizes()).isEqualTo(new QueueSizes(0, 0, 0, 0, 0, null));
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.queue.QueueTestSupport#topologies")
	void uniqueKeyIsReleasedWhenTheJobCompletes(String[] redis) {
		instances(redis, uniquePrefix(), "redis.queue.queues.q.concurrency=1").run((context) -> {
			List<String> done = new CopyOnWriteArrayList<>();
			handlers(context).register("t", String.class, (payload, job) -> done.add(job.id()));
			JobQueue queue = queue(context, "q");
			String first = queue.enqueue("t", "a", JobOptions.defaults().withUniqueKey("k"));
			await().atMost(PATIENCE).until(() -> done.contains(first));
			await().atMost(PATIENCE).until(() -> queue.find(first).get().status() == JobStatus.COMPLETED);
			assertThat(queue.enqueue("t", "a", JobOptions.defaults().withUniqueKey("k"))).isNotEqualTo(first);
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.queue.QueueTestSupport#topologies")
	void completedJobsAreKeptUpToTheRetainedCount(String[] redis) {
		instances(redis, uniquePrefix(), "redis.queue.queues.q.concurrency=1", "redis.queue.queues.q.completed-count=2")
			.run((context) -> {
				handlers(context).register("t", Integer.class, (payload, job) -> {
				});
				JobQueue queue = queue(context, "q");
				List<String> ids = new CopyOnWriteArrayList<>();
				for (int i = 0; i < 5; i++) {
					ids.add(queue.enqueue("t", i));
				}
				await().atMost(PATIENCE).until(() -> count(context, "q", "completed") == 5);
				assertThat(queue.sizes().completed()).isEqualTo(2);
				assertThat(queue.find(ids.get(0))).isEmpty();
				assertThat(queue.find(ids.get(4))).hasValueSatisfying((job) -> {
					assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
					assertThat(job.attempt()).isEqualTo(1);
				});
			});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.queue.QueueTestSupport#topologies")
	void attemptsLongerThanTheirTimeoutAreInterruptedAndFail(String[] redis) {
		instances(redis, uniquePrefix(), "redis.queue.queues.q.concurrency=1").run((context) -> {
			handlers(context).register("slow", String.class, (payload, job) -> Thread.sleep(60_000));
			JobQueue queue = queue(context, "q");
			String id = queue.enqueue("slow", "x",
					JobOptions.defaults().withTimeout(Duration.ofMillis(300)).withMaxAttempts(1));
			await().atMost(PATIENCE).until(() -> queue.sizes().dead() == 1);
			assertThat(queue.find(id).get().lastError()).isEqualTo("Timed out after 300 ms");
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.queue.QueueTestSupport#topologies")
	void gracefulShutdownGivesUnfinishedJobsBackWithoutCountingTheAttempt(String[] redis) {
		String prefix = uniquePrefix();
		CountDownLatch started = new CountDownLatch(1);
		String[] id = new String[1];
		instances(redis, prefix, "redis.queue.queues.q.concurrency=1", "redis.queue.shutdown-timeout=300ms")
			.run((context) -> {
				handlers(context).register("stuck", String.class, (payload, job) -> {
					started.countDown();
					Thread.sleep(60_000);
				});
				id[0] = queue(context, "q").enqueue("stuck", "x");
				assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
			});
		instances(redis, prefix, "redis.queue.workers-enabled=false").run((context) -> {
			assertThat(queue(context, "q").find(id[0])).hasValueSatisfying((job) -> {
				assertThat(job.status()).isEqualTo(JobStatus.WAITING);
				assertThat(job.attempt()).isZero();
			});
		});
	}

	record Order(String id, int quantity) {

	}

}
