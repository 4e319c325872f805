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

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import static io.github.redisutils.pubsub.PubSubTestSupport.await;
import static io.github.redisutils.pubsub.PubSubTestSupport.awaitSubscribed;
import static io.github.redisutils.pubsub.PubSubTestSupport.health;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Redis stopped and started again under running instances: subscriptions, annotated or
 * not, and reliable consumers resume without user code.
 *
 * @author redis-utils authors
 */
class PubSubOutageTests {

	private final String prefix = "out-" + UUID.randomUUID().toString().substring(0, 8);

	record Ping(int n) {
	}

	@Test
	void subscriptionsResumeAfterRedisRestarts() throws Exception {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			PubSubTestSupport.instance(this.prefix, redis.springProperties()).run((a) -> {
				awaitSubscribed(a);
				RedisPubSub pubSub = a.getBean(RedisPubSub.class);
				BlockingQueue<Ping> channel = new LinkedBlockingQueue<>();
				BlockingQueue<Ping> pattern = new LinkedBlockingQueue<>();
				pubSub.subscribe("pings", Ping.class, channel::add);
				pubSub.psubscribe("ping*", Ping.class, pattern::add);
				assertThat(pubSub.publish("pings", new Ping(1))).isEqualTo(2);
				assertThat(channel.poll(10, TimeUnit.SECONDS)).isEqualTo(new Ping(1));
				assertThat(pattern.poll(10, TimeUnit.SECONDS)).isEqualTo(new Ping(1));

				redis.stop();
				await(() -> !pubSub.status().connected(), "the lost connection is noticed");
				assertThat(health(a).getDetails()).containsEntry("subscribed", false).containsKey("warning");
				assertThatThrownBy(() -> pubSub.publish("pings", new Ping(2)))
					.isInstanceOf(RedisUnavailableException.class);
				redis.start();

				// Lettuce's reconnect back-off grew while Redis was down.
				AtomicInteger n = new AtomicInteger(100);
				await(() -> {
					try {
						return pubSub.publish("pings", new Ping(n.incrementAndGet())) == 2;
					}
					catch (RedisUnavailableException ex) {
						return false;
					}
				}, "both subscriptions are back on the server", Duration.ofSeconds(60));
				assertThat(channel.poll(10, TimeUnit.SECONDS)).isNotNull();
				assertThat(pattern.poll(10, TimeUnit.SECONDS)).isNotNull();
				await(() -> pubSub.status().connected(), "the health sees the subscription again");
				assertThat(health(a).getDetails()).doesNotContainKey("warning");
			});
		}
	}

	@Test
	void aSubscriptionMadeWhileRedisIsDownIsMadeOnceItIsBack() throws Exception {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			redis.stop();
			PubSubTestSupport.instance(this.prefix, redis.springProperties()).run((a) -> {
				RedisPubSub pubSub = a.getBean(RedisPubSub.class);
				BlockingQueue<Ping> received = new LinkedBlockingQueue<>();
				pubSub.subscribe("pings", Ping.class, received::add);
				assertThat(pubSub.status().connected()).isFalse();
				redis.start();
				awaitSubscribed(a);
				await(() -> pubSub.publish("pings", new Ping(1)) == 1, "the subscription is made",
						Duration.ofSeconds(30));
				assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(new Ping(1));
			});
		}
	}

	@Test
	void aReliableConsumerResumesAfterRedisRestarts() throws Exception {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			PubSubTestSupport.instance(this.prefix, redis.springProperties()).run((a) -> {
				RedisPubSub pubSub = a.getBean(RedisPubSub.class);
				BlockingQueue<Ping> received = new LinkedBlockingQueue<>();
				pubSub.subscribeReliably("jobs", Ping.class, (message) -> received.add(message.payload()));
				await(() -> pubSub.status().reliable().get(0).consuming(), "the consumer joins its group");
				pubSub.publishReliably("jobs", new Ping(1));
				assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(new Ping(1));
				redis.stop();
				redis.start();
				// A restarted server without persistence has lost the stream and the
				// group: the consumer creates them again.
				await(() -> {
					try {
						pubSub.publishReliably("jobs", new Ping(2));
						return received.poll(1, TimeUnit.SECONDS) != null;
					}
					catch (RedisUnavailableException ex) {
						return false;
					}
					catch (InterruptedException ex) {
						throw new IllegalStateException(ex);
					}
				}, "the consumer reads again", Duration.ofSeconds(60));
			});
		}
	}

}
