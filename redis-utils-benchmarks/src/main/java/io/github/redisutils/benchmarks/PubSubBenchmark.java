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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.github.redisutils.core.codec.CodecOptions;
import io.github.redisutils.core.codec.ValueCodec;
import io.github.redisutils.pubsub.PubSubOptions;
import io.github.redisutils.pubsub.RedisPubSub;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Typed pub/sub on one {@code redis-server} that the benchmark starts on a free loopback
 * port, with a publishing and a subscribing instance (two connection factories, two
 * {@link RedisPubSub}s).
 * <ul>
 * <li>{@code receive}: messages per second into one subscriber. Each invocation pipelines
 * 1,000 small enveloped messages on a raw Lettuce connection (so the publisher is not the
 * bottleneck) and waits until the subscriber's typed handler has received them all:
 * decoding, dispatch to the handler executor and the handler are all inside.</li>
 * <li>{@code endToEnd}: time from {@link RedisPubSub#publish} on one instance until the
 * typed handler of the other runs (sampled, with percentiles).</li>
 * </ul>
 * Its Redis is a dedicated server from the test harness ({@code redis-server} on the
 * {@code PATH}, else the embedded binary). Run it with
 * {@code java -jar redis-utils-benchmarks/target/benchmarks.jar PubSubBenchmark}.
 *
 * @author redis-utils authors
 */
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class PubSubBenchmark {

	private static final int BATCH = 1000;

	private static final String NAMESPACE = "bench";

	/**
	 * A small message.
	 *
	 * @param id an id
	 * @param status a status
	 * @param amount an amount
	 */
	public record OrderUpdate(String id, String status, long amount) {
	}

	private DedicatedRedis redis;

	private final List<AutoCloseable> resources = new ArrayList<>();

	private RedisPubSub publisher;

	private RedisPubSub subscriber;

	private StatefulRedisConnection<byte[], byte[]> raw;

	private byte[] channel;

	private byte[] encoded;

	private final AtomicLong received = new AtomicLong();

	private volatile long target;

	private volatile CompletableFuture<Void> batchDone = new CompletableFuture<>();

	private volatile CompletableFuture<Void> latencyDone = new CompletableFuture<>();

	@Setup(Level.Trial)
	public void start() throws Exception {
		this.redis = RedisServers.dedicated();
		int port = this.redis.port();
		ValueCodec codec = ValueCodec.create(JsonMapper.builder().build(), CodecOptions.defaults());
		this.publisher = pubSub(port, codec);
		this.subscriber = pubSub(port, codec);
		this.subscriber.subscribe("batch", OrderUpdate.class, (update) -> {
			if (this.received.incrementAndGet() == this.target) {
				this.batchDone.complete(null);
			}
		});
		this.subscriber.subscribe("latency", OrderUpdate.class, (update) -> this.latencyDone.complete(null));
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
		this.resources.add(client::shutdown);
		this.raw = client.connect(ByteArrayCodec.INSTANCE);
		this.channel = (NAMESPACE + ":pubsub:batch").getBytes(StandardCharsets.UTF_8);
		// The envelope's wire shape, as RedisPubSub writes it.
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("id", UUID.randomUUID().toString());
		envelope.put("type", OrderUpdate.class.getName());
		envelope.put("timestamp", Instant.now());
		envelope.put("origin", "benchmark");
		envelope.put("payload", new OrderUpdate("order-12345", "SHIPPED", 4200));
		this.encoded = codec.encode(envelope);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.publisher.publish("latency", new OrderUpdate("warm", "UP", 0)) < 1) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the subscriber did not subscribe");
			}
			Thread.sleep(20);
		}
	}

	private RedisPubSub pubSub(int port, ValueCodec codec) {
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		PubSubOptions options = new PubSubOptions(NAMESPACE, 4, 100_000, Duration.ofSeconds(5), 100,
				new PubSubOptions.Reliable("bench", UUID.randomUUID().toString(), 100_000, 100, Duration.ofSeconds(1),
						Duration.ofSeconds(30), 5));
		RedisPubSub pubSub = RedisPubSub.create(connectionFactory, codec, options, new SimpleMeterRegistry());
		((SmartLifecycle) pubSub).start();
		this.resources.add(0, () -> ((SmartLifecycle) pubSub).stop());
		this.resources.add(connectionFactory::destroy);
		return pubSub;
	}

	/**
	 * Pipeline a batch of messages and wait until the subscriber has handled them all.
	 * @throws Exception on failure
	 */
	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	@OperationsPerInvocation(BATCH)
	public void receive() throws Exception {
		CompletableFuture<Void> done = new CompletableFuture<>();
		this.batchDone = done;
		this.target = this.received.get() + BATCH;
		List<RedisFuture<Long>> sent = new ArrayList<>(BATCH);
		for (int i = 0; i < BATCH; i++) {
			sent.add(this.raw.async().publish(this.channel, this.encoded));
		}
		for (RedisFuture<Long> future : sent) {
			future.get(10, TimeUnit.SECONDS);
		}
		done.get(30, TimeUnit.SECONDS);
	}

	/**
	 * Publish one message and wait until the other instance's handler runs.
	 * @throws Exception on failure
	 */
	@Benchmark
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public void endToEnd() throws Exception {
		CompletableFuture<Void> done = new CompletableFuture<>();
		this.latencyDone = done;
		this.publisher.publish("latency", new OrderUpdate("order-12345", "SHIPPED", 4200));
		done.get(10, TimeUnit.SECONDS);
	}

	@TearDown(Level.Trial)
	public void stop() throws Exception {
		if (this.raw != null) {
			this.raw.close();
		}
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
		this.redis.close();
	}

}
