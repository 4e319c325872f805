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

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.test.RedisServers;
import io.github.redisutils.test.StandaloneRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import static io.github.redisutils.pubsub.PubSubTestSupport.await;
import static io.github.redisutils.pubsub.PubSubTestSupport.awaitSubscribed;
import static io.github.redisutils.pubsub.PubSubTestSupport.count;
import static io.github.redisutils.pubsub.PubSubTestSupport.health;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Classic pub/sub between application contexts standing for instances, on a real Redis.
 *
 * @author redis-utils authors
 */
class RedisPubSubTests {

	private final String prefix = "ps-" + UUID.randomUUID().toString().substring(0, 8);

	private final StandaloneRedis redis = RedisServers.standalone();

	record OrderEvent(String orderId, int quantity) {
	}

	record ChatLine(String user, String text) {
	}

	private ApplicationContextRunner instance() {
		return PubSubTestSupport.instance(this.prefix, this.redis.springProperties());
	}

	@Test
	void twoInstancesExchangeTypedMessages() {
		instance().run((a) -> instance().run((b) -> {
			awaitSubscribed(a);
			awaitSubscribed(b);
			RedisPubSub onA = a.getBean(RedisPubSub.class);
			RedisPubSub onB = b.getBean(RedisPubSub.class);
			BlockingQueue<OrderEvent> receivedByB = new LinkedBlockingQueue<>();
			BlockingQueue<OrderEvent> receivedByA = new LinkedBlockingQueue<>();
			try (Subscription subB = onB.subscribe("orders", OrderEvent.class, receivedByB::add);
					Subscription subA = onA.subscribe("orders", OrderEvent.class, receivedByA::add)) {
				assertThat(onA.publish("orders", new OrderEvent("o-1", 3))).isEqualTo(2);
				assertThat(receivedByB.poll(10, TimeUnit.SECONDS)).isEqualTo(new OrderEvent("o-1", 3));
				assertThat(receivedByA.poll(10, TimeUnit.SECONDS)).isEqualTo(new OrderEvent("o-1", 3));
				assertThat(onB.publish("orders", new OrderEvent("o-2", 1))).isEqualTo(2);
				assertThat(receivedByA.poll(10, TimeUnit.SECONDS)).isEqualTo(new OrderEvent("o-2", 1));
				// B hears its own message too; closing first could drop it undelivered.
				assertThat(receivedByB.poll(10, TimeUnit.SECONDS)).isEqualTo(new OrderEvent("o-2", 1));
			}
			assertThat(count(a, "redis.pubsub.published", "orders")).isEqualTo(1);
			assertThat(count(b, "redis.pubsub.received", "orders")).isEqualTo(2);
			// The handler timer is recorded once the handler has returned.
			PubSubTestSupport.await(() -> a.getBean(MeterRegistry.class)
				.get("redis.pubsub.handler")
				.tag("channel", "orders")
				.timer()
				.count() == 2, "both handler runs are timed");
		}));
	}

	@Test
	void envelopeCarriesIdTypeTimestampOriginAndChannel() throws Exception {
		instance().run((a) -> instance().run((b) -> {
			awaitSubscribed(b);
			BlockingQueue<ReceivedMessage<Object>> received = new LinkedBlockingQueue<>();
			b.getBean(RedisPubSub.class)
				.register(new ListenerDefinition(List.of("orders"), List.of(), OrderEvent.class, received::add, false,
						null, false));
			a.getBean(RedisPubSub.class).publish("orders", new OrderEvent("o-9", 9));
			ReceivedMessage<Object> message = received.poll(10, TimeUnit.SECONDS);
			assertThat(message).isNotNull();
			assertThat(message.payload()).isEqualTo(new OrderEvent("o-9", 9));
			assertThat(message.type()).isEqualTo(OrderEvent.class.getName());
			assertThat(message.origin()).isEqualTo(a.getBean(RedisPubSub.class).instanceId())
				.isNotEqualTo(b.getBean(RedisPubSub.class).instanceId());
			assertThat(message.channel()).isEqualTo("orders");
			assertThat(message.pattern()).isNull();
			assertThat(message.id()).hasSize(36);
			assertThat(message.timestamp()).isBetween(java.time.Instant.now().minusSeconds(30),
					java.time.Instant.now());
		}));
	}

