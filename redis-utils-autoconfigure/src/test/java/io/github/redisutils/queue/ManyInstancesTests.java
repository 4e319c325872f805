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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
 * Three application instances enqueueing from many threads and processing 10,000 jobs, a
 * fifth of them delayed so every instance races to promote them: every job runs exactly
 * once (nobody crashes, so nothing is redelivered).
 *
 * @author redis-utils authors
 */
class ManyInstancesTests {

	private static final int JOBS = 10_000;

	@ParameterizedTest
	@MethodSource("io.github.redisutils.queue.QueueTestSupport#topologies")
	void threeInstancesCompleteEveryJobOnceAndPromoteEveryDelayedJobOnce(String[] redis) {
		QueueTestSupport.runInstances(instances(redis, uniquePrefix(), "redis.queue.queues.work.concurrency=4"), 3,
				(contexts) -> {
					ConcurrentHashMap<Integer, Integer> runs = new ConcurrentHashMap<>();
					for (var context : contexts) {
						handlers(context).register("count", Integer.class,
								(payload, job) -> runs.merge(payload, 1, Integer::sum));
					}
					ExecutorService producers = Executors.newFixedThreadPool(6);
					List<Future<?>> sent = new ArrayList<>();
					for (int t = 0; t < 6; t++) {
						int thread = t;
						JobQueue queue = queue(contexts.get(t % 3), "work");
						sent.add(producers.submit(() -> {
							for (int i = thread; i < JOBS; i += 6) {
								JobOptions options = (i % 5 == 0)
										? JobOptions.defaults().withDelay(Duration.ofMillis(500 + i % 1000))
										: JobOptions.defaults();
								queue.enqueue("count", i, options);
							}
						}));
					}
					for (Future<?> future : sent) {
						future.get();
					}
					producers.shutdown();
					JobQueue queue = queue(contexts.get(0), "work");
					await().atMost(Duration.ofMinutes(3)).until(() -> runs.size() == JOBS);
					await().atMost(Duration.ofSeconds(30))
						.until(() -> contexts.stream()
							.mapToDouble((context) -> count(context, "work", "completed"))
							.sum() == JOBS);
					assertThat(runs.values()).allMatch((runsOfOneJob) -> runsOfOneJob == 1);
					QueueSizes sizes = queue.sizes();
					assertThat(sizes.waiting() + sizes.delayed() + sizes.active() + sizes.dead()).isZero();
					assertThat(sizes.completed()).isEqualTo(1000);
				});
	}

}
