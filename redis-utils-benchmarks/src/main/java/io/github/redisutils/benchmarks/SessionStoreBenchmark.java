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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.codec.CodecOptions;
import io.github.redisutils.core.codec.ValueCodec;
import io.github.redisutils.session.LimitPolicy;
import io.github.redisutils.session.Session;
import io.github.redisutils.session.SessionMetrics;
import io.github.redisutils.session.SessionOptions;
import io.github.redisutils.session.SessionStore;
import io.github.redisutils.session.SessionStoreOptions;
import io.github.redisutils.test.RedisServers;
import io.github.redisutils.test.StandaloneRedis;
import io.lettuce.core.RedisClient;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Session store operations against a real Redis on loopback: {@code find} (one
 * {@code HGETALL}), a throttled {@code touch} (one script call that writes nothing), and
 * {@code create} with a per-user limit of 10 (so the store stays bounded: every create
 * past the limit evicts), beside a raw Lettuce {@code HGETALL} of the same hash as the
 * floor. 1,000 sessions of 100 users.
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
public class SessionStoreBenchmark {

	private static final int SESSIONS = 1000;

	private LettuceConnectionFactory connectionFactory;

	private RedisClient rawClient;

	private StatefulRedisConnection<String, String> rawConnection;

	private SessionStore store;

	private final String[] ids = new String[SESSIONS];

	private final String[] keys = new String[SESSIONS];

	private String prefix;

	@Setup(Level.Trial)
	public void setUp() {
		StandaloneRedis redis = RedisServers.standalone();
		this.connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(redis.host(), redis.port()));
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		this.rawClient = RedisClient.create("redis://" + redis.host() + ":" + redis.port());
		this.rawConnection = this.rawClient.connect();
		this.prefix = "bench-" + System.nanoTime();
		ValueCodec codec = ValueCodec.create(JsonMapper.builder().build(), CodecOptions.defaults());
		this.store = SessionStore.create(this.connectionFactory, RedisKeys.withPrefix(this.prefix), codec,
				new SessionStoreOptions(Duration.ofMinutes(30), Duration.ofHours(12), Duration.ofMinutes(1), 10,
						LimitPolicy.EVICT_OLDEST),
				new SessionMetrics(new SimpleMeterRegistry(), Duration.ofSeconds(15)), (event) -> {
				});
		SessionOptions options = SessionOptions.defaults().withMetadata(SessionOptions.IP_ADDRESS, "203.0.113.42");
		for (int i = 0; i < SESSIONS; i++) {
			Session session = this.store.create("user-" + (i % 100), Map.of("locale", "en-GB", "csrf", "token-" + i),
					options);
			this.ids[i] = session.id();
			String token = session.id().substring(0, session.id().indexOf('.'));
			String secret = session.id().substring(session.id().indexOf('.') + 1);
			this.keys[i] = this.prefix + ":session:{" + token + "}:s:" + secret;
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.rawConnection.close();
		this.rawClient.shutdown();
		this.connectionFactory.destroy();
	}

	@Benchmark
	public Optional<Session> find(ThreadCursor cursor) {
		return this.store.find(this.ids[cursor.next()]);
	}

	@Benchmark
	public boolean touchThrottled(ThreadCursor cursor) {
		return this.store.touch(this.ids[cursor.next()]);
	}

	@Benchmark
	public Session create(ThreadCursor cursor) {
		return this.store.create("creator-" + (cursor.next() % 100));
	}

	@Benchmark
	public Map<String, String> rawHgetall(ThreadCursor cursor) {
		RedisCommands<String, String> commands = this.rawConnection.sync();
		return commands.hgetall(this.keys[cursor.next()]);
	}

	/**
	 * Each thread walks the sessions on its own.
	 */
	@State(Scope.Thread)
	public static class ThreadCursor {

		private int index;

		int next() {
			this.index = (this.index + 1) % SESSIONS;
			return this.index;
		}

	}

}
