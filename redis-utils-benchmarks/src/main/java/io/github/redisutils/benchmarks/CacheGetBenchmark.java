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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.cache.CacheOptions;
import io.github.redisutils.cache.CacheSettings;
import io.github.redisutils.cache.CacheStore;
import io.github.redisutils.cache.RedisCaches;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.codec.CodecOptions;
import io.github.redisutils.core.codec.ValueCodec;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
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
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cache.Cache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;

/**
 * A cache hit of a small JSON value (about 150 bytes): the redis-utils Spring cache and
 * {@link CacheStore} against a raw Lettuce {@code GET} (bytes only, and bytes decoded
 * with Jackson) and against Spring Data Redis's stock {@link RedisCacheManager} with a
 * Jackson serializer, all on one Redis started for the run (a {@code redis-server} from
 * the {@code PATH} or the embedded one). Run it with
 * {@code java -jar redis-utils-benchmarks/target/benchmarks.jar CacheGetBenchmark}; add
 * {@code -t 4} for four client threads.
 *
 * @author redis-utils authors
 */
@BenchmarkMode({ Mode.Throughput, Mode.AverageTime })
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class CacheGetBenchmark {

	private static final String KEY = "product-42";

	private DedicatedRedis redis;

	private RedisClient client;

	private StatefulRedisConnection<byte[], byte[]> connection;

	private RedisCommands<byte[], byte[]> raw;

	private byte[] rawKey;

	private JsonMapper jsonMapper;

	private LettuceConnectionFactory connectionFactory;

	private LettuceConnectionFactory stockConnectionFactory;

	private Cache redisUtilsCache;

	private CacheStore cacheStore;

	private Cache stockCache;

	@Setup(Level.Trial)
	public void start() {
		this.redis = RedisServers.dedicated();
		Product product = new Product("product-42", "A product with a name", 1999, List.of("red", "large"),
				Map.of("warehouse", "north", "shelf", "B12"));
		this.jsonMapper = JsonMapper.builder().build();

		this.connectionFactory = connectionFactory();
		ValueCodec codec = ValueCodec.create(this.jsonMapper, CodecOptions.defaults());
		RedisKeys keys = RedisKeys.withPrefix("bench");
		RedisCaches caches = RedisCaches.create(this.connectionFactory, keys, codec, new SimpleMeterRegistry(),
				CacheOptions.defaults());
		this.redisUtilsCache = caches.cacheManager(CacheSettings.defaults(), Map.of(), List.of("products"), true)
			.getCache("products");
		this.redisUtilsCache.put(KEY, product);
		this.cacheStore = caches.store(CacheSettings.defaults());
		this.cacheStore.put(KEY, product, Duration.ofHours(1));

		this.stockConnectionFactory = connectionFactory();
		RedisCacheConfiguration stockConfiguration = RedisCacheConfiguration.defaultCacheConfig()
			.entryTtl(Duration.ofHours(1))
			.serializeValuesWith(SerializationPair.fromSerializer(new JacksonJsonRedisSerializer<>(Product.class)));
		RedisCacheManager stock = RedisCacheManager.builder(this.stockConnectionFactory)
			.cacheDefaults(stockConfiguration)
			.initialCacheNames(java.util.Set.of("stock-products"))
			.build();
		stock.afterPropertiesSet();
		this.stockCache = stock.getCache("stock-products");
		this.stockCache.put(KEY, product);

		this.client = RedisClient.create(this.redis.url());
		this.connection = this.client.connect(ByteArrayCodec.INSTANCE);
		this.raw = this.connection.sync();
		this.rawKey = keys.feature("cache").key(KEY).getBytes(StandardCharsets.UTF_8);
		if (this.raw.get(this.rawKey) == null || getRedisUtilsCache() == null || getStockCache() == null
				|| getCacheStore() == null) {
			throw new IllegalStateException("The benchmark's entries are missing");
		}
	}

	private LettuceConnectionFactory connectionFactory() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(this.redis.host(), this.redis.port()));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.connection.close();
		this.client.shutdown();
		this.connectionFactory.destroy();
		this.stockConnectionFactory.destroy();
		this.redis.close();
	}

	@Benchmark
	public byte[] rawLettuceGet() {
		return this.raw.get(this.rawKey);
	}

	@Benchmark
	public Product rawLettuceGetAndJacksonDecode() {
		byte[] stored = this.raw.get(this.rawKey);
		// Skip the ValueCodec's 4-byte header: what is left is the JSON.
		return this.jsonMapper.readValue(stored, 4, stored.length - 4, Product.class);
	}

	@Benchmark
	public Product getRedisUtilsCache() {
		return this.redisUtilsCache.get(KEY, Product.class);
	}

	@Benchmark
	public Object getCacheStore() {
		return this.cacheStore.get(KEY, Product.class).orElseThrow().value();
	}

	@Benchmark
	public Product getStockCache() {
		return this.stockCache.get(KEY, Product.class);
	}

	/**
	 * The cached value.
	 *
	 * @param id the product's id
	 * @param name its name
	 * @param priceCents its price
	 * @param tags its tags
	 * @param location where it is stored
	 */
	public record Product(String id, String name, long priceCents, List<String> tags, Map<String, String> location) {

	}

}
