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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.redisutils.test.RedisServers;
import io.github.redisutils.test.StandaloneRedis;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static io.github.redisutils.pubsub.PubSubTestSupport.await;
import static io.github.redisutils.pubsub.PubSubTestSupport.count;
import static io.github.redisutils.pubsub.PubSubTestSupport.health;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliable mode on Redis Streams between application contexts standing for instances of
 * one or two applications.
 *
 * @author redis-utils authors
 */
class ReliablePubSubTests {

	private final String prefix = "rel-" + UUID.randomUUID().toString().substring(0, 8);

	private final StandaloneRedis redis = RedisServers.standalone();

	record Job(int n) {
	}

	private ApplicationContextRunner instance(String application) {
		return PubSubTestSupport.instance(this.prefix, this.redis.springProperties())
			.withPropertyValues("spring.application.name=" + application, "redis.pubsub.namespace=" + this.prefix,
					"redis.pubsub.reliable.claim-idle=1s", "redis.pubsub.reliable.batch-size=10");
	}

	private static void awaitConsuming(ConfigurableApplicationContext context) {
		await(() -> {
			List<PubSubStatus.ReliableStatus> reliable = context.getBean(RedisPubSub.class).status().reliable();
			return !reliable.isEmpty() && reliable.stream().allMatch(PubSubStatus.ReliableStatus::consuming);
		}, "reliable consumers have joined their groups");
	}

	@Test
	void eachApplicationGetsEveryMessageAndItsInstancesShareThem() {
		instance("billing")
			.run((billing1) -> instance("billing").run((billing2) -> instance("shipping").run((shipping) -> {
				Map<Integer, String> billed = new ConcurrentHashMap<>();
				AtomicInteger billedTwice = new AtomicInteger();
				Set<Integer> shipped = ConcurrentHashMap.newKeySet();
				for (ConfigurableApplicationContext billing : List.of(billing1, billing2)) {
					String name = (billing == billing1) ? "1" : "2";
					billing.getBean(RedisPubSub.class).subscribeReliably("orders", Job.class, (message) -> {
						if (billed.put(message.payload().n(), name) != null) {
							billedTwice.incrementAndGet();
						}
					});
				}
				shipping.getBean(RedisPubSub.class)
					.subscribeReliably("orders", Job.class, (message) -> shipped.add(message.payload().n()));
				awaitConsuming(billing1);
				awaitConsuming(billing2);
				awaitConsuming(shipping);
				RedisPubSub publisher = billing1.getBean(RedisPubSub.class);
				for (int i = 0; i < 500; i++) {
					publisher.publishReliably("orders", new Job(i));
				}
				await(() -> billed.size() == 500 && shipped.size() == 500, "both applications get all 500 messages");
				assertThat(billedTwice).hasValue(0);
				assertThat(Set.copyOf(billed.values())).as("both billing instances took a share")
					.containsExactlyInAnyOrder("1", "2");
				await(() -> health(billing1).getDetails().get("reliable").toString().contains("pending=0"),
						"every entry is acknowledged");
			})));
	}

	@Test
	void messagesOfAKilledConsumerAreDeliveredToAnotherInstanceNoneLost() throws Exception {
		CountDownLatch stuck = new CountDownLatch(1);
		Set<Integer> deliveredToDeadOne = ConcurrentHashMap.newKeySet();
		Set<Integer> processed = ConcurrentHashMap.newKeySet();
		ConfigurableApplicationContext[] survivor = new ConfigurableApplicationContext[1];
		instance("billing").run((survivorContext) -> {
			survivor[0] = survivorContext;
			// The dying instance: its handler blocks mid-batch, then its context closes
			// without acknowledging anything.
			instance("billing").withPropertyValues("redis.pubsub.executor.shutdown-timeout=1s").run((dying) -> {
				dying.getBean(RedisPubSub.class).subscribeReliably("invoices", Job.class, (message) -> {
					deliveredToDeadOne.add(message.payload().n());
					stuck.countDown();
					new CountDownLatch(1).await();
				});
				awaitConsuming(dying);
				RedisPubSub publisher = dying.getBean(RedisPubSub.class);
				for (int i = 0; i < 20; i++) {
					publisher.publishReliably("invoices", new Job(i));
				}
				assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
			});
			// Only now does the survivor join the group: everything it gets was the dead
			// consumer's, claimed once idle for claim-idle.
			survivorContext.getBean(RedisPubSub.class)
				.subscribeReliably("invoices", Job.class, (message) -> processed.add(message.payload().n()));
			await(() -> processed.size() == 20, "the survivor processes all 20 messages", Duration.ofSeconds(30));
			assertThat(deliveredToDeadOne).isNotEmpty();
			await(() -> health(survivorContext).getDetails().get("reliable").toString().contains("pending=0"),
					"every entry is acknowledged");
		});
	}

