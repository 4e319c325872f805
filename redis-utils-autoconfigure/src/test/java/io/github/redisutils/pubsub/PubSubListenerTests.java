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
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.github.redisutils.pubsub.PubSubTestSupport.await;
import static io.github.redisutils.pubsub.PubSubTestSupport.awaitSubscribed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PubSubListener} methods found at start-up and called with the declared payload,
 * channel and envelope parameters.
 *
 * @author redis-utils authors
 */
class PubSubListenerTests {

	private final String prefix = "lst-" + UUID.randomUUID().toString().substring(0, 8);

	record OrderEvent(String orderId, int quantity) {
	}

	private ApplicationContextRunner instance() {
		return PubSubTestSupport.instance(this.prefix, RedisServers.standalone().springProperties())
			.withPropertyValues("spring.application.name=listeners");
	}

	@Test
	void annotatedMethodsReceiveTypedPayloadsChannelsAndEnvelopes() throws Exception {
		instance().withUserConfiguration(ListenerConfiguration.class).run((a) -> {
			awaitSubscribed(a);
			Listeners listeners = a.getBean(Listeners.class);
			RedisPubSub pubSub = a.getBean(RedisPubSub.class);
			assertThat(a.getBean(PubSubListenerProcessor.class).registeredListeners()).isEqualTo(6);
			// One Redis subscription per channel and instance, however many handlers.
			assertThat(pubSub.publish("orders", new OrderEvent("o-1", 2))).isEqualTo(1);
			assertThat(listeners.payloads.poll(10, TimeUnit.SECONDS)).isEqualTo(new OrderEvent("o-1", 2));
			assertThat(listeners.envelopes.poll(10, TimeUnit.SECONDS)).satisfies((message) -> {
				assertThat(message.payload()).isEqualTo(new OrderEvent("o-1", 2));
				assertThat(message.origin()).isEqualTo(pubSub.instanceId());
			});
			assertThat(listeners.envelopeOnly.poll(10, TimeUnit.SECONDS)).isEqualTo(new OrderEvent("o-1", 2));

			pubSub.publish("chat:lobby", "hello");
			assertThat(listeners.chat.poll(10, TimeUnit.SECONDS)).isEqualTo("chat:lobby=hello");

			pubSub.publish("batches", List.of(new OrderEvent("a", 1), new OrderEvent("b", 2)));
			assertThat(listeners.batches.poll(10, TimeUnit.SECONDS)).containsExactly(new OrderEvent("a", 1),
					new OrderEvent("b", 2));

			pubSub.publishReliably("invoices", new OrderEvent("i-1", 1));
			assertThat(listeners.reliable.poll(10, TimeUnit.SECONDS)).isEqualTo(new OrderEvent("i-1", 1));
		});
	}

	@Test
	void ownMessagesAreSkippedWhenAsked() throws Exception {
		instance().withUserConfiguration(SkippingConfiguration.class).run((a) -> instance().run((b) -> {
			awaitSubscribed(a);
			SkippingListener listener = a.getBean(SkippingListener.class);
			a.getBean(RedisPubSub.class).publish("presence", "from a");
			b.getBean(RedisPubSub.class).publish("presence", "from b");
			assertThat(listener.received.poll(10, TimeUnit.SECONDS)).isEqualTo("from b");
			Thread.sleep(200);
			assertThat(listener.received).isEmpty();
		}));
	}

	@Test
	void listenersOnProxiedBeansAreCalledThroughTheProxy() throws Exception {
		instance().withUserConfiguration(ProxiedConfiguration.class).run((a) -> {
			awaitSubscribed(a);
			a.getBean(RedisPubSub.class).publish("presence", "hi");
			assertThat(a.getBean(ProxiedListener.class).getReceived().poll(10, TimeUnit.SECONDS)).isEqualTo("hi");
		});
	}

	@Test
	void listenersSwitchLeavesAnnotatedMethodsAlone() {
		instance().withUserConfiguration(ListenerConfiguration.class)
			.withPropertyValues("redis.pubsub.listeners.enabled=false")
			.run((a) -> {
				assertThat(a).doesNotHaveBean(PubSubListenerProcessor.class);
				assertThat(a.getBean(RedisPubSub.class).status().listeners()).isZero();
			});
	}

