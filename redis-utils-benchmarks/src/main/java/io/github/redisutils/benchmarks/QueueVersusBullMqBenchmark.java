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
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Job queue throughput of redis-utils and of BullMQ side by side, in one run on one
 * machine: {@link QueueBenchmark} through the JMH runner (it starts its own dedicated
 * {@code redis-server}), then the same workload on BullMQ, the Node script in
 * {@code redis-utils-benchmarks/bullmq/queue-benchmark.mjs}, against a fresh dedicated
 * {@code redis-server} from the same binary. Both sides: no-op jobs added one at a time
 * by 4 concurrent producers, processed by workers of concurrency 8 in the same process,
 * completed jobs kept for 1 hour / 1000 jobs, batches of 2,000 jobs back to back for each
 * timed iteration, with QueueBenchmark's warm-up and iteration times and at least 5
 * measured iterations. It prints both means, their ratio and the per-iteration figures.
 * <p>
 * Run it from the repository root with
 * {@code java -cp redis-utils-benchmarks/target/benchmarks.jar io.github.redisutils.benchmarks.QueueVersusBullMqBenchmark}.
 * It needs {@code redis-server} (else the embedded binary is used), {@code node} and
 * {@code npm} on the {@code PATH}; it runs {@code npm ci} in the BullMQ directory if its
 * {@code node_modules} is missing. System properties: {@code bullmq.dir} (the directory
 * of the Node script, by default {@code redis-utils-benchmarks/bullmq} or {@code bullmq}
 * under the working directory) and {@code bench.iterations} (measured iterations on each
 * side, at least 5; by default the larger of 5 and QueueBenchmark's own).
 *
 * @author redis-utils authors
 */
public final class QueueVersusBullMqBenchmark {

	private static final String SCRIPT = "queue-benchmark.mjs";

	private static final String SUMMARY = "BULLMQ_SUMMARY ";

	private static final int MIN_ITERATIONS = 5;

	private static final String CONCURRENCY = "8";

	private QueueVersusBullMqBenchmark() {
	}

	/**
	 * Run both benchmarks and print their throughput, the ratio and the per-iteration
	 * figures.
	 * @param args none
	 * @throws Exception if either benchmark cannot be run or fails
	 */
	public static void main(String[] args) throws Exception {
		Path bullmq = bullMqDirectory();
		String nodeVersion = requireTool(List.of(node(), "--version"), "node");
		String npmVersion = requireTool(List.of(npm(), "--version"), "npm");
		Warmup warmup = QueueBenchmark.class.getAnnotation(Warmup.class);
		Measurement measurement = QueueBenchmark.class.getAnnotation(Measurement.class);
		int iterations = Integer.getInteger("bench.iterations", Math.max(MIN_ITERATIONS, measurement.iterations()));
		if (iterations < MIN_ITERATIONS) {
			throw new IllegalArgumentException("bench.iterations must be at least " + MIN_ITERATIONS);
		}
		long warmupSeconds = Math.max(1, warmup.timeUnit().toSeconds(warmup.time()));
		long measurementSeconds = Math.max(1, measurement.timeUnit().toSeconds(measurement.time()));
		double loadBefore = loadAverage();
		System.out.printf(Locale.ROOT, "# Node %s, npm %s, BullMQ directory %s%n", nodeVersion, npmVersion, bullmq);
		System.out.printf(Locale.ROOT, "# Load average before: %.2f%n", loadBefore);

		System.out.println("# redis-utils: QueueBenchmark through JMH");
		Collection<RunResult> results = new Runner(
				new OptionsBuilder().include(QueueBenchmark.class.getName() + "\\.enqueueAndProcess$")
					.param("concurrency", CONCURRENCY)
					.measurementIterations(iterations)
					.build())
			.run();
		RunResult run = single(results);
		Result<?> primary = run.getPrimaryResult();
		List<Double> redisUtilsIterations = iterationScores(run);

		System.out.println("# BullMQ: " + bullmq.resolve(SCRIPT));
		installIfMissing(bullmq);
		JsonNode bull;
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			redis.flushAll();
			bull = runBullMq(bullmq, redis, warmup.iterations(), warmupSeconds, iterations, measurementSeconds);
		}
		double bullMean = bull.get("mean").asDouble();
		List<Double> bullIterations = new ArrayList<>();
		bull.get("iterations").forEach((value) -> bullIterations.add(value.asDouble()));
		double loadAfter = loadAverage();

		System.out.println();
		System.out.println("# Queue throughput, same workload, same machine (jobs/s)");
		System.out.printf(Locale.ROOT, "redis-utils: %,.0f jobs/s (± %,.0f, 99.9%% CI, %d iterations)%n",
				primary.getScore(), primary.getScoreError(), redisUtilsIterations.size());
		System.out.printf(Locale.ROOT, "  iterations: %s%n", format(redisUtilsIterations));
		System.out.printf(Locale.ROOT, "BullMQ %s: %,.0f jobs/s (stdev %,.0f, %d iterations; Node %s, Redis %s)%n",
				bull.get("bullmq").asString(), bullMean, bull.get("stdev").asDouble(), bullIterations.size(),
				bull.get("node").asString(), bull.get("redis").asString());
		System.out.printf(Locale.ROOT, "  iterations: %s%n", format(bullIterations));
		System.out.printf(Locale.ROOT, "Ratio redis-utils / BullMQ: %.2fx%n", primary.getScore() / bullMean);
		System.out.printf(Locale.ROOT, "Load average (1 min): before %.2f, after %.2f, on %d processors%n", loadBefore,
				loadAfter, Runtime.getRuntime().availableProcessors());
	}

	private static Path bullMqDirectory() {
		String configured = System.getProperty("bullmq.dir");
		List<Path> candidates = (configured != null) ? List.of(Path.of(configured))
				: List.of(Path.of("redis-utils-benchmarks", "bullmq"), Path.of("bullmq"));
		for (Path candidate : candidates) {
			if (Files.isRegularFile(candidate.resolve(SCRIPT))) {
				return candidate.toAbsolutePath().normalize();
			}
		}
		throw new IllegalStateException("No " + SCRIPT + " in "
				+ candidates.stream().map((path) -> path.toAbsolutePath().toString()).collect(Collectors.joining(", "))
				+ ": run from the repository root or set -Dbullmq.dir=<path to redis-utils-benchmarks/bullmq>");
	}

	private static String requireTool(List<String> command, String name) throws InterruptedException {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (process.waitFor() != 0) {
				throw new IllegalStateException("'" + String.join(" ", command) + "' failed: " + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("'" + name + "' was not found on the PATH; the BullMQ side of this "
					+ "benchmark needs Node.js 18 or later with npm (" + ex.getMessage() + ")", ex);
		}
	}

	private static void installIfMissing(Path bullmq) throws IOException, InterruptedException {
		if (Files.isDirectory(bullmq.resolve("node_modules").resolve("bullmq"))) {
			return;
		}
		System.out.println("# npm ci in " + bullmq);
		Process process = new ProcessBuilder(npm(), "ci", "--no-audit", "--no-fund").directory(bullmq.toFile())
			.inheritIO()
			.start();
		if (process.waitFor() != 0) {
			throw new IllegalStateException("npm ci failed in " + bullmq + " (exit " + process.exitValue() + ")");
		}
	}

	private static JsonNode runBullMq(Path bullmq, DedicatedRedis redis, int warmupIterations, long warmupSeconds,
			int iterations, long seconds) throws IOException, InterruptedException {
		List<String> command = List.of(node(), SCRIPT, "--host", redis.host(), "--port", Integer.toString(redis.port()),
				"--warmup-iterations", Integer.toString(warmupIterations), "--warmup-time",
				Long.toString(warmupSeconds), "--iterations", Integer.toString(iterations), "--time",
				Long.toString(seconds), "--batch", Integer.toString(QueueBenchmark.BATCH), "--producers",
				Integer.toString(QueueBenchmark.PRODUCERS), "--concurrency", CONCURRENCY);
		Process process = new ProcessBuilder(command).directory(bullmq.toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		String summary = null;
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				System.out.println(line);
				if (line.startsWith(SUMMARY)) {
					summary = line.substring(SUMMARY.length());
				}
			}
		}
		if (!process.waitFor(1, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("The BullMQ benchmark did not exit");
		}
		if (process.exitValue() != 0 || summary == null) {
			throw new IllegalStateException("The BullMQ benchmark failed (exit " + process.exitValue() + ", "
					+ ((summary != null) ? "with" : "without") + " a summary line)");
		}
		return JsonMapper.builder().build().readTree(summary);
	}

	private static RunResult single(Collection<RunResult> results) {
		if (results.size() != 1) {
			throw new IllegalStateException("Expected one JMH result, got " + results.size());
		}
		return results.iterator().next();
	}

	private static List<Double> iterationScores(RunResult run) {
		List<Double> scores = new ArrayList<>();
		for (BenchmarkResult fork : run.getBenchmarkResults()) {
			for (IterationResult iteration : fork.getIterationResults()) {
				scores.add(iteration.getPrimaryResult().getScore());
			}
		}
		return scores;
	}

	private static String format(List<Double> values) {
		return values.stream()
			.map((value) -> String.format(Locale.ROOT, "%,.0f", value))
			.collect(Collectors.joining(", ", "[", "]"));
	}

	private static double loadAverage() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

	private static boolean windows() {
		return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
	}

	private static String node() {
		return windows() ? "node.exe" : "node";
	}

	private static String npm() {
		return windows() ? "npm.cmd" : "npm";
	}

}
