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

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.redisutils.test.RedisServers;

import static io.github.redisutils.queue.QueueTestSupport.handlers;
import static io.github.redisutils.queue.QueueTestSupport.instances;
import static io.github.redisutils.queue.QueueTestSupport.queue;
import static io.github.redisutils.queue.QueueTestSupport.uniquePrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No job is lost when a worker dies mid-job: the job comes back after its visibility
 * deadline and completes on another worker, with the attempt counted.
 *
 * @author redis-utils authors
 */
class AtLeastOnceDeliveryTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@ParameterizedTest
	@MethodSource("io.github.redisutils.queue.QueueTestSupport#topologies")
	void jobOfACrashedWorkerCompletesOnAnotherWorkerAfterTheVisibilityDeadline(String[] redis) {
		String prefix = uniquePrefix();
		String[] properties = { "redis.queue.queues.orders.concurrency=2",
				"redis.queue.queues.orders.visibility-timeout=2s" };
		QueueTestSupport.runInstances(instances(redis, prefix, properties), 2, (contexts) -> {
			CountDownLatch started = new CountDownLatch(1);
			handlers(contexts.get(0)).register("confirm", String.class, (payload, job) -> {
				started.countDown();
				new CountDownLatch(1).await();
			});
			JobQueue queue = queue(contexts.get(1), "orders");
			String id = queue.enqueue("confirm", "order-1");
			assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
			contexts.get(0).getBean(QueueWorkers.class).crash();
			List<JobContext> deliveries = new CopyOnWriteArrayList<>();
			handlers(contexts.get(1)).register("confirm", String.class, (payload, job) -> deliveries.add(job));
			// Well before the deadline the job is still held by the dead worker.
			Thread.sleep(500);
			assertThat(queue.find(id).get().status()).isEqualTo(JobStatus.ACTIVE);
			await().atMost(PATIENCE).until(() -> queue.find(id).get().status() == JobStatus.COMPLETED);
			assertThat(deliveries).singleElement().satisfies((job) -> {
				assertThat(job.id()).isEqualTo(id);
				assertThat(job.attempt()).isEqualTo(2);
			});
		});
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.queue.QueueTestSupport#topologies")
	void heartbeatKeepsALongJobFromBeingDeliveredTwice(String[] redis) {
		String prefix = uniquePrefix();
		QueueTestSupport.runInstances(instances(redis, prefix, "redis.queue.queues.q.concurrency=2",
				"redis.queue.queues.q.visibility-timeout=600ms"), 2, (contexts) -> {
					List<Integer> attempts = new CopyOnWriteArrayList<>();
					for (var context : contexts) {
						handlers(context).register("long", String.class, (payload, job) -> {
							attempts.add(job.attempt());
							Thread.sleep(3000);
						});
					}
					JobQueue queue = queue(contexts.get(0), "q");
					String id = queue.enqueue("long", "x");
					await().atMost(PATIENCE).until(() -> queue.find(id).get().status() == JobStatus.COMPLETED);
					assertThat(attempts).containsExactly(1);
				});
	}

	@Test
	void jobOfAWorkerKilledWithSignalNineCompletesOnAnotherWorker() throws Exception {
		String[] redis = RedisServers.standalone().springProperties();
		String prefix = uniquePrefix();
		String[] id = new String[1];
		instances(redis, prefix, "redis.queue.workers-enabled=false")
			.run((context) -> id[0] = queue(context, "orders").enqueue("crash-test", "order-9"));
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("java.class.path"), QueueWorkerProcess.class.getName()));
		for (String property : redis) {
			command.add("--" + property);
		}
		command.addAll(List.of("--redis.key-prefix=" + prefix, "--redis.queue.queues.orders.concurrency=1",
				"--redis.queue.queues.orders.visibility-timeout=2s", "--logging.level.root=warn"));
		Process worker = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			CompletableFuture<String> started = CompletableFuture.supplyAsync(() -> {
				try (BufferedReader output = new BufferedReader(
						new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
					StringBuilder seen = new StringBuilder();
					String line;
					while ((line = output.readLine()) != null) {
						if (line.startsWith(QueueWorkerProcess.STARTED)) {
							return line;
						}
						seen.append(line).append('\n');
					}
					return "exited:\n" + seen;
				}
				catch (Exception ex) {
					return ex.toString();
				}
			});
			assertThat(started.get(90, TimeUnit.SECONDS)).isEqualTo(QueueWorkerProcess.STARTED + " " + id[0] + " 1");
		}
		finally {
			// SIGKILL: no shutdown hook, no graceful give-back, no acknowledgement.
			worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		instances(redis, prefix, "redis.queue.queues.orders.concurrency=1").run((context) -> {
			JobQueue queue = queue(context, "orders");
			assertThat(queue.find(id[0]).get().status()).isEqualTo(JobStatus.ACTIVE);
			List<Integer> attempts = new CopyOnWriteArrayList<>();
			handlers(context).register("crash-test", String.class, (payload, job) -> attempts.add(job.attempt()));
			await().atMost(PATIENCE).until(() -> queue.find(id[0]).get().status() == JobStatus.COMPLETED);
			assertThat(attempts).containsExactly(2);
		});
	}

}
