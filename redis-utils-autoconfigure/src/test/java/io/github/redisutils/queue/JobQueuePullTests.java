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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import static io.github.redisutils.queue.QueueTestSupport.count;
import static io.github.redisutils.queue.QueueTestSupport.handlers;
import static io.github.redisutils.queue.QueueTestSupport.instances;
import static io.github.redisutils.queue.QueueTestSupport.queue;
import static io.github.redisutils.queue.QueueTestSupport.runInstances;
import static io.github.redisutils.queue.QueueTestSupport.uniquePrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pull consumers ({@link JobQueue#take(Duration)}), bulk enqueue, progress and results on
 * a real Redis, standalone and Cluster.
 *
 * @author redis-utils authors
 */
class JobQueuePullTests {

	private static final String NO_WORKERS = "redis.queue.workers-enabled=false";

	@ParameterizedTest
	@MethodSource("io.github.redisutils.queue.QueueTestSupport#topologies")
	void aTakenJobIsCompletedWithAResultKeptWithTheCompletedJob(String[] redis) {
		instances(redis, uniquePrefix(), NO_WORKERS).run((context) -> {
			JobQueue queue = queue(context, "reports");
			String id = queue.enqueue("render", Map.of("report", 7));
			ClaimedJob job = queue.take(Duration.ZERO).orElseThrow();
			assertThat(job.context().id()).isEqualTo(id);
			assertThat(job.context().type()).isEqualTo("render");
			assertThat(job.context().queue()).isEqualTo("reports");
			assertThat(job.context().attempt()).isEqualTo(1);
			assertThat(job.payload(Report.class)).isEqualTo(new Report(7));
			assertThat(queue.find(id))
				.hasValueSatisfying((info) -> assertThat(info.status()).isEqualTo(JobStatus.ACTIVE));
			assertThat(queue.take(Duration.ZERO)).isEmpty();

			assertThat(job.context().reportProgress(50)).isTrue();
			assertThat(queue.progress(id, Integer.class)).contains(50);
			assertThat(queue.find(id)).hasValueSatisfying((info) -> assertThat(info.progress()).isEqualTo(50));

			assertThat(job.complete(new Rendered("https://example.com/7.pdf", 3))).isTrue();
			assertThat(queue.find(id)).hasValueSatisfying((info) -> {
				assertThat(info.status()).isEqualTo(JobStatus.COMPLETED);
				assertThat(info.result()).isEqualTo(Map.of("url", "https://example.com/7.pdf", "pages", 3));
				assertThat(info.progress()).isEqualTo(50);
			});
			assertThat(queue.result(id, Rendered.class)).contains(new Rendered("https://example.com/7.pdf", 3));
			// Acknowledged once: a second outcome is refused.
			assertThat(job.complete()).isFalse();
			assertThat(job.fail("late")).isFalse();
			assertThat(count(context, "reports", "completed")).isEqualTo(1.0);
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.queue.QueueTestSupport#topologies")
	void aWaitingTakeIsWokenByAnEnqueueAndAnEmptyOneWaitsItsWholeWait(String[] redis) throws Exception {
		instances(redis, uniquePrefix(), NO_WORKERS).run((context) -> {
			JobQueue queue = queue(context, "wake");
			long start = System.nanoTime();
			assertThat(queue.take(Duration.ofMillis(700))).isEmpty();
			long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			assertThat(waited).isBetween(650L, 1700L);

			ExecutorService consumer = Executors.newSingleThreadExecutor();
			try {
				Future<Optional<ClaimedJob>> taken = consumer.submit(() -> queue.take(Duration.ofSeconds(20)));
				Thread.sleep(300);
				long enqueued = System.nanoTime();
				String id = queue.enqueue("ping", "hello");
				ClaimedJob job = taken.get(10, TimeUnit.SECONDS).orElseThrow();
				long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - enqueued);
				System.out.println("QUEUE pull: woken " + latency + " ms after the enqueue");
				assertThat(job.context().id()).isEqualTo(id);
				assertThat(latency).isLessThan(900);
				assertThat(job.complete()).isTrue();
			}
			finally {
				consumer.shutdownNow();
			}
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.queue.QueueTestSupport#topologies")
	void aJobNotAcknowledgedInTimeIsHandedOutAgainAndTheLateAcknowledgementIsRefused(String[] redis) {
		instances(redis, uniquePrefix(), NO_WORKERS, "redis.queue.queues.slow.visibility-timeout=1s",
				"redis.queue.queues.slow.max-attempts=3")
			.run((context) -> {
				JobQueue queue = queue(context, "slow");
				String id = queue.enqueue("work", "x");
				ClaimedJob first = queue.take(Duration.ZERO).orElseThrow();
				ClaimedJob second = queue.take(Duration.ofSeconds(5)).orElseThrow();
				assertThat(second.context().id()).isEqualTo(id);
				assertThat(second.context().attempt()).isEqualTo(2);
				assertThat(first.complete()).isFalse();
				assertThat(first.extend()).isFalse();
				assertThat(first.context().reportProgress("late")).isFalse();
				assertThat(second.complete()).isTrue();
				assertThat(queue.find(id))
					.hasValueSatisfying((info) -> assertThat(info.status()).isEqualTo(JobStatus.COMPLETED));
			});
	}

	@Test
	void extendingKeepsTheJobPastItsVisibilityTimeout() throws Exception {
		instances(RedisServers.standalone().springProperties(), uniquePrefix(), NO_WORKERS,
				"redis.queue.queues.long.visibility-timeout=1s")
			.run((context) -> {
				JobQueue queue = queue(context, "long");
				queue.enqueue("work", "x");
				ClaimedJob job = queue.take(Duration.ZERO).orElseThrow();
				for (int i = 0; i < 5; i++) {
					Thread.sleep(500);
					assertThat(job.extend()).isTrue();
				}
				// 2.5 s after the take, 2.5 visibility timeouts: still this delivery's.
				assertThat(queue.take(Duration.ZERO)).isEmpty();
				assertThat(job.complete()).isTrue();
			});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.queue.QueueTestSupport#topologies")
	void aFailedJobIsRetriedAfterItsBackoffThenGoesToTheDeadLetters(String[] redis) {
		instances(redis, uniquePrefix(), NO_WORKERS, "redis.queue.queues.flaky.max-attempts=2",
				"redis.queue.queues.flaky.backoff-initial=300ms")
			.run((context) -> {
				JobQueue queue = queue(context, "flaky");
				String id = queue.enqueue("work", "x");
				assertThat(queue.take(Duration.ZERO).orElseThrow().fail(new IllegalStateException("boom"))).isTrue();
				assertThat(queue.find(id)).hasValueSatisfying((info) -> {
					assertThat(info.status()).isEqualTo(JobStatus.FAILED);
					assertThat(info.lastError()).contains("IllegalStateException: boom");
				});
				ClaimedJob retry = queue.take(Duration.ofSeconds(5)).orElseThrow();
				assertThat(retry.context().attempt()).isEqualTo(2);
				assertThat(retry.fail("still broken")).isTrue();
				assertThat(queue.find(id)).hasValueSatisfying((info) -> {
					assertThat(info.status()).isEqualTo(JobStatus.DEAD);
					assertThat(info.lastError()).isEqualTo("still broken");
				});
				String poison = queue.enqueue("work", "poison");
				assertThat(queue.take(Duration.ZERO).orElseThrow().deadLetter("never decodes")).isTrue();
				assertThat(queue.find(poison))
					.hasValueSatisfying((info) -> assertThat(info.status()).isEqualTo(JobStatus.DEAD));
				assertThat(count(context, "flaky", "dead")).isEqualTo(2.0);
			});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.queue.QueueTestSupport#topologies")
	void enqueueAllHonoursUniqueKeysDelaysAndPrioritiesPerJob(String[] redis) {
		instances(redis, uniquePrefix(), NO_WORKERS).run((context) -> {
			JobQueue queue = queue(context, "bulk");
			String held = queue.enqueue("mail", "held", JobOptions.defaults().withUniqueKey("welcome:alice"));
			List<String> ids = queue.enqueueAll(List.of(JobRequest.of("mail", "first"),
					new JobRequest("mail", "duplicate", JobOptions.defaults().withUniqueKey("welcome:alice")),
					new JobRequest("mail", "urgent", JobOptions.defaults().withPriority(JobPriority.HIGH)),
					new JobRequest("mail", "later", JobOptions.defaults().withDelay(Duration.ofMinutes(5))),
					new JobRequest("mail", "bob", JobOptions.defaults().withUniqueKey("welcome:bob")),
					new JobRequest("mail", "bob again", JobOptions.defaults().withUniqueKey("welcome:bob"))));
			assertThat(ids).hasSize(6);
			assertThat(ids.get(1)).isEqualTo(held);
			assertThat(ids.get(5)).isEqualTo(ids.get(4));
			assertThat(Set.copyOf(ids)).hasSize(5);
			QueueSizes sizes = queue.sizes();
			assertThat(sizes.waiting()).isEqualTo(4);
			assertThat(sizes.delayed()).isEqualTo(1);
			assertThat(queue.find(ids.get(3)))
				.hasValueSatisfying((info) -> assertThat(info.status()).isEqualTo(JobStatus.DELAYED));
			List<String> order = new ArrayList<>();
			for (Optional<ClaimedJob> job = queue.take(Duration.ZERO); job
				.isPresent(); job = queue.take(Duration.ZERO)) {
				order.add(job.get().payload(String.class));
				job.get().complete();
			}
			assertThat(order).containsExactly("urgent", "held", "first", "bob");
		});
	}

	@Test
	void aWaitingJobWithASmallPayloadCostsUnderFiveHundredBytes() {
		instances(RedisServers.standalone().springProperties(), uniquePrefix(), NO_WORKERS).run((context) -> {
			JobQueue queue = queue(context, "memory");
			StringRedisTemplate redis = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
			DefaultJobQueue internals = (DefaultJobQueue) queue;
			// Enough jobs that the waiting set's per-member cost shows, and one more.
			List<JobRequest> jobs = new ArrayList<>();
			for (int i = 0; i < 1000; i++) {
				jobs.add(JobRequest.of("mail", Map.of("to", "user" + i + "@example.com")));
			}
			List<String> ids = queue.enqueueAll(jobs);
			long hash = memory(redis, internals.keys().job(ids.get(500)));
			long waiting = memory(redis, internals.keys().waiting());
			long perJob = hash + waiting / 1000;
			System.out.println("QUEUE memory: job hash " + hash + " B, waiting set " + waiting
					+ " B for 1000 jobs: about " + perJob + " B per waiting job");
			assertThat(perJob).isLessThan(500);
		});
	}

	private static long memory(StringRedisTemplate redis, String key) {
		Long bytes = redis.execute(
				RedisScript.of("return redis.call('MEMORY', 'USAGE', KEYS[1], 'SAMPLES', '0')", Long.class),
				List.of(key));
		return (bytes != null) ? bytes : 0;
	}

	@Test
	void enqueueAllOfMoreJobsThanOneScriptTakesKeepsTheirOrder() {
		instances(RedisServers.standalone().springProperties(), uniquePrefix(), NO_WORKERS).run((context) -> {
			JobQueue queue = queue(context, "many");
			List<JobRequest> jobs = new ArrayList<>();
			for (int i = 0; i < 2500; i++) {
				jobs.add(JobRequest.of("n", i));
			}
			List<String> ids = queue.enqueueAll(jobs);
			assertThat(Set.copyOf(ids)).hasSize(2500);
			assertThat(queue.sizes().waiting()).isEqualTo(2500);
			assertThat(queue.take(Duration.ZERO).orElseThrow().payload(Integer.class)).isZero();
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.queue.QueueTestSupport#topologies")
	void workersKeepTheResultAHandlerReturnsAndItsProgress(String[] redis) {
		instances(redis, uniquePrefix(), "redis.queue.queues.thumbs.concurrency=2").run((context) -> {
			handlers(context).registerFunction("resize", Integer.class, (width, job) -> {
				job.reportProgress(Map.of("step", "scaled"));
				return new Rendered("thumb-" + width + ".png", 1);
			});
			JobQueue queue = queue(context, "thumbs");
			String id = queue.enqueue("resize", 128);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> queue.find(id).map(JobInfo::status).orElse(null) == JobStatus.COMPLETED);
			assertThat(queue.result(id, Rendered.class)).contains(new Rendered("thumb-128.png", 1));
			assertThat(queue.find(id))
				.hasValueSatisfying((info) -> assertThat(info.progress()).isEqualTo(Map.of("step", "scaled")));
		});
	}

	@Test
	void aJobHandlerMethodThatReturnsAValueCompletesItsJobWithThatResult() {
		instances(RedisServers.standalone().springProperties(), uniquePrefix(),
				"redis.queue.queues.invoices.concurrency=1")
			.withUserConfiguration(InvoiceHandlers.class)
			.run((context) -> {
				JobQueue queue = queue(context, "invoices");
				String id = queue.enqueue("total", List.of(2, 3, 4));
				await().atMost(Duration.ofSeconds(20))
					.until(() -> queue.find(id).map(JobInfo::status).orElse(null) == JobStatus.COMPLETED);
				assertThat(queue.result(id, Integer.class)).contains(9);
				assertThat(queue.progress(id, Integer.class)).contains(3);
				String none = queue.enqueue("audit", "x");
				await().atMost(Duration.ofSeconds(20))
					.until(() -> queue.find(none).map(JobInfo::status).orElse(null) == JobStatus.COMPLETED);
				assertThat(queue.result(none, Object.class)).isEmpty();
				assertThat(queue.find(none).orElseThrow().result()).isNull();
			});
	}

	@Test
	void aResultTheCodecCannotWriteCompletesTheJobWithoutItInsteadOfRunningItAgain() {
		instances(RedisServers.standalone().springProperties(), uniquePrefix(), "redis.queue.queues.odd.concurrency=1",
				"redis.queue.queues.odd.max-attempts=3")
			.run((context) -> {
				AtomicInteger runs = new AtomicInteger();
				handlers(context).registerFunction("cyclic", String.class, (payload, job) -> {
					runs.incrementAndGet();
					return new Cyclic();
				});
				JobQueue queue = queue(context, "odd");
				String id = queue.enqueue("cyclic", "x");
				await().atMost(Duration.ofSeconds(20))
					.until(() -> queue.find(id).map(JobInfo::status).orElse(null) == JobStatus.COMPLETED);
				assertThat(queue.find(id).orElseThrow().result()).isNull();
				Thread.sleep(500);
				assertThat(runs).hasValue(1);
			});
	}

	@Test
	void aShortCommandTimeoutCutsTheWaitIntoSlicesBelowIt() {
		instances(RedisServers.standalone().springProperties(), uniquePrefix(), NO_WORKERS,
				"spring.data.redis.timeout=500ms")
			.run((context) -> {
				long start = System.nanoTime();
				assertThat(queue(context, "quiet").take(Duration.ofMillis(800))).isEmpty();
				assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(750);
			});
	}

	@Test
	void anInterruptedTakeTakesNothing() {
		instances(RedisServers.standalone().springProperties(), uniquePrefix(), NO_WORKERS).run((context) -> {
			JobQueue queue = queue(context, "interrupted");
			String id = queue.enqueue("work", "x");
			Thread.currentThread().interrupt();
			try {
				assertThat(queue.take(Duration.ofSeconds(1))).isEmpty();
				assertThat(Thread.currentThread().isInterrupted()).isTrue();
			}
			finally {
				Thread.interrupted();
			}
			assertThat(queue.find(id).orElseThrow().status()).isEqualTo(JobStatus.WAITING);
		});
	}

	@Test
	void aProgressThatDoesNotDecodeDoesNotHideTheJob() {
		instances(RedisServers.standalone().springProperties(), uniquePrefix(), NO_WORKERS).run((context) -> {
			JobQueue queue = queue(context, "garbled");
			String id = queue.enqueue("work", "x");
			StringRedisTemplate redis = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
			redis.opsForHash().put(((DefaultJobQueue) queue).keys().job(id), "progress", "\u0001not a value");
			assertThat(queue.find(id)).hasValueSatisfying((info) -> {
				assertThat(info.status()).isEqualTo(JobStatus.WAITING);
				assertThat(info.progress()).isNull();
			});
		});
	}

	@Test
	void manyConsumersInSeveralInstancesTakeEveryJobExactlyOnce() {
		String[] redis = RedisServers.standalone().springProperties();
		String prefix = uniquePrefix();
		int jobs = 400;
		Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
		runInstances(instances(redis, prefix, NO_WORKERS), 3, (contexts) -> {
			List<JobRequest> requests = new ArrayList<>();
			for (int i = 0; i < jobs; i++) {
				requests.add(JobRequest.of("n", i));
			}
			ExecutorService consumers = Executors.newFixedThreadPool(12);
			CountDownLatch done = new CountDownLatch(jobs);
			try {
				for (int c = 0; c < 12; c++) {
					JobQueue queue = queue(contexts.get(c % contexts.size()), "shared");
					consumers.submit(() -> {
						while (done.getCount() > 0) {
							Optional<ClaimedJob> job = queue.take(Duration.ofMillis(500));
							if (job.isPresent()) {
								deliveries.computeIfAbsent(job.get().context().id(), (id) -> new AtomicInteger())
									.incrementAndGet();
								if (job.get().complete()) {
									done.countDown();
								}
							}
						}
						return null;
					});
				}
				Thread.sleep(200);
				queue(contexts.get(0), "shared").enqueueAll(requests);
				assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
			}
			finally {
				consumers.shutdownNow();
			}
		});
		assertThat(deliveries).hasSize(jobs);
		assertThat(deliveries.values()).allSatisfy((count) -> assertThat(count.get()).isEqualTo(1));
	}

	static class InvoiceHandlers {

		@JobHandler("total")
		public int total(List<Integer> amounts, JobContext job) {
			job.reportProgress(amounts.size());
			return amounts.stream().mapToInt(Integer::intValue).sum();
		}

		@JobHandler("audit")
		public void audit(String entry) {
		}

	}

	/**
	 * A value JSON cannot write: it refers to itself.
	 */
	static class Cyclic {

		public Cyclic self = this;

	}

	record Report(int report) {

	}

	record Rendered(String url, int pages) {

	}

}
