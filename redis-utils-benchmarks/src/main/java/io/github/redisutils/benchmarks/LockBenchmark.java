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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.lock.LockHandle;
import io.github.redisutils.lock.LockOptions;
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
import org.openjdk.jmh.annotations.Warmup;
import org.redisson.Redisson;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.integration.redis.util.RedisLockRegistry;

/**
 * Distributed locks side by side on one {@code redis-server} that the benchmark starts on
 * a free loopback port: redis-utils' {@link DistributedLocks}, Redisson's {@link RLock}
 * and Spring Integration's {@link RedisLockRegistry} (spin lock, its default, and pub/sub
 * lock). Every lock takes a fixed 30 s lease, so no watchdog runs.
 * <ul>
 * <li>{@code acquireRelease}: uncontended acquire and release pairs per second, one
 * thread.</li>
 * <li>{@code handOff}: time from a holder's release call until a thread of another client
 * (standing for another application instance) that already waits for the lock has it
 * (sampled, with percentiles).</li>
 * </ul>
 * Its Redis is a dedicated server from the test harness ({@code redis-server} on the
 * {@code PATH}, else the embedded binary). Run it with
 * {@code java -jar redis-utils-benchmarks/target/benchmarks.jar LockBenchmark}.
 *
 * @author redis-utils authors
 */
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class LockBenchmark {

	private static final String NAME = "bench";

	@Param({ "redis-utils", "redisson", "spring-integration-spin", "spring-integration-pubsub" })
	public String implementation;

	private DedicatedRedis redis;

	private final List<AutoCloseable> resources = new ArrayList<>();

	private Locker locker;

	private Locker partnerLocker;

	@Setup(Level.Trial)
	public void start() throws Exception {
		this.redis = RedisServers.dedicated();
		int port = this.redis.port();
		// Two clients, standing for two application instances: the hand-off goes through
		// Redis, not through a lock local to one client.
		this.locker = locker(port);
		this.partnerLocker = locker(port);
	}

	private Locker locker(int port) {
		return switch (this.implementation) {
			case "redis-utils" -> redisUtils(connectionFactory(port));
			case "redisson" -> redisson(port);
			case "spring-integration-spin" ->
				springIntegration(connectionFactory(port), RedisLockRegistry.RedisLockType.SPIN_LOCK);
			case "spring-integration-pubsub" ->
				springIntegration(connectionFactory(port), RedisLockRegistry.RedisLockType.PUB_SUB_LOCK);
			default -> throw new IllegalArgumentException(this.implementation);
		};
	}

	private LettuceConnectionFactory connectionFactory(int port) {
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		this.resources.add(connectionFactory::destroy);
		return connectionFactory;
	}

	private Locker redisUtils(LettuceConnectionFactory connectionFactory) {
		DistributedLocks distributedLocks = DistributedLocks.create(connectionFactory, RedisKeys.withPrefix("bench"),
				LockOptions.defaults(), new SimpleMeterRegistry(), List.of());
		this.resources.add(0, distributedLocks);
		return new Locker() {

			@Override
			public Object acquire(long waitMillis) {
				return distributedLocks.tryAcquire(NAME, Duration.ofMillis(waitMillis), Duration.ofSeconds(30))
					.orElseThrow();
			}

			@Override
			public void release(Object handle) {
				((LockHandle) handle).release();
			}

		};
	}

	private Locker redisson(int port) {
		Config config = new Config();
		config.useSingleServer().setAddress("redis://127.0.0.1:" + port);
		RedissonClient redisson = Redisson.create(config);
		this.resources.add(redisson::shutdown);
		RLock lock = redisson.getLock(NAME);
		return new Locker() {

			@Override
			public Object acquire(long waitMillis) throws InterruptedException {
				if (!lock.tryLock(waitMillis, 30_000, TimeUnit.MILLISECONDS)) {
					throw new IllegalStateException("Not acquired");
				}
				return lock;
			}

			@Override
			public void release(Object handle) {
				lock.unlock();
			}

		};
	}

	private Locker springIntegration(LettuceConnectionFactory connectionFactory, RedisLockRegistry.RedisLockType type) {
		RedisLockRegistry registry = new RedisLockRegistry(connectionFactory, "bench-si", 30_000);
		registry.setRedisLockType(type);
		this.resources.add(0, registry::destroy);
		return new Locker() {

			@Override
			public Object acquire(long waitMillis) throws InterruptedException {
				Lock lock = registry.obtain(NAME);
				if (!lock.tryLock(waitMillis, TimeUnit.MILLISECONDS)) {
					throw new IllegalStateException("Not acquired");
				}
				return lock;
			}

			@Override
			public void release(Object handle) {
				((Lock) handle).unlock();
			}

		};
	}

	@TearDown(Level.Trial)
	public void stop() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
		this.redis.close();
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	public void acquireRelease() throws Exception {
		this.locker.release(this.locker.acquire(0));
	}

	@Benchmark
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public void handOff(HandOff handOff) throws Exception {
		this.locker.release(handOff.held);
		if (!handOff.partnerAcquired.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("No hand-off within 10 s");
		}
	}

	/**
	 * Before each hand-off: the benchmark thread holds the lock and a partner thread
	 * waits for it.
	 */
	@State(Scope.Thread)
	public static class HandOff {

		private final ExecutorService partner = Executors.newSingleThreadExecutor();

		private Object held;

		private CountDownLatch partnerAcquired;

		private Future<?> partnerTask;

		@Setup(Level.Invocation)
		public void prepare(LockBenchmark benchmark) throws Exception {
			if (this.partnerTask != null) {
				this.partnerTask.get(30, TimeUnit.SECONDS);
			}
			Locker locker = benchmark.locker;
			Locker partnerLocker = benchmark.partnerLocker;
			this.held = locker.acquire(10_000);
			CountDownLatch acquired = new CountDownLatch(1);
			this.partnerAcquired = acquired;
			this.partnerTask = this.partner.submit(() -> {
				Object handle = partnerLocker.acquire(10_000);
				acquired.countDown();
				partnerLocker.release(handle);
				return null;
			});
			// Let the partner make its first attempt and start waiting.
			Thread.sleep(3);
		}

		@TearDown(Level.Trial)
		public void stop() throws Exception {
			if (this.partnerTask != null) {
				this.partnerTask.get(30, TimeUnit.SECONDS);
			}
			this.partner.shutdownNow();
		}

	}

	private interface Locker {

		Object acquire(long waitMillis) throws Exception;

		void release(Object handle);

	}

}
