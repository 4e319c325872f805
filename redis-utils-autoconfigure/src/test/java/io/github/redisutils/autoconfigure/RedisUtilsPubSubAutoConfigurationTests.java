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
package io.github.redisutils.autoconfigure;

import java.util.function.Consumer;

import io.github.redisutils.actuate.RedisHealthContribution;
import io.github.redisutils.actuate.RedisHealthContributor;
import io.github.redisutils.pubsub.ListenerDefinition;
import io.github.redisutils.pubsub.MessageHandler;
import io.github.redisutils.pubsub.PubSubStatus;
import io.github.redisutils.pubsub.PubSubListenerProcessor;
import io.github.redisutils.pubsub.RedisPubSub;
import io.github.redisutils.pubsub.Subscription;
import io.github.redisutils.test.RedisServers;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisUtilsPubSubAutoConfiguration} and
 * {@link RedisUtilsPubSubHealthContributorAutoConfiguration}.
 *
 * @author redis-utils authors
 */
class RedisUtilsPubSubAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsPubSubAutoConfiguration.class, RedisUtilsHealthContributorAutoConfiguration.class,
				RedisUtilsPubSubHealthContributorAutoConfiguration.class))
		.withPropertyValues(RedisServers.standalone().springProperties());

	@Test
	void defaultsProvidePubSubTheListenerProcessorAndTheHealthChild() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasSingleBean(RedisPubSub.class)
				.hasSingleBean(PubSubListenerProcessor.class)
				.hasSingleBean(RedisPubSubProperties.class)
				.hasBean("pubsubHealthContribution");
			assertThat(context.getBean(RedisPubSub.class).instanceId()).isNotBlank();
			Health health = ((HealthIndicator) context.getBean(RedisHealthContributor.class).getContributor("pubsub"))
				.health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("listeners", 0);
		});
	}

	@Test
	void pubSubSwitchTurnsTheFeatureOff() {
		this.contextRunner.withPropertyValues("redis.pubsub.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisPubSub.class)
				.doesNotHaveBean(PubSubListenerProcessor.class)
				.doesNotHaveBean("pubsubHealthContribution")
				.hasSingleBean(RedisHealthContributor.class));
	}

	@Test
	void redisSwitchTurnsEverythingOff() {
		this.contextRunner.withPropertyValues("redis.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisPubSub.class)
				.doesNotHaveBean(PubSubListenerProcessor.class)
				.doesNotHaveBean(RedisHealthContribution.class));
	}

	@Test
	void listenersSwitchRemovesOnlyTheProcessor() {
		this.contextRunner.withPropertyValues("redis.pubsub.listeners.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(RedisPubSub.class)
				.doesNotHaveBean(PubSubListenerProcessor.class));
	}

	@Test
	void usersOwnPubSubIsUsedByTheHealthChild() {
		this.contextRunner.withBean("myPubSub", RedisPubSub.class, UserPubSub::new).run((context) -> {
			assertThat(context).hasSingleBean(RedisPubSub.class).hasBean("myPubSub");
			Health health = ((HealthIndicator) context.getBean(RedisHealthContributor.class).getContributor("pubsub"))
				.health(true);
			assertThat(health.getDetails()).containsEntry("listeners", 7);
		});
	}

	@Test
	void usersOwnProcessorAndHealthChildWin() {
		PubSubListenerProcessor processor = new PubSubListenerProcessor(
				new StaticListableBeanFactory().getBeanProvider(RedisPubSub.class));
		RedisHealthContribution contribution = new RedisHealthContribution("pubsub",
				(HealthIndicator) () -> Health.down().build());
		this.contextRunner.withBean("myProcessor", PubSubListenerProcessor.class, () -> processor)
			.withBean("pubsubHealthContribution", RedisHealthContribution.class, () -> contribution)
			.run((context) -> {
				assertThat(context).getBean(PubSubListenerProcessor.class).isSameAs(processor);
				assertThat(context).getBean("pubsubHealthContribution").isSameAs(contribution);
			});
	}

	@Test
	void withoutActuatorThereIsNoHealthChild() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(RedisPubSub.class)
				.doesNotHaveBean("pubsubHealthContribution"));
	}

	@Test
	void withoutLettuceThereIsNoPubSub() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RedisClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RedisPubSub.class));
	}

	@Test
	void healthIndicatorSwitchRemovesTheHealthChild() {
		this.contextRunner.withPropertyValues("management.health.redis.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(RedisPubSub.class)
				.doesNotHaveBean("pubsubHealthContribution"));
	}

	static class UserPubSub implements RedisPubSub {

		@Override
		public long publish(String channel, Object message) {
			return 0;
		}

		@Override
		public String publishReliably(String channel, Object message) {
			return "0-0";
		}

		@Override
		public <T> Subscription subscribe(String channel, Class<T> type, Consumer<? super T> handler) {
			throw new UnsupportedOperationException();
		}

		@Override
		public <T> Subscription psubscribe(String pattern, Class<T> type, Consumer<? super T> handler) {
			throw new UnsupportedOperationException();
		}

		@Override
		public <T> Subscription subscribeReliably(String channel, Class<T> type, MessageHandler<T> handler) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Subscription register(ListenerDefinition definition) {
			throw new UnsupportedOperationException();
		}

		@Override
		public String instanceId() {
			return "user";
		}

		@Override
		public PubSubStatus status() {
			return new PubSubStatus(true, 7, 0, 0, java.util.List.of(), java.util.List.of(), 0, null);
		}

	}

}
