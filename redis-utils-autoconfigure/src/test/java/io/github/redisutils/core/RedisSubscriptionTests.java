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
package io.github.redisutils.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.HostPort;
import io.github.redisutils.test.RedisServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscription component on standalone and Cluster: callbacks on a dropped
 * connection, resubscription, {@code reconnect()} from many threads, and a stop that
 * never waits for a server that is gone.
 *
 * @author redis-utils authors
 */
class RedisSubscriptionTests {

	private static ApplicationContextRunner redis(String... properties) {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withPropertyValues(properties)
			.withPropertyValues("spring.data.redis.timeout=2s");
	}

	static final class Recorder implements RedisSubscription.Listener {

		final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

		final AtomicInteger connected = new AtomicInteger();

		final AtomicInteger disconnected = new AtomicInteger();

		@Override
		public void message(String channel, byte[] message) {
			this.messages.add(channel + "=" + new String(message, StandardCharsets.UTF_8));
		}

		@Override
		public void connected() {
			this.connected.incrementAndGet();
		}

		@Override
		public void disconnected() {
			this.disconnected.incrementAndGet();
		}

	}

	@Test
	void aKilledConnectionIsReportedAtOnceAndSubscribedAgain() {
		// A server of its own: killing every pub/sub client must not disturb other tests.
		DedicatedRedis dedicated = RedisServers.dedicated();
		redis(dedicated.springProperties()).run((context) -> {
			List<HostPort> nodes = List.of(new HostPort(dedicated.host(), dedicated.port()));
			killAndResubscribe(context.getBean(LettuceConnectionFactory.class),
					context.getBean(StringRedisTemplate.class), nodes, "standalone");
		});
	}

	@Test
	void onClusterAKilledConnectionIsReportedAtOnceAndSubscribedAgain() {
		redis(RedisServers.cluster().springProperties())
			.run((context) -> killAndResubscribe(context.getBean(LettuceConnectionFactory.class),
					context.getBean(StringRedisTemplate.class), RedisServers.cluster().nodes(), "cluster"));
	}

	private static void killAndResubscribe(LettuceConnectionFactory factory, StringRedisTemplate template,
			List<HostPort> nodes, String channel) throws Exception {
		Recorder recorder = new Recorder();
		RedisSubscription subscription = RedisSubscription.create(factory, "test", recorder, RedisThreads.platform(),
				new SimpleMeterRegistry());
		try {
			subscription.subscribe("sub-" + channel);
			subscription.start();
			await(subscription::isConnected, "connected");
			template.convertAndSend("sub-" + channel, "one");
			assertThat(recorder.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("sub-" + channel + "=one");

			for (HostPort node : nodes) {
				clientKillPubSub(node);
			}
			await(() -> recorder.disconnected.get() > 0, "the disconnected callback");
			await(() -> subscription.status().resubscriptions() == 1 && subscription.isConnected(), "subscribed again");
			assertThat(recorder.connected).hasValue(2);
			template.convertAndSend("sub-" + channel, "two");
			assertThat(recorder.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("sub-" + channel + "=two");
			assertThat(subscription.status().lastMessage()).isNotNull();
		}
		finally {
			subscription.stop();
		}
	}

	@Test
	void reconnectFromManyThreadsSubscribesAgainFromScratch() {
		redis(RedisServers.standalone().springProperties()).run((context) -> {
			Recorder recorder = new Recorder();
			RedisSubscription subscription = RedisSubscription.create(context.getBean(LettuceConnectionFactory.class),
					"test", recorder, RedisThreads.platform(), new SimpleMeterRegistry());
			try {
				subscription.subscribe("reconnect-me");
				subscription.psubscribe("reconnect-*");
				subscription.start();
				await(subscription::isConnected, "connected");
				List<Thread> callers = new ArrayList<>();
				for (int i = 0; i < 8; i++) {
					Thread caller = new Thread(subscription::reconnect);
					caller.start();
					callers.add(caller);
				}
				for (Thread caller : callers) {
					caller.join();
				}
				await(() -> subscription.status().resubscriptions() >= 1 && subscription.isConnected(),
						"subscribed again");
				assertThat(subscription.status().channels()).containsExactly("reconnect-me");
				assertThat(subscription.status().patterns()).containsExactly("reconnect-*");
				context.getBean(StringRedisTemplate.class).convertAndSend("reconnect-me", "after");
				assertThat(recorder.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("reconnect-me=after");
			}
			finally {
				subscription.stop();
			}
		});
	}

	@Test
	void stoppingWhileRedisIsGoneDoesNotWait() {
		DedicatedRedis dedicated = RedisServers.dedicated();
		redis(dedicated.springProperties()).run((context) -> {
			Recorder recorder = new Recorder();
			RedisSubscription subscription = RedisSubscription.create(context.getBean(LettuceConnectionFactory.class),
					"test", recorder, RedisThreads.platform(), new SimpleMeterRegistry());
			subscription.subscribe("gone");
			subscription.start();
			await(subscription::isConnected, "connected");
			dedicated.stop();
			await(() -> recorder.disconnected.get() > 0, "the disconnected callback");
			subscription.reconnect();
			LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
			long start = System.nanoTime();
			subscription.stop();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
			assertThat(subscription.isRunning()).isFalse();
		});
	}

	private static void clientKillPubSub(HostPort node) {
		RedisClient client = RedisClient.create("redis://" + node.host() + ":" + node.port());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync()
				.dispatch(io.lettuce.core.protocol.CommandType.CLIENT,
						new io.lettuce.core.output.IntegerOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
						new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8).add("KILL")
							.add("TYPE")
							.add("pubsub"));
		}
		finally {
			client.shutdown();
		}
	}

	private static void await(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Not within 10 s: " + what);
			}
			LockSupport.parkNanos(1_000_000);
		}
	}

}
