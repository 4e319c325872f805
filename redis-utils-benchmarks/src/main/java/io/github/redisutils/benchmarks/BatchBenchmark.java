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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.redisutils.batch.BatchResults;
import io.github.redisutils.batch.RedisBatch;
import io.github.redisutils.batch.RedisBatches;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.codec.CodecOptions;
import io.github.redisutils.core.codec.ValueCodec;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.github.redisutils.values.RedisValues;
import io.github.redisutils.values.ValueExpiry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The round trips a batch saves: 100 typed gets (and 100 sets with a TTL) as one
 * {@link RedisBatches} batch against 100 single {@link RedisValues} calls, on one Redis
 * started for the run (a {@code redis-server} from the {@code PATH} or the embedded one)
 * on loopback, where a round trip is cheapest: over a network the saving grows with the
 * latency. Run it with {@code java -cp redis-utils-benchmarks/target/benchmarks.jar
 * io.github.redisutils.benchmarks.BatchBenchmark} to print the ratios after JMH's table.
 *
 * @author redis-utils authors
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class BatchBenchmark {

	private static final int N = 100;

	private static final Duration TTL = Duration.ofHours(1);

	private final List<String> names = IntStream.range(0, N).mapToObj((i) -> "item-" + i).toList();

	private DedicatedRedis redis;

	private LettuceConnectionFactory connectionFactory;

	private RedisBatches batches;

	private RedisValues values;

	private Item item;

	@Setup(Level.Trial)
	public void start() {
		this.redis = RedisServers.dedicated();
		this.connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(this.redis.host(), this.redis.port()));
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		ValueCodec codec = ValueCodec.create(JsonMapper.builder().build(), CodecOptions.defaults());
		RedisKeys keys = RedisKeys.withPrefix("bench");
		this.batches = RedisBatches.create(this.connectionFactory, keys, codec);
		this.values = RedisValues.create(this.connectionFactory, keys, codec);
		this.item = new Item("item", "A small value with a name", 1999);
		if (!batchOf100Sets().allSucceeded() || batchOf100Gets().read(N - 1, Item.class).isEmpty()) {
			throw new IllegalStateException("The benchmark's entries are missing");
		}
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.connectionFactory.destroy();
		this.redis.close();
	}

	@Benchmark
	public BatchResults batchOf100Gets() {
		RedisBatch batch = this.batches.batch();
		for (String name : this.names) {
			batch.get(name, Item.class);
		}
		return batch.execute();
	}

	@Benchmark
	public void individual100Gets(Blackhole blackhole) {
		for (String name : this.names) {
			blackhole.consume(this.values.get(name, Item.class));
		}
	}

	@Benchmark
	public BatchResults batchOf100Sets() {
		RedisBatch batch = this.batches.batch();
		for (String name : this.names) {
			batch.set(name, this.item, TTL);
		}
		return batch.execute();
	}

	@Benchmark
	public void individual100Sets() {
		for (String name : this.names) {
			this.values.set(name, this.item, ValueExpiry.after(TTL));
		}
	}

	/**
	 * Run the benchmark and print how many times faster a batch is than single calls.
	 * @param args none
	 * @throws RunnerException if JMH fails
	 */
	public static void main(String[] args) throws RunnerException {
		var results = new Runner(new OptionsBuilder().include(BatchBenchmark.class.getName() + "\\.").build()).run();
		double batchGets = score(results, "batchOf100Gets");
		double singleGets = score(results, "individual100Gets");
		double batchSets = score(results, "batchOf100Sets");
		double singleSets = score(results, "individual100Sets");
		System.out.printf(Locale.ROOT, "%n%d gets: batch %.1f us, single calls %.1f us, ratio %.1fx%n", N, batchGets,
				singleGets, singleGets / batchGets);
		System.out.printf(Locale.ROOT, "%d sets: batch %.1f us, single calls %.1f us, ratio %.1fx%n", N, batchSets,
				singleSets, singleSets / batchSets);
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
	 * The value written and read.
	 *
	 * @param id its id
	 * @param name its name
	 * @param priceCents its price
	 */
	public record Item(String id, String name, long priceCents) {

	}

}