	@Test
	void aPlainSubscriberSeesPlainJsonOnTheWire() throws Exception {
		io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(this.redis.url());
		try (var connection = client.connectPubSub()) {
			BlockingQueue<String> wire = new LinkedBlockingQueue<>();
			connection.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<>() {
				@Override
				public void message(String channel, String message) {
					wire.add(message);
				}
			});
			connection.sync().subscribe(this.prefix + ":pubsub:orders");
			instance().run((a) -> {
				a.getBean(RedisPubSub.class).publish("orders", new OrderEvent("o-5", 5));
				String message = wire.poll(10, TimeUnit.SECONDS);
				assertThat(message).startsWith("{").contains("\"orderId\":\"o-5\"").contains("\"quantity\":5");
			});
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void channelsAreQualifiedWithTheNamespaceSoOtherApplicationsDoNotHearThem() {
		instance().run((a) -> PubSubTestSupport.instance("other-" + this.prefix, this.redis.springProperties())
			.run((other) -> {
				awaitSubscribed(other);
				List<OrderEvent> heardByOther = new CopyOnWriteArrayList<>();
				other.getBean(RedisPubSub.class).subscribe("orders", OrderEvent.class, heardByOther::add);
				assertThat(a.getBean(RedisPubSub.class).publish("orders", new OrderEvent("o", 1))).isZero();
				StringRedisTemplate redis = a.getBean(StringRedisTemplate.class);
				Long receivers = redis
					.execute((org.springframework.data.redis.core.RedisCallback<Long>) (connection) -> connection
						.publish(("other-" + this.prefix + ":pubsub:orders").getBytes(), "x".getBytes()));
				assertThat(receivers).isEqualTo(1);
				assertThat(heardByOther).isEmpty();
			}));
	}

	@Test
	void sharedNamespaceLetsTwoApplicationsTalk() {
		String namespace = "shared-" + this.prefix;
		instance().withPropertyValues("redis.pubsub.namespace=" + namespace)
			.run((a) -> PubSubTestSupport.instance("app2-" + this.prefix, this.redis.springProperties())
				.withPropertyValues("redis.pubsub.namespace=" + namespace)
				.run((b) -> {
					awaitSubscribed(b);
					BlockingQueue<OrderEvent> received = new LinkedBlockingQueue<>();
					b.getBean(RedisPubSub.class).subscribe("orders", OrderEvent.class, received::add);
					assertThat(a.getBean(RedisPubSub.class).publish("orders", new OrderEvent("o", 2))).isEqualTo(1);
					assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(new OrderEvent("o", 2));
				}));
	}

	@Test
	void patternSubscriptionsReceiveMatchingChannelsTaggedWithThePatternAsDeclared() {
		instance().run((a) -> instance().run((b) -> {
			awaitSubscribed(b);
			BlockingQueue<ReceivedMessage<Object>> received = new LinkedBlockingQueue<>();
			b.getBean(RedisPubSub.class)
				.register(new ListenerDefinition(List.of(), List.of("chat:*"), ChatLine.class, received::add, false,
						null, false));
			RedisPubSub onA = a.getBean(RedisPubSub.class);
			assertThat(onA.publish("chat:room-1", new ChatLine("ann", "hi"))).isEqualTo(1);
			assertThat(onA.publish("chat:room-2", new ChatLine("bob", "yo"))).isEqualTo(1);
			assertThat(onA.publish("news", new ChatLine("x", "not chat"))).isZero();
			ReceivedMessage<Object> first = received.poll(10, TimeUnit.SECONDS);
			ReceivedMessage<Object> second = received.poll(10, TimeUnit.SECONDS);
			assertThat(Set.of(first.channel(), second.channel())).containsExactlyInAnyOrder("chat:room-1",
					"chat:room-2");
			assertThat(first.pattern()).isEqualTo("chat:*");
			assertThat(count(b, "redis.pubsub.received", "chat:*")).isEqualTo(2);
			MeterRegistry meters = b.getBean(MeterRegistry.class);
			assertThat(meters.find("redis.pubsub.received").tag("channel", "chat:room-1").counter()).isNull();
		}));
	}

	@Test
	void closingASubscriptionUnsubscribesAndOtherHandlersKeepReceiving() throws Exception {
		instance().run((a) -> {
			awaitSubscribed(a);
			RedisPubSub pubSub = a.getBean(RedisPubSub.class);
			BlockingQueue<OrderEvent> first = new LinkedBlockingQueue<>();
			BlockingQueue<OrderEvent> second = new LinkedBlockingQueue<>();
			Subscription one = pubSub.subscribe("orders", OrderEvent.class, first::add);
			Subscription two = pubSub.subscribe("orders", OrderEvent.class, second::add);
			assertThat(pubSub.status().listeners()).isEqualTo(2);
			assertThat(pubSub.publish("orders", new OrderEvent("1", 1))).isEqualTo(1);
			assertThat(first.poll(10, TimeUnit.SECONDS)).isNotNull();
			assertThat(second.poll(10, TimeUnit.SECONDS)).isNotNull();

			one.close();
			assertThat(one.isActive()).isFalse();
			assertThat(pubSub.publish("orders", new OrderEvent("2", 2))).isEqualTo(1);
			assertThat(second.poll(10, TimeUnit.SECONDS)).isEqualTo(new OrderEvent("2", 2));
			assertThat(first).isEmpty();

			two.close();
			two.close();
			assertThat(pubSub.status().listeners()).isZero();
			assertThat(pubSub.status().channels()).isZero();
			assertThat(pubSub.publish("orders", new OrderEvent("3", 3))).isZero();
		});
	}

	@Test
	void aThrowingHandlerIsIsolatedCountedAndTheOthersStillReceive() throws Exception {
		instance().run((a) -> {
			awaitSubscribed(a);
			RedisPubSub pubSub = a.getBean(RedisPubSub.class);
			BlockingQueue<OrderEvent> healthy = new LinkedBlockingQueue<>();
			pubSub.subscribe("orders", OrderEvent.class, (event) -> {
				throw new IllegalStateException("boom");
			});
			pubSub.subscribe("orders", OrderEvent.class, healthy::add);
			for (int i = 0; i < 5; i++) {
				pubSub.publish("orders", new OrderEvent("o-" + i, i));
			}
			for (int i = 0; i < 5; i++) {
				assertThat(healthy.poll(10, TimeUnit.SECONDS)).isNotNull();
			}
			await(() -> count(a, "redis.pubsub.handler.errors", "orders") == 5, "five handler errors are counted");
			pubSub.publish("orders", new OrderEvent("after", 1));
			assertThat(healthy.poll(10, TimeUnit.SECONDS)).isEqualTo(new OrderEvent("after", 1));
		});
	}

	@Test
	void aMessageThatDoesNotDecodeIsCountedAndLaterMessagesStillArrive() throws Exception {
		instance().run((a) -> {
			awaitSubscribed(a);
			RedisPubSub pubSub = a.getBean(RedisPubSub.class);
			BlockingQueue<OrderEvent> received = new LinkedBlockingQueue<>();
			pubSub.subscribe("orders", OrderEvent.class, received::add);
			// A foreign publisher: not an envelope at all, then a payload of another
			// shape.
			a.getBean(StringRedisTemplate.class).convertAndSend(this.prefix + ":pubsub:orders", "not json");
			pubSub.publish("orders", List.of("a", "list"));
			pubSub.publish("orders", new OrderEvent("ok", 1));
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(new OrderEvent("ok", 1));
			await(() -> count(a, "redis.pubsub.decode.errors", "orders") == 2, "two decode errors are counted");
			assertThat(received).isEmpty();
		});
	}

	@Test
	void aSlowHandlerDoesNotStallOthers() throws Exception {
		instance().withPropertyValues("redis.pubsub.executor.threads=4").run((a) -> {
			awaitSubscribed(a);
			RedisPubSub pubSub = a.getBean(RedisPubSub.class);
			CountDownLatch release = new CountDownLatch(1);
			pubSub.subscribe("slow", OrderEvent.class, (event) -> {
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			BlockingQueue<OrderEvent> fast = new LinkedBlockingQueue<>();
			pubSub.subscribe("fast", OrderEvent.class, fast::add);
			pubSub.publish("slow", new OrderEvent("s", 1));
			for (int i = 0; i < 100; i++) {
				pubSub.publish("fast", new OrderEvent("f-" + i, i));
			}
			for (int i = 0; i < 100; i++) {
				assertThat(fast.poll(10, TimeUnit.SECONDS)).isNotNull();
			}
			release.countDown();
		});
	}

	@Test
	void handlersNeverRunOnLettuceEventLoopThreads() throws Exception {
		instance().run((a) -> {
			awaitSubscribed(a);
			RedisPubSub pubSub = a.getBean(RedisPubSub.class);
			BlockingQueue<String> threads = new LinkedBlockingQueue<>();
			pubSub.subscribe("orders", OrderEvent.class, (event) -> threads.add(Thread.currentThread().getName()));
			pubSub.publish("orders", new OrderEvent("t", 1));
			assertThat(threads.poll(10, TimeUnit.SECONDS)).startsWith("redis-utils-pubsub-").doesNotContain("lettuce");
		});
	}

	@Test
	void manyPublishersOnManyThreadsLoseNothingWhileConnected() throws Exception {
		instance().run((a) -> instance().run((b) -> {
			awaitSubscribed(b);
			Map<String, Boolean> received = new ConcurrentHashMap<>();
			b.getBean(RedisPubSub.class)
				.subscribe("load", OrderEvent.class, (event) -> received.put(event.orderId(), true));
			RedisPubSub onA = a.getBean(RedisPubSub.class);
			List<Thread> publishers = new java.util.ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int thread = t;
				Thread publisher = new Thread(() -> {
					for (int i = 0; i < 250; i++) {
						onA.publish("load", new OrderEvent(thread + "-" + i, i));
					}
				});
				publisher.start();
				publishers.add(publisher);
			}
			for (Thread publisher : publishers) {
				publisher.join();
			}
			await(() -> received.size() == 2000, "all 2000 messages arrive");
		}));
	}

	@Test
	void aStoppedContextStartedAgainReceivesAgain() throws Exception {
		instance().run((a) -> {
			awaitSubscribed(a);
			RedisPubSub pubSub = a.getBean(RedisPubSub.class);
			BlockingQueue<OrderEvent> received = new LinkedBlockingQueue<>();
			BlockingQueue<OrderEvent> reliable = new LinkedBlockingQueue<>();
			pubSub.subscribe("orders", OrderEvent.class, received::add);
			pubSub.subscribeReliably("jobs", OrderEvent.class, (message) -> reliable.add(message.payload()));
			await(() -> pubSub.status().reliable().get(0).consuming(), "the reliable consumer reads");
			a.stop();
			assertThat(pubSub.status().connected()).isFalse();
			assertThat(pubSub.status().reliable().get(0).consuming()).isFalse();
			a.start();
			awaitSubscribed(a);
			await(() -> pubSub.publish("orders", new OrderEvent("again", 1)) == 1, "subscribed again");
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(new OrderEvent("again", 1));
			await(() -> pubSub.status().reliable().get(0).consuming(), "the reliable consumer reads again");
			pubSub.publishReliably("jobs", new OrderEvent("job", 2));
			assertThat(reliable.poll(10, TimeUnit.SECONDS)).isEqualTo(new OrderEvent("job", 2));
		});
	}

	@Test
	void healthReportsSubscriptionStateAndListenerCount() {
		instance().run((a) -> {
			awaitSubscribed(a);
			a.getBean(RedisPubSub.class).subscribe("orders", OrderEvent.class, (event) -> {
			});
			a.getBean(RedisPubSub.class).psubscribe("chat:*", ChatLine.class, (line) -> {
			});
			var health = health(a);
			assertThat(health.getStatus().getCode()).isEqualTo("UP");
			assertThat(health.getDetails()).containsEntry("subscribed", true)
				.containsEntry("listeners", 2)
				.containsEntry("channels", 1)
				.containsEntry("patterns", 1)
				.doesNotContainKey("warning");
		});
	}

	@Test
	void channelTagsAreCappedForPerEntityChannels() {
		instance().withPropertyValues("redis.pubsub.max-channel-tags=3").run((a) -> {
			RedisPubSub pubSub = a.getBean(RedisPubSub.class);
			for (int i = 0; i < 10; i++) {
				pubSub.publish("user:" + i, "hello");
			}
			MeterRegistry meters = a.getBean(MeterRegistry.class);
			assertThat(meters.find("redis.pubsub.published").counters()).hasSize(4);
			assertThat(meters.get("redis.pubsub.published").tag("channel", "other").counter().count()).isEqualTo(7);
		});
	}

	@Test
	void publishWithoutRedisRaisesRedisUnavailable() {
		PubSubTestSupport.instance(this.prefix, "spring.data.redis.port=1", "spring.data.redis.connect-timeout=200ms")
			.run((a) -> org.assertj.core.api.Assertions
				.assertThatThrownBy(() -> a.getBean(RedisPubSub.class).publish("orders", "x"))
				.isInstanceOf(io.github.redisutils.core.RedisUnavailableException.class));
	}

}
