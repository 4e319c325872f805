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
package io.github.redisutils.pubsub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.codec.ValueCodec;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.Test;

import static io.github.redisutils.pubsub.PubSubTestSupport.await;

/**
 * Reliable mode across a restart of a server without persistence: the consumer group
 * vanishes with the stream, and everything published after the restart is delivered.
 *
 * @author redis-utils authors
 */
class ReliablePubSubRestartTests {

	private final String prefix = "rst-" + UUID.randomUUID().toString().substring(0, 8);

	record Job(int n) {
	}

	@Test
	void everyMessagePublishedAfterARestartWithoutPersistenceIsDelivered() {
		DedicatedRedis redis = RedisServers.dedicated();
		PubSubTestSupport.instance(this.prefix, redis.springProperties())
			.withPropertyValues("spring.application.name=billing", "redis.pubsub.namespace=" + this.prefix,
					"spring.data.redis.timeout=1s")
			.run((context) -> {
				RedisPubSub pubSub = context.getBean(RedisPubSub.class);
				Set<Integer> received = ConcurrentHashMap.newKeySet();
				pubSub.subscribeReliably("orders", Job.class, (message) -> received.add(message.payload().n()));
				await(() -> pubSub.status().reliable().get(0).consuming(), "the consumer joins its group");
				pubSub.publishReliably("orders", new Job(-1));
				await(() -> received.contains(-1), "a message before the restart");

				redis.stop();
				redis.start();
				// Another instance keeps publishing from the moment the server is back,
				// while this consumer has not yet noticed (it retries every second).
				Set<Integer> published = new TreeSet<>();
				ValueCodec codec = context.getBean(ValueCodec.class);
				byte[] stream = RedisKeys.withPrefix(this.prefix)
					.feature("pubsub")
					.key("stream", "orders")
					.getBytes(StandardCharsets.UTF_8);
				RedisClient client = RedisClient.create(redis.url());
				try (StatefulRedisConnection<byte[], byte[]> publisher = client.connect(ByteArrayCodec.INSTANCE)) {
					for (int n = 0; n < 300; n++) {
						publisher.sync()
							.xadd(stream, Map.of(StreamConsumer.FIELD.getBytes(StandardCharsets.UTF_8),
									Envelope.encode(codec, "publisher", new Job(n))));
						published.add(n);
						LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
					}
				}
				finally {
					client.shutdown();
				}
				await(() -> received.containsAll(published), "every message published after the restart",
						Duration.ofSeconds(15));
			});
	}

	@Test
	void aDeletedStreamLosesNothingPublishedAfterTheDeletion() {
		DedicatedRedis redis = RedisServers.dedicated();
		PubSubTestSupport.instance(this.prefix, redis.springProperties())
			.withPropertyValues("spring.application.name=billing", "redis.pubsub.namespace=" + this.prefix)
			.run((context) -> {
				RedisPubSub pubSub = context.getBean(RedisPubSub.class);
				Set<Integer> received = ConcurrentHashMap.newKeySet();
				pubSub.subscribeReliably("orders", Job.class, (message) -> received.add(message.payload().n()));
				await(() -> pubSub.status().reliable().get(0).consuming(), "the consumer joins its group");
				pubSub.publishReliably("orders", new Job(0));
				await(() -> received.contains(0), "the first message");
				String stream = context.getBean(org.springframework.data.redis.core.StringRedisTemplate.class)
					.keys("*stream*")
					.iterator()
					.next();
				context.getBean(org.springframework.data.redis.core.StringRedisTemplate.class).delete(stream);
				Set<Integer> published = new TreeSet<>();
				for (int n = 1; n <= 50; n++) {
					pubSub.publishReliably("orders", new Job(n));
					published.add(n);
				}
				await(() -> received.containsAll(published), "every message published after the deletion",
						Duration.ofSeconds(15));
			});
	}

}
