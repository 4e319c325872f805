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
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.blacklist.FailurePolicy;
import io.github.redisutils.blacklist.LocalRevocationCache;
import io.github.redisutils.blacklist.RevocationSubscriber;
import io.github.redisutils.blacklist.TokenBlacklist;
import io.github.redisutils.blacklist.TokenBlacklistMonitor;
import io.github.redisutils.blacklist.TokenBlacklistOptions;
import io.github.redisutils.blacklist.TokenDescriptor;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.test.RedisServers;
import io.github.redisutils.test.StandaloneRedis;
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

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Token blacklist checks (a JWT-like descriptor: token id and subject) against a real
 * Redis on loopback, with the local cache (answers from memory after the first check of
 * each token) and without it (one {@code MGET} round trip per check). 1,000 tokens, one
 * in ten revoked. For latency percentiles run it with {@code -bm sample -tu us}.
 *
 * @author redis-utils authors
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@Threads(2)
@State(Scope.Benchmark)
public class TokenBlacklistBenchmark {

	private static final int TOKENS = 1000;

	@Param({ "true", "false" })
	public boolean localCache;

	private LettuceConnectionFactory connectionFactory;

	private RevocationSubscriber subscriber;

	private TokenBlacklist blacklist;

	private final TokenDescriptor[] tokens = new TokenDescriptor[TOKENS];

	@Setup(Level.Trial)
	public void setUp() throws InterruptedException {
		StandaloneRedis redis = RedisServers.standalone();
		this.connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(redis.host(), redis.port()));
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		RedisKeys keys = RedisKeys.withPrefix("bench-" + System.nanoTime());
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		LocalRevocationCache cache = null;
		if (this.localCache) {
			cache = new LocalRevocationCache(10_000, Duration.ofMinutes(5), meters);
			this.subscriber = new RevocationSubscriber(this.connectionFactory, keys, cache, RedisThreads.platform(),
					meters);
			this.subscriber.start();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!cache.status().subscribed() && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
		}
		this.blacklist = TokenBlacklist.create(this.connectionFactory, keys,
				new TokenBlacklistOptions(FailurePolicy.CLOSED, Duration.ofHours(1)),
				new TokenBlacklistMonitor(FailurePolicy.CLOSED, meters), cache);
		Instant now = Instant.now();
		for (int i = 0; i < TOKENS; i++) {
			this.tokens[i] = new TokenDescriptor("token-" + i, "user-" + (i % 100), now.minusSeconds(60),
					now.plusSeconds(3600));
			if (i % 10 == 0) {
				this.blacklist.revoke(this.tokens[i].tokenId(), this.tokens[i].expiresAt());
			}
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		if (this.subscriber != null) {
			this.subscriber.stop();
		}
		this.connectionFactory.destroy();
	}

	@Benchmark
	public boolean check(ThreadCursor cursor) {
		return this.blacklist.isRevoked(this.tokens[cursor.next()]);
	}

	/**
	 * Each thread walks the tokens on its own.
	 */
	@State(Scope.Thread)
	public static class ThreadCursor {

		private int index;

		int next() {
			this.index = (this.index + 1) % TOKENS;
			return this.index;
		}

	}

}
