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
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.lock.LockHandle;
import io.github.redisutils.lock.LockOptions;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
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
import org.redisson.Redisson;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Lock throughput: acquire+release pairs per second, by redis-utils'
 * {@link DistributedLocks} and Redisson's {@link RLock}, beside the floor of two raw
 * Lettuce {@code EVALSHA} round trips (a {@code SET NX PX} script and a
 * compare-and-delete script) on one connection, in the same run, on a
 * {@code redis-server} the benchmark starts. {@code manyThreads}: 8 threads over 100 lock
 * names, each thread walking the names from its own start (threads meet on a name now and
 * then, and then wait up to 1 s for it). {@code oneThread}: one thread, uncontended.
 * Every lock takes a fixed 30 s lease, so no watchdog runs. {@link #main} prints the
 * ratios.
 *
 * @author redis-utils authors
 */
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LockThroughputBenchmark {

	private static final int NAMES = 100;

	private static final String ACQUIRE = "return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])";

	private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
			+ "return redis.call('DEL', KEYS[1]) else return 0 end";

	@Param({ "redis-utils", "redisson", "floor" })
	public String implementation;

	private DedicatedRedis redis;

	private final List<AutoCloseable> resources = new ArrayList<>();

	private Locker locker;

	@Setup(Level.Trial)
	public void start() {
		this.redis = RedisServers.dedicated();
		int port = this.redis.port();
		this.locker = switch (this.implementation) {
			case "redis-utils" -> redisUtils(port);
			case "redisson" -> redisson(port);
			case "floor" -> floor(port);
			default -> throw new IllegalArgumentException(this.implementation);
		};
	}

	private Locker redisUtils(int port) {
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		DistributedLocks locks = DistributedLocks.create(connectionFactory, RedisKeys.withPrefix("bench"),
				LockOptions.defaults(), new SimpleMeterRegistry(), List.of());
		this.resources.add(locks);
		this.resources.add(connectionFactory::destroy);
		return (name) -> locks.tryAcquire(name, Duration.ofSeconds(1), Duration.ofSeconds(30)).orElseThrow().release();
	}

	private Locker redisson(int port) {
		Config config = new Config();
		config.useSingleServer().setAddress("redis://127.0.0.1:" + port);
		RedissonClient redisson = Redisson.create(config);
		this.resources.add(redisson::shutdown);
		return (name) -> {
			RLock lock = redisson.getLock(name);
			if (!lock.tryLock(1000, 30_000, TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("Not acquired");
			}
			lock.unlock();
		};
	}

	/**
	 * Two raw round trips on one shared connection, with no waiting when a name is taken:
	 * what any Redis lock costs at least.
	 */
	private Locker floor(int port) {
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
		StatefulRedisConnection<String, String> connection = client.connect();
		this.resources.add(client::shutdown);
		this.resources.add(0, connection::close);
		RedisCommands<String, String> commands = connection.sync();
		String acquire = commands.scriptLoad(ACQUIRE);
		String release = commands.scriptLoad(RELEASE);
		return (name) -> {
			String token = Long.toString(Thread.currentThread().getId() * 31 + System.nanoTime());
			commands.evalsha(acquire, ScriptOutputType.STATUS, new String[] { "floor:" + name }, token, "30000");
			commands.evalsha(release, ScriptOutputType.INTEGER, new String[] { "floor:" + name }, token);
		};
	}

	@TearDown(Level.Trial)
	public void stop() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
		this.redis.close();
	}

	/**
	 * 8 threads over 100 names.
	 * @param cursor this thread's walk over the names
	 * @throws Exception on failure
	 */
	@Benchmark
	@Threads(8)
	public void manyThreads(Cursor cursor) throws Exception {
		this.locker.acquireAndRelease(cursor.next());
	}

	/**
	 * One thread, uncontended.
	 * @param cursor this thread's walk over the names
	 * @throws Exception on failure
	 */
	@Benchmark
	@Threads(1)
	public void oneThread(Cursor cursor) throws Exception {
		this.locker.acquireAndRelease(cursor.next());
	}

	/**
	 * Run the benchmark and print redis-utils' ratios against Redisson and the floor.
	 * @param args none
	 * @throws RunnerException if JMH fails
	 */
	public static void main(String[] args) throws RunnerException {
		var results = new Runner(new OptionsBuilder().include(LockThroughputBenchmark.class.getName() + "\\.").build())
			.run();
		for (String benchmark : List.of("manyThreads", "oneThread")) {
			double ours = score(results, benchmark, "redis-utils");
			double redisson = score(results, benchmark, "redisson");
			double floor = score(results, benchmark, "floor");
			System.out.printf(Locale.ROOT,
					"%nLock pairs/s, %s: redis-utils %.0f, Redisson %.0f (redis-utils %.2fx), floor %.0f"
							+ " (redis-utils at %.2fx of it)%n",
					benchmark, ours, redisson, ours / redisson, floor, ours / floor);
		}
	}

	private static double score(Iterable<RunResult> results, String benchmark, String implementation) {
		for (RunResult result : results) {
			if (result.getParams().getBenchmark().endsWith("." + benchmark)
					&& implementation.equals(result.getParams().getParam("implementation"))) {
				return result.getPrimaryResult().getScore();
			}
		}
		throw new IllegalStateException("No result for " + benchmark + " " + implementation);
	}

	/**
	 * One acquire and release of a named lock.
	 */
	@FunctionalInterface
	interface Locker {

		void acquireAndRelease(String name) throws Exception;

	}

	/**
	 * Each thread walks the names from its own start.
	 */
	@State(Scope.Thread)
	public static class Cursor {

		private static final AtomicInteger STARTS = new AtomicInteger();

		private int index = STARTS.getAndAdd(13) % NAMES;

		String next() {
			this.index = (this.index + 1) % NAMES;
			return "lock-" + this.index;
		}

	}

}