	@Test
	void aMethodWithParametersThatCannotBeBoundFailsStartUpNamingIt() {
		instance().withUserConfiguration(BadConfiguration.class).run((a) -> {
			assertThat(a).hasFailed();
			assertThat(a.getStartupFailure()).rootCause()
				.hasMessageContaining("BadListener.wrong")
				.hasMessageContaining("neither the payload");
		});
	}

	@Test
	void aReliableListenerWithPatternsFailsStartUp() {
		instance().withUserConfiguration(ReliablePatternConfiguration.class).run((a) -> {
			assertThat(a).hasFailed();
			assertThat(a.getStartupFailure()).rootCause().hasMessageContaining("cannot use patterns");
		});
	}

	@Test
	void handlerCountInHealthIncludesAnnotatedListeners() {
		instance().withUserConfiguration(ListenerConfiguration.class).run((a) -> {
			awaitSubscribed(a);
			await(() -> PubSubTestSupport.health(a).getDetails().get("listeners").equals(6), "six listeners");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerConfiguration {

		@Bean
		Listeners listeners() {
			return new Listeners();
		}

	}

	static class Listeners {

		final BlockingQueue<OrderEvent> payloads = new LinkedBlockingQueue<>();

		final BlockingQueue<ReceivedMessage<OrderEvent>> envelopes = new LinkedBlockingQueue<>();

		final BlockingQueue<OrderEvent> envelopeOnly = new LinkedBlockingQueue<>();

		final BlockingQueue<String> chat = new LinkedBlockingQueue<>();

		final BlockingQueue<List<OrderEvent>> batches = new LinkedBlockingQueue<>();

		final BlockingQueue<OrderEvent> reliable = new LinkedBlockingQueue<>();

		@PubSubListener(channels = "orders")
		void onOrder(OrderEvent event) {
			this.payloads.add(event);
		}

		@PubSubListener(channels = "orders")
		void onOrderWithEnvelope(OrderEvent event, ReceivedMessage<OrderEvent> message) {
			this.envelopes.add(message);
		}

		@PubSubListener(channels = "orders")
		void onEnvelopeOnly(ReceivedMessage<OrderEvent> message) {
			this.envelopeOnly.add(message.payload());
		}

		@PubSubListener(patterns = "chat:*")
		void onChat(String text, String channel) {
			this.chat.add(channel + "=" + text);
		}

		@PubSubListener(channels = "batches")
		void onBatch(List<OrderEvent> batch) {
			this.batches.add(batch);
		}

		@PubSubListener(channels = "invoices", reliable = true)
		void onInvoice(OrderEvent invoice) {
			this.reliable.add(invoice);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SkippingConfiguration {

		@Bean
		SkippingListener skippingListener() {
			return new SkippingListener();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ProxiedConfiguration {

		@Bean
		ProxiedListener proxiedListener() {
			ProxyFactory proxy = new ProxyFactory(new ProxiedListener());
			proxy.setProxyTargetClass(true);
			return (ProxiedListener) proxy.getProxy();
		}

	}

	public static class SkippingListener {

		final BlockingQueue<String> received = new LinkedBlockingQueue<>();

		@PubSubListener(channels = "presence", skipOwnMessages = true)
		public void onPresence(String text) {
			this.received.add(text);
		}

	}

	public static class ProxiedListener {

		final BlockingQueue<String> received = new LinkedBlockingQueue<>();

		@PubSubListener(channels = "presence")
		public void onPresence(String text) {
			this.received.add(text);
		}

		public BlockingQueue<String> getReceived() {
			return this.received;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadConfiguration {

		@Bean
		BadListener badListener() {
			return new BadListener();
		}

	}

	static class BadListener {

		@PubSubListener(channels = "x")
		void wrong(OrderEvent event, Integer extra) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReliablePatternConfiguration {

		@Bean
		ReliablePatternListener reliablePatternListener() {
			return new ReliablePatternListener();
		}

	}

	static class ReliablePatternListener {

		@PubSubListener(patterns = "x*", reliable = true)
		void wrong(OrderEvent event) {
		}

	}

}
