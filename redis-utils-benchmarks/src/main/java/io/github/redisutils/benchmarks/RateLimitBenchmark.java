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
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisScripts;
import io.github.redisutils.ratelimit.RateLimitPolicy;
import io.github.redisutils.ratelimit.RateLimiter;
import io.github.redisutils.ratelimit.RateLimiterRegistry;
import io.github.redisutils.test.RedisServers;
import io.github.redisutils.test.StandaloneRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Rate-limit decisions per second against one Redis server: redis-utils' token bucket and
 * GCRA (one {@code EVALSHA} each, timed by the server) and Bucket4j's Lettuce proxy
 * manager (compare-and-swap from the JVM clock), on one hot key contended by every thread
 * and on many keys. All use one shared Lettuce connection. The floor of each redis-utils
 * algorithm is the same script called with a raw Lettuce {@code EVALSHA} loop at the same
 * thread count over one shared connection, on the same keys and arguments: what is left
 * when the library's own work (key building, argument conversion, Spring Data Redis's
 * script execution, outage back-off, metrics, reply decoding) is taken away. At set-up,
 * the client commands each needs per decision are counted with {@code MONITOR} and
 * printed. The {@code ...BesideFloor} groups run the library and its floor at the same
 * time, 4 threads each, so that both meet the same load on a shared machine: their ratio
 * is steadier than that of two runs made one after the other. Run it with
 * {@code java -cp redis-utils-benchmarks/target/benchmarks.jar
 * io.github.redisutils.benchmarks.RateLimitBenchmark} to print the ratios to the floors
 * after JMH's table.
 * <p>
 * Redis: {@code -Dredis.url=redis://host:port} if given, else a {@code redis-server} the
 * test support starts on a free loopback port (as the other benchmarks do).
 *
 * @author redis-utils authors
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(8)
@State(Scope.Benchmark)
public class RateLimitBenchmark {

	private static final int MANY_KEYS = 10_000;

	/** Large enough that every decision is allowed: the write path is measured. */
	private static final long CAPACITY = 1_000_000_000L;

	private LettuceConnectionFactory connectionFactory;

	private RateLimiter limiter;

	private RateLimiter gcra;

	private RedisClient floorClient;

	private StatefulRedisConnection<String, String> floorConnection;

	private Floor tokenBucketFloor;

	private Floor gcraFloor;

	private RedisClient bucket4jClient;

	private StatefulRedisConnection<String, byte[]> bucket4jConnection;

	private ProxyManager<String> bucket4j;

	private BucketConfiguration bucket4jConfiguration;

	@Setup
	public void setUp() throws IOException {
		RedisURI uri = redisUri();
		this.connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()));
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		RateLimiterRegistry registry = RateLimiterRegistry.create(this.connectionFactory,
				RedisKeys.withPrefix("benchmark"), new SimpleMeterRegistry(),
				List.of(RateLimitPolicy.tokenBucket("bench", CAPACITY, CAPACITY, Duration.ofSeconds(1)),
						RateLimitPolicy.gcra("bench-gcra", CAPACITY, CAPACITY, Duration.ofSeconds(1))));
		this.limiter = registry.limiter("bench");
		this.gcra = registry.limiter("bench-gcra");
		this.floorClient = RedisClient.create(uri);
		this.floorConnection = this.floorClient.connect(StringCodec.UTF8);
		RedisKeys.FeatureKeys keys = RedisKeys.withPrefix("benchmark").feature("rate-limit");
		this.tokenBucketFloor = new Floor(this.floorConnection, "token-bucket.lua", keys.tagged("floor", "bench", "tb"),
				keys.tagged("floor", "blocked"));
		this.gcraFloor = new Floor(this.floorConnection, "gcra.lua", keys.tagged("floor", "bench-gcra", "gcra"),
				keys.tagged("floor", "blocked"));
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
		this.floorConnection.close();
		this.floorClient.shutdown();
		this.bucket4jConnection.close();
		this.bucket4jClient.shutdown();
		this.connectionFactory.destroy();
	}

	@Benchmark
	public boolean redisUtilsHotKey() {
		return this.limiter.tryAcquire("hot").allowed();
	}

	@Benchmark
	public boolean gcraHotKey() {
		return this.gcra.tryAcquire("hot").allowed();
	}

	@Benchmark
	public boolean floorTokenBucketEvalsha() {
		return this.tokenBucketFloor.decide();
	}

	@Benchmark
	public boolean floorGcraEvalsha() {
		return this.gcraFloor.decide();
	}

	@Benchmark
	@Group("gcraBesideFloor")
	@GroupThreads(4)
	public boolean gcraBesideFloorLibrary() {
		return this.gcra.tryAcquire("hot").allowed();
	}

	@Benchmark
	@Group("gcraBesideFloor")
	@GroupThreads(4)
	public boolean gcraBesideFloorRaw() {
		return this.gcraFloor.decide();
	}

	@Benchmark
	@Group("tokenBucketBesideFloor")
	@GroupThreads(4)
	public boolean tokenBucketBesideFloorLibrary() {
		return this.limiter.tryAcquire("hot").allowed();
	}

	@Benchmark
	@Group("tokenBucketBesideFloor")
	@GroupThreads(4)
	public boolean tokenBucketBesideFloorRaw() {
		return this.tokenBucketFloor.decide();
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
			gcraHotKey();
			bucket4jHotKey();
		}
		long redisUtils = monitored(uri, () -> {
			for (int i = 0; i < decisions; i++) {
				redisUtilsHotKey();
			}
		});
		long gcraCommands = monitored(uri, () -> {
			for (int i = 0; i < decisions; i++) {
				gcraHotKey();
			}
		});
		long bucket4j = monitored(uri, () -> {
			for (int i = 0; i < decisions; i++) {
				bucket4jHotKey();
			}
		});
		System.out.printf(Locale.ROOT,
				"%nClient commands per decision (uncontended): redis-utils token bucket %.2f, GCRA %.2f,"
						+ " Bucket4j %.2f%n",
				redisUtils / (double) decisions, gcraCommands / (double) decisions, bucket4j / (double) decisions);
	}

	private static RedisURI redisUri() {
		String url = System.getProperty("redis.url");
		if (url != null) {
			return RedisURI.create(url);
		}
		StandaloneRedis redis = RedisServers.standalone();
		return RedisURI.create("redis://" + redis.host() + ":" + redis.port());
	}

	/**
	 * Run the benchmark and print each redis-utils algorithm's throughput as a ratio of
	 * its floor (the same script through a raw Lettuce {@code EVALSHA} loop), and GCRA's
	 * as a ratio of the token bucket's.
	 * @param args none
	 * @throws RunnerException if JMH fails
	 */
	public static void main(String[] args) throws RunnerException {
		var results = new Runner(new OptionsBuilder().include(RateLimitBenchmark.class.getName() + "\\.").build())
			.run();
		double bucket = score(results, "redisUtilsHotKey");
		double gcra = score(results, "gcraHotKey");
		double bucketFloor = score(results, "floorTokenBucketEvalsha");
		double gcraFloor = score(results, "floorGcraEvalsha");
		double bucket4j = score(results, "bucket4jHotKey");
		System.out.printf(Locale.ROOT,
				"%nHot key, 8 threads, decisions/s: GCRA %.0f (%.2fx its floor of %.0f raw EVALSHA/s), token bucket"
						+ " %.0f (%.2fx its floor of %.0f), GCRA/token bucket %.2fx, Bucket4j %.0f%n",
				gcra, gcra / gcraFloor, gcraFloor, bucket, bucket / bucketFloor, bucketFloor, gcra / bucket, bucket4j);
		double gcraBeside = secondary(results, "gcraBesideFloor", "gcraBesideFloorLibrary");
		double gcraRawBeside = secondary(results, "gcraBesideFloor", "gcraBesideFloorRaw");
		double bucketBeside = secondary(results, "tokenBucketBesideFloor", "tokenBucketBesideFloorLibrary");
		double bucketRawBeside = secondary(results, "tokenBucketBesideFloor", "tokenBucketBesideFloorRaw");
		System.out.printf(Locale.ROOT,
				"Side by side, 4 + 4 threads at once: GCRA %.0f against its floor's %.0f (%.2fx), token bucket"
						+ " %.0f against %.0f (%.2fx)%n",
				gcraBeside, gcraRawBeside, gcraBeside / gcraRawBeside, bucketBeside, bucketRawBeside,
				bucketBeside / bucketRawBeside);
	}

	private static double secondary(Iterable<RunResult> results, String group, String method) {
		for (RunResult result : results) {
			if (result.getParams().getBenchmark().endsWith("." + group)) {
				return result.getSecondaryResults().get(method).getScore();
			}
		}
		throw new IllegalStateException("No result for " + group);
	}

	private static double score(Iterable<RunResult> results, String benchmark) {
		for (RunResult result : results) {
			if (result.getParams().getBenchmark().endsWith("." + benchmark)) {
				return result.getPrimaryResult().getScore();
			}
		}
		throw new IllegalStateException("No result for " + benchmark);
	}

	/**
	 * One redis-utils decision script called directly: {@code EVALSHA} with the keys and
	 * arguments the limiter passes for a cost of one, over a raw Lettuce connection.
	 */
	static final class Floor {

		private final StatefulRedisConnection<String, String> connection;

		private final String sha;

		private final String[] keys;

		private final String[] args;

		Floor(StatefulRedisConnection<String, String> connection, String script, String stateKey, String blockKey) {
			this.connection = connection;
			String text = RedisScripts.fromResource("io/github/redisutils/ratelimit/" + script, List.class)
				.getScriptAsString();
			this.sha = connection.sync().scriptLoad(text);
			this.keys = new String[] { stateKey, blockKey };
			String capacity = Long.toString(CAPACITY);
			this.args = new String[] { capacity, "1000000", capacity, "1" };
		}

		boolean decide() {
			List<Object> reply = this.connection.sync().evalsha(this.sha, ScriptOutputType.MULTI, this.keys, this.args);
			return ((Long) reply.get(0)) == 1L;
		}

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
