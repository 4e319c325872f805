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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.codec.CodecOptions;
import io.github.redisutils.core.codec.ValueCodec;
import io.github.redisutils.session.LimitPolicy;
import io.github.redisutils.session.SessionMetrics;
import io.github.redisutils.session.SessionStore;
import io.github.redisutils.session.SessionStoreOptions;
import io.github.redisutils.session.http.HttpSessionAttributes;
import io.github.redisutils.session.http.HttpSessionOptions;
import io.github.redisutils.session.http.HttpSessionOutagePolicy;
import io.github.redisutils.session.http.SessionStoreRepository;
import io.github.redisutils.test.RedisServers;
import io.github.redisutils.test.StandaloneRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
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
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;

/**
 * A request that reads its session, as Spring Session's filter runs it (read, mark the
 * access, save, read again for the cookie decision), through the redis-utils
 * {@link SessionStoreRepository} and through Spring Session's
 * {@link RedisIndexedSessionRepository} (its default JDK serialization), on one Redis on
 * loopback; the floor is two raw Lettuce {@code HGETALL}s of the same session hash, the
 * least any repository can do for the filter's two reads. 200 logged-in sessions, each
 * with Spring Security's context, a theme and a three-item list. Run it with
 * {@code java -cp redis-utils-benchmarks/target/benchmarks.jar
 * io.github.redisutils.benchmarks.HttpSessionBenchmark} to print the ratios after JMH's
 * table.
 *
 * @author redis-utils authors
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(1)
@Threads(2)
@State(Scope.Benchmark)
public class HttpSessionBenchmark {

	private static final int SESSIONS = 200;

	private LettuceConnectionFactory connectionFactory;

	private RedisClient rawClient;

	private StatefulRedisConnection<byte[], byte[]> rawConnection;

	private SessionStoreRepository ours;

	private RedisIndexedSessionRepository theirs;

	private final List<String> ourIds = new ArrayList<>();

	private final List<String> theirIds = new ArrayList<>();

	private final List<byte[]> ourKeys = new ArrayList<>();

	@Setup(Level.Trial)
	public void setUp() {
		StandaloneRedis redis = RedisServers.standalone();
		this.connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(redis.host(), redis.port()));
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		this.rawClient = RedisClient.create("redis://" + redis.host() + ":" + redis.port());
		this.rawConnection = this.rawClient.connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE);
		String prefix = "bench-http-" + System.nanoTime();
		SessionStoreOptions storeOptions = new SessionStoreOptions(Duration.ofMinutes(30), Duration.ofHours(12),
				Duration.ofMinutes(1), 0, LimitPolicy.EVICT_OLDEST);
		SessionStore store = SessionStore.create(this.connectionFactory, RedisKeys.withPrefix(prefix),
				ValueCodec.create(JsonMapper.builder().build(), CodecOptions.defaults()), storeOptions,
				new SessionMetrics(new SimpleMeterRegistry(), Duration.ofSeconds(15)), (event) -> {
				});
		this.ours = new SessionStoreRepository(store,
				HttpSessionAttributes.create(List.of(), HttpSessionBenchmark.class.getClassLoader(), (builder) -> {
				}), new HttpSessionOptions(Duration.ofMinutes(30), Duration.ofHours(12), Duration.ofMinutes(1),
						HttpSessionOutagePolicy.FAIL),
				(event) -> {
				});
		RedisTemplate<String, Object> template = new RedisTemplate<>();
		template.setConnectionFactory(this.connectionFactory);
		template.setKeySerializer(RedisSerializer.string());
		template.setHashKeySerializer(RedisSerializer.string());
		template.afterPropertiesSet();
		this.theirs = new RedisIndexedSessionRepository(template);
		this.theirs.setRedisKeyNamespace("spring:session:" + prefix);
		this.theirs.afterPropertiesSet();
		for (int i = 0; i < SESSIONS; i++) {
			this.ourIds.add(createLoggedIn(this.ours, "user-" + i));
			this.theirIds.add(createLoggedIn(this.theirs, "user-" + i));
			String id = this.ourIds.get(i);
			this.ourKeys.add((prefix + ":session:{" + id.substring(0, 16) + "}:s:" + id.substring(17))
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static String createLoggedIn(FindByIndexNameSessionRepository repository, String user) {
		Session session = repository.createSession();
		session.setAttribute("SPRING_SECURITY_CONTEXT", new SecurityContextImpl(UsernamePasswordAuthenticationToken
			.authenticated(user, null, List.of(new SimpleGrantedAuthority("ROLE_USER")))));
		session.setAttribute("theme", "dark");
		session.setAttribute("recent", new ArrayList<>(List.of("a", "b", "c")));
		repository.save(session);
		return session.getId();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.theirs.destroy();
		this.rawConnection.close();
		this.rawClient.shutdown();
		this.connectionFactory.destroy();
	}

	@Benchmark
	public Object redisUtilsRequest(Cursor cursor) {
		return request(this.ours, this.ourIds.get(cursor.next()));
	}

	@Benchmark
	public Object springSessionRedisRequest(Cursor cursor) {
		return request(this.theirs, this.theirIds.get(cursor.next()));
	}

	@Benchmark
	public Object floorTwoHgetalls(Cursor cursor) {
		byte[] key = this.ourKeys.get(cursor.next());
		Map<byte[], byte[]> first = this.rawConnection.sync().hgetall(key);
		Map<byte[], byte[]> second = this.rawConnection.sync().hgetall(key);
		return first.size() + second.size();
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object request(FindByIndexNameSessionRepository repository, String id) {
		Session session = repository.findById(id);
		session.setLastAccessedTime(Instant.now());
		Object theme = session.getAttribute("SPRING_SECURITY_CONTEXT");
		repository.save(session);
		return (repository.findById(session.getId()) != null) ? theme : null;
	}

	/**
	 * Run the benchmark and print the ratios against Spring Session's Redis module and
	 * against the floor.
	 * @param args none
	 * @throws RunnerException if JMH fails
	 */
	public static void main(String[] args) throws RunnerException {
		var results = new Runner(new OptionsBuilder().include(HttpSessionBenchmark.class.getName() + "\\.").build())
			.run();
		double ours = score(results, "redisUtilsRequest");
		double theirs = score(results, "springSessionRedisRequest");
		double floor = score(results, "floorTwoHgetalls");
		System.out.printf(Locale.ROOT,
				"%nRequests/s: redis-utils %.0f, Spring Session Redis %.0f (%.2fx), floor of two HGETALLs %.0f"
						+ " (redis-utils at %.2fx of it)%n",
				ours, theirs, ours / theirs, floor, ours / floor);
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
	 * Each thread walks the sessions on its own.
	 */
	@State(Scope.Thread)
	public static class Cursor {

		private int index;

		int next() {
			this.index = (this.index + 1) % SESSIONS;
			return this.index;
		}

	}

}
