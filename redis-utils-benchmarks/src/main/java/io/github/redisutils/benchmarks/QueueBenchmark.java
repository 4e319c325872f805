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
package io.github.redisutils.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.codec.CodecOptions;
import io.github.redisutils.core.codec.ValueCodec;
import io.github.redisutils.queue.Backoff;
import io.github.redisutils.queue.JobHandlers;
import io.github.redisutils.queue.JobQueue;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.queue.QueueSettings;
import io.github.redisutils.queue.QueueWorkers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Job queue throughput end to end, on a {@code redis-server} the benchmark starts on a
 * free loopback port: each operation is one no-op job enqueued (by 4 producer threads)
 * and processed by workers of concurrency 8 in the same JVM, completed jobs retained as
 * by default. A job counts when its handler has run. Its Redis is a dedicated server from
 * the test harness ({@code redis-server} on the {@code PATH}, else the embedded binary).
 * Run it with
 * {@code java -jar redis-utils-benchmarks/target/benchmarks.jar QueueBenchmark}.
 *
 * @author redis-utils authors
 */
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class QueueBenchmark {

	static final int BATCH = 2000;

	static final int PRODUCERS = 4;

	@Param({ "8" })
	public int concurrency;

	private DedicatedRedis redis;

	private LettuceConnectionFactory connectionFactory;

	private QueueWorkers workers;

	private JobQueue queue;

	private ExecutorService producers;

	private final Semaphore processed = new Semaphore(0);

	@Setup(Level.Trial)
	public void start() throws Exception {
		this.redis = RedisServers.dedicated();
		int port = this.redis.port();
		this.connectionFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		QueueSettings settings = new QueueSettings(this.concurrency, 3,
				new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5)), Duration.ofSeconds(30), Duration.ofHours(1),
				1000, Duration.ofDays(7), 10000);
		JobQueues queues = JobQueues.create(this.connectionFactory, RedisKeys.withPrefix("bench"),
				ValueCodec.create(JsonMapper.builder().build(), CodecOptions.defaults()), (name) -> settings);
		JobHandlers handlers = new JobHandlers();
		handlers.register("noop", Integer.class, (payload, job) -> this.processed.release());
		this.workers = new QueueWorkers(queues, handlers, List.of("bench"), Duration.ofSeconds(1),
				Duration.ofSeconds(10), new SimpleMeterRegistry());
		this.workers.start();
		this.queue = queues.queue("bench");
		this.producers = Executors.newFixedThreadPool(PRODUCERS);
	}

	@TearDown(Level.Trial)
	public void stop() throws Exception {
		this.producers.shutdownNow();
		this.workers.stop();
		this.connectionFactory.destroy();
		this.redis.close();
	}

	/**
	 * Enqueue a batch of no-op jobs and wait until every one has been processed.
	 * @throws Exception on failure
	 */
	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void enqueueAndProcess() throws Exception {
		List<Future<?>> sent = new ArrayList<>(PRODUCERS);
		for (int p = 0; p < PRODUCERS; p++) {
			int producer = p;
			sent.add(this.producers.submit(() -> {
				for (int i = producer; i < BATCH; i += PRODUCERS) {
					this.queue.enqueue("noop", i);
				}
			}));
		}
		for (Future<?> future : sent) {
			future.get();
		}
		if (!this.processed.tryAcquire(BATCH, 60, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Jobs were not processed within a minute");
		}
	}

}
