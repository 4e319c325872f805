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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.ratelimit.RateLimitPolicy;
import io.github.redisutils.ratelimit.RateLimiter;
import io.github.redisutils.ratelimit.RateLimiterRegistry;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Token-bucket decisions per second against one Redis server: redis-utils (one
 * {@code EVALSHA} timed by the server) and Bucket4j's Lettuce proxy manager
 * (compare-and-swap from the JVM clock), on one hot key contended by every thread and on
 * many keys. Both use one shared Lettuce connection. At set-up, the client commands each
 * needs per decision are counted with {@code MONITOR} and printed.
 * <p>
 * Needs a Redis server: {@code -Dredis.url=redis://127.0.0.1:6379} (the default).
 *
 * @author redis-utils authors
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(8)
@State(Scope.Benchmark)
public class RateLimitBenchmark {

	private static final int MANY_KEYS = 10_000;

	/** Large enough that every decision is allowed: the write path is measured. */
	private static final long CAPACITY = 1_000_000_000L;

	private LettuceConnectionFactory connectionFactory;

	private RateLimiter limiter;

	private RedisClient bucket4jClient;

	private StatefulRedisConnection<String, byte[]> bucket4jConnection;

	private ProxyManager<String> bucket4j;

	private BucketConfiguration bucket4jConfiguration;

	@Setup
	public void setUp() throws IOException {
		RedisURI uri = RedisURI.create(System.getProperty("redis.url", "redis://127.0.0.1:6379"));
		this.connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()));
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		RateLimiterRegistry registry = RateLimiterRegistry.create(this.connectionFactory,
				RedisKeys.withPrefix("benchmark"), new SimpleMeterRegistry(),
				List.of(RateLimitPolicy.tokenBucket("bench", CAPACITY, CAPACITY, Duration.ofSeconds(1))));
		this.limiter = registry.limiter("bench");
		this.bucket4jClient = RedisClient.create(uri);
		this.bucket4jConnection = this.bucket4jClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
		this.bucket4j = Bucket4jLettuce.casBasedBuilder(this.bucket4jConnection)
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
			.build();
		this.bucket4jConfiguration = BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(CAPACITY).refillGreedy(CAPACITY, Duration.ofSeconds(1)))
			.build();
		countRoundTrips(uri);
	}

	@TearDown
	public void tearDown() {
		this.bucket4jConnection.close();
		this.bucket4jClient.shutdown();
		this.connectionFactory.destroy();
	}

	@Benchmark
	public boolean redisUtilsHotKey() {
		return this.limiter.tryAcquire("hot").allowed();
	}

	@Benchmark
	public boolean bucket4jHotKey() {
		return this.bucket4j.getProxy("benchmark:bucket4j:hot", () -> this.bucket4jConfiguration).tryConsume(1);
	}

	@Benchmark
	public boolean redisUtilsManyKeys() {
		return this.limiter.tryAcquire("k" + ThreadLocalRandom.current().nextInt(MANY_KEYS)).allowed();
	}

	@Benchmark
	public boolean bucket4jManyKeys() {
		return this.bucket4j
			.getProxy("benchmark:bucket4j:k" + ThreadLocalRandom.current().nextInt(MANY_KEYS),
					() -> this.bucket4jConfiguration)
			.tryConsume(1);
	}

	private void countRoundTrips(RedisURI uri) throws IOException {
		int decisions = 200;
		for (int i = 0; i < 5; i++) {
			// Load the scripts and create the keys first.
			redisUtilsHotKey();
			bucket4jHotKey();
		}
		long redisUtils = monitored(uri, () -> {
			for (int i = 0; i < decisions; i++) {
				redisUtilsHotKey();
			}
		});
		long bucket4j = monitored(uri, () -> {
			for (int i = 0; i < decisions; i++) {
				bucket4jHotKey();
			}
		});
		System.out.printf("%nClient commands per decision (uncontended): redis-utils %.2f, Bucket4j %.2f%n",
				redisUtils / (double) decisions, bucket4j / (double) decisions);
	}

	/**
	 * Count the commands clients send while the task runs, leaving out those scripts run.
	 */
	private static long monitored(RedisURI uri, Runnable task) throws IOException {
		try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
			OutputStream output = socket.getOutputStream();
			output.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
			output.flush();
			BufferedReader input = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			input.readLine();
			AtomicLong commands = new AtomicLong();
			Thread reader = new Thread(() -> {
				try {
					for (String line = input.readLine(); line != null; line = input.readLine()) {
						if (!line.contains(" lua]") && !line.contains("\"PING\"") && !line.contains("\"ping\"")) {
							commands.incrementAndGet();
						}
					}
				}
				catch (IOException ex) {
					// Closed.
				}
			});
			reader.setDaemon(true);
			reader.start();
			task.run();
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return commands.get();
		}
	}

}