	@Test
	void aFailingHandlerGetsTheMessageAgainAndGivesUpAfterMaxDeliveries() throws Exception {
		instance("billing").withPropertyValues("redis.pubsub.reliable.max-deliveries=3").run((a) -> {
			AtomicInteger attemptsOfFlaky = new AtomicInteger();
			AtomicInteger attemptsOfPoison = new AtomicInteger();
			BlockingQueue<Integer> done = new LinkedBlockingQueue<>();
			RedisPubSub pubSub = a.getBean(RedisPubSub.class);
			pubSub.subscribeReliably("tasks", Job.class, (message) -> {
				if (message.payload().n() == 1 && attemptsOfFlaky.incrementAndGet() < 3) {
					throw new IllegalStateException("transient");
				}
				if (message.payload().n() == 2) {
					attemptsOfPoison.incrementAndGet();
					throw new IllegalStateException("poison");
				}
				done.add(message.payload().n());
			});
			awaitConsuming(a);
			pubSub.publishReliably("tasks", new Job(1));
			pubSub.publishReliably("tasks", new Job(2));
			assertThat(done.poll(20, TimeUnit.SECONDS)).isEqualTo(1);
			assertThat(attemptsOfFlaky).hasValue(3);
			await(() -> count(a, "redis.pubsub.dropped", "tasks") == 1, "the poison message is dropped",
					Duration.ofSeconds(30));
			assertThat(attemptsOfPoison).hasValue(3);
			assertThat(count(a, "redis.pubsub.handler.errors", "tasks")).isEqualTo(5);
			await(() -> health(a).getDetails().get("reliable").toString().contains("pending=0"),
					"nothing is left pending");
		});
	}

	@Test
	void anUndecodableEntryIsCountedAcknowledgedAndNotRetried() throws Exception {
		instance("billing").run((a) -> {
			BlockingQueue<Integer> done = new LinkedBlockingQueue<>();
			RedisPubSub pubSub = a.getBean(RedisPubSub.class);
			pubSub.subscribeReliably("tasks", Job.class, (message) -> done.add(message.payload().n()));
			awaitConsuming(a);
			pubSub.publishReliably("tasks", "not a job");
			pubSub.publishReliably("tasks", new Job(7));
			assertThat(done.poll(10, TimeUnit.SECONDS)).isEqualTo(7);
			assertThat(count(a, "redis.pubsub.decode.errors", "tasks")).isEqualTo(1);
			await(() -> health(a).getDetails().get("reliable").toString().contains("pending=0"),
					"nothing is left pending");
		});
	}

	@Test
	void streamLengthIsCapped() {
		instance("billing").withPropertyValues("redis.pubsub.reliable.max-length=100").run((a) -> {
			RedisPubSub pubSub = a.getBean(RedisPubSub.class);
			for (int i = 0; i < 1000; i++) {
				pubSub.publishReliably("capped", new Job(i));
			}
			Long length = a.getBean(StringRedisTemplate.class)
				.opsForStream()
				.size(this.prefix + ":pubsub:stream:capped");
			// MAXLEN ~ trims whole macro nodes (100 entries by default).
			assertThat(length).isBetween(100L, 300L);
		});
	}

	@Test
	void healthReportsTheLagOfAGroupThatIsBehind() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		instance("billing").run((a) -> {
			RedisPubSub pubSub = a.getBean(RedisPubSub.class);
			pubSub.subscribeReliably("slow", Job.class, (message) -> release.await(20, TimeUnit.SECONDS));
			awaitConsuming(a);
			for (int i = 0; i < 50; i++) {
				pubSub.publishReliably("slow", new Job(i));
			}
			await(() -> {
				PubSubStatus.ReliableStatus status = pubSub.status().reliable().get(0);
				return status.pending() > 0 && status.lag() > 0;
			}, "the backlog shows");
			assertThat(health(a).getDetails().get("reliable").toString()).contains("channel=slow", "group=billing");
			release.countDown();
			await(() -> pubSub.status().reliable().get(0).lag() == 0
					&& pubSub.status().reliable().get(0).pending() == 0, "the backlog is worked off");
		});
	}

}
