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

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.github.redisutils.pubsub.PubSubTestSupport.await;
import static io.github.redisutils.pubsub.PubSubTestSupport.awaitSubscribed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pub/sub on a three-master Redis Cluster: classic PUBLISH reaches subscribers connected
 * to any node, and reliable streams (one key each) are consumed on the key's node.
 *
 * @author redis-utils authors
 */
class ClusterPubSubTests {

	private final String prefix = "cps-" + UUID.randomUUID().toString().substring(0, 8);

	record Event(int n) {
	}

	private ApplicationContextRunner instance() {
		return PubSubTestSupport.instance(this.prefix, RedisServers.cluster().springProperties())
			.withPropertyValues("spring.application.name=cluster-app");
	}

	@Test
	void messagesOnManyChannelsReachAnotherInstanceWhateverTheirSlot() {
		instance().run((a) -> instance().run((b) -> {
			awaitSubscribed(b);
			Set<String> received = ConcurrentHashMap.newKeySet();
			RedisPubSub onB = b.getBean(RedisPubSub.class);
			for (int c = 0; c < 10; c++) {
				String channel = "ch-" + c;
				onB.subscribe(channel, Event.class, (event) -> received.add(channel + "/" + event.n()));
			}
			onB.psubscribe("pat-*", Event.class, (event) -> received.add("pattern/" + event.n()));
			RedisPubSub onA = a.getBean(RedisPubSub.class);
			for (int c = 0; c < 10; c++) {
				onA.publish("ch-" + c, new Event(c));
			}
			onA.publish("pat-x", new Event(99));
			await(() -> received.size() == 11, "all 11 messages arrive");
		}));
	}

	@Test
	void reliableStreamsWorkOnCluster() throws Exception {
		instance().run((a) -> {
			RedisPubSub pubSub = a.getBean(RedisPubSub.class);
			BlockingQueue<Integer> received = new LinkedBlockingQueue<>();
			for (int c = 0; c < 3; c++) {
				pubSub.subscribeReliably("jobs-" + c, Event.class, (message) -> received.add(message.payload().n()));
			}
			await(() -> pubSub.status().reliable().stream().allMatch(PubSubStatus.ReliableStatus::consuming),
					"consumers have joined their groups");
			for (int c = 0; c < 3; c++) {
				pubSub.publishReliably("jobs-" + c, new Event(c));
			}
			Set<Integer> got = ConcurrentHashMap.newKeySet();
			for (int i = 0; i < 3; i++) {
				got.add(received.poll(10, TimeUnit.SECONDS));
			}
			assertThat(got).containsExactlyInAnyOrder(0, 1, 2);
			await(() -> pubSub.status().reliable().stream().allMatch((status) -> status.pending() == 0),
					"every entry is acknowledged");
		});
	}

}
