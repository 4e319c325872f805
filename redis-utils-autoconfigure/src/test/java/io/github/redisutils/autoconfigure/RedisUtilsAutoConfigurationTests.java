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

import java.time.Duration;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.github.redisutils.actuate.RedisHealthContribution;
import io.github.redisutils.actuate.RedisHealthContributor;
import io.github.redisutils.core.RedisConfigurationException;
import io.github.redisutils.core.OutageBackoffs;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisServerClock;
import io.github.redisutils.core.codec.CodecOptions;
import io.github.redisutils.core.codec.ValueCodec;
import io.github.redisutils.core.codec.ValueDecryptionException;
import io.github.redisutils.embedded.EmbeddedRedisServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the redis-utils auto-configurations, without a Redis server: nothing here
 * connects.
 *
 * @author redis-utils authors
 */
class RedisUtilsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsEmbeddedAutoConfiguration.class, RedisUtilsHealthContributorAutoConfiguration.class,
				DataRedisHealthContributorAutoConfiguration.class));

	@Test
	void defaultsProvideCoreBeansAndReplaceTheStockHealthContributor() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RedisKeys.class)
				.hasSingleBean(RedisServerClock.class)
				.hasSingleBean(ValueCodec.class)
				.hasSingleBean(RedisUtilsProperties.class)
				.doesNotHaveBean(EmbeddedRedisServer.class);
			assertThat(context.getBean(RedisKeys.class).prefix()).isEqualTo("redis-utils");
			assertThat(context).getBean("redisHealthContributor").isInstanceOf(RedisHealthContributor.class);
			assertThat(context.getBeansOfType(HealthContributor.class)).containsOnlyKeys("redisHealthContributor");
		});
	}

	@Test
	void valueCodecRoundTripsThroughItsOwnJsonMapperWithCustomizersApplied() {
		this.contextRunner
			.withBean(ValueCodecJsonMapperCustomizer.class,
					() -> (builder) -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
			.run((context) -> {
				ValueCodec codec = context.getBean(ValueCodec.class);
				byte[] bytes = codec.encode(new Order("A-1", 3));
				assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"order_id\":\"A-1\"");
				assertThat(codec.decode(bytes, Order.class)).isEqualTo(new Order("A-1", 3));
				byte[] withUnknownField = "{\"order_id\":\"A-2\",\"quantity\":1,\"removed\":true}"
					.getBytes(StandardCharsets.UTF_8);
				assertThat(codec.decode(withUnknownField, Order.class)).isEqualTo(new Order("A-2", 1));
			});
	}

	@Test
	void switchingEncryptionOffKeepsEncryptedValuesReadable() {
		String key = Base64.getEncoder().encodeToString(new byte[32]);
		byte[][] written = new byte[1][];
		this.contextRunner
			.withPropertyValues("redis.codec.encryption.enabled=true", "redis.codec.encryption.key=" + key)
			.run((context) -> written[0] = context.getBean(ValueCodec.class).encode(new Order("secret", 1)));
		assertThat(new String(written[0], StandardCharsets.ISO_8859_1)).doesNotContain("secret");
		this.contextRunner.withPropertyValues("redis.codec.encryption.key=" + key).run((context) -> {
			ValueCodec codec = context.getBean(ValueCodec.class);
			assertThat(codec.decode(written[0], Order.class)).isEqualTo(new Order("secret", 1));
			assertThat(new String(codec.encode(new Order("plain", 1)), StandardCharsets.ISO_8859_1)).contains("plain");
		});
		this.contextRunner.run((context) -> assertThatExceptionOfType(ValueDecryptionException.class)
			.isThrownBy(() -> context.getBean(ValueCodec.class).decode(written[0], Order.class)));
	}

	@Test
	void keyPrefixDefaultsToTheApplicationName() {
		this.contextRunner.withPropertyValues("spring.application.name=billing")
			.run((context) -> assertThat(context.getBean(RedisKeys.class).prefix()).isEqualTo("billing"));
	}

	@Test
	void keyPrefixPropertyWinsOverTheApplicationName() {
		this.contextRunner.withPropertyValues("spring.application.name=billing", "redis.key-prefix=billing-v2")
			.run((context) -> assertThat(context.getBean(RedisKeys.class).prefix()).isEqualTo("billing-v2"));
	}

	@Test
	void applicationNameThatCannotBeAPrefixFailsStartUpAskingForTheProperty() {
		this.contextRunner.withPropertyValues("spring.application.name=Billing Service").run((context) -> {
			assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(RedisConfigurationException.class)
				.hasMessageContaining("spring.application.name");
			FailureAnalysis analysis = new RedisConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Property: spring.application.name")
				.contains("'Billing Service' must not contain white space");
			assertThat(analysis.getAction()).contains("Set redis.key-prefix");
		});
	}

	@Test
	void disabledCreatesNothing() {
		this.contextRunner.withPropertyValues("redis.enabled=false", "redis.embedded.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisKeys.class)
				.doesNotHaveBean(RedisServerClock.class)
				.doesNotHaveBean(EmbeddedRedisServer.class)
				.doesNotHaveBean(RedisHealthContributor.class));
	}

	@Test
	void withoutAConnectionFactoryNothingIsCreated() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisUtilsAutoConfiguration.class,
					RedisUtilsHealthContributorAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RedisKeys.class)
				.doesNotHaveBean(RedisHealthContributor.class));
	}

	@Test
	void healthIndicatorSwitchTurnsOffOursAndTheStockOne() {
		this.contextRunner.withPropertyValues("management.health.redis.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(RedisKeys.class)
				.doesNotHaveBean("redisHealthContributor"));
	}

	@Test
	void withoutActuatorTheLibraryStillWorks() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(RedisKeys.class)
				.hasSingleBean(RedisServerClock.class)
				.doesNotHaveBean("redisHealthContributor"));
	}

	@Test
	void everyBeanBacksOffForTheUsersOwn() {
		this.contextRunner.withPropertyValues("redis.embedded.enabled=true")
			.withUserConfiguration(UserBeans.class)
			.run((context) -> {
				assertThat(context.getBean(RedisKeys.class)).isSameAs(context.getBean(UserBeans.class).keys);
				assertThat(context.getBean(RedisServerClock.class).getClass()).isEqualTo(UserClock.class);
				assertThat(context.getBean(ValueCodec.class)).isSameAs(context.getBean("userCodec"));
				assertThat(context.getBean("redisHealthContributor")).isInstanceOf(UserHealth.class);
				assertThat(context.getBean(EmbeddedRedisServer.class).isStarted()).isFalse();
			});
	}

	@Test
	void outageBackoffsFollowTheProperties() {
		this.contextRunner.withPropertyValues("redis.outage.backoff=3s").run((context) -> {
			OutageBackoffs backoffs = context.getBean(OutageBackoffs.class);
			assertThat(backoffs.forFeature("session").status().backoff()).isEqualTo(Duration.ofSeconds(3));
		});
	}

	@Test
	void theUsersOwnOutageBackoffsWin() {
		OutageBackoffs own = OutageBackoffs.disabled();
		this.contextRunner.withBean(OutageBackoffs.class, () -> own)
			.run((context) -> assertThat(context.getBean(OutageBackoffs.class)).isSameAs(own));
	}

	@Test
	void aUserHealthIndicatorNamedRedisAlsoReplacesOurs() {
		this.contextRunner.withBean("redisHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
			.run((context) -> assertThat(context).doesNotHaveBean(RedisHealthContributor.class));
	}

	@Test
	void featureContributionsJoinTheCompositeAfterTheConnection() {
		this.contextRunner
			.withBean("queueHealth", RedisHealthContribution.class,
					() -> new RedisHealthContribution("queue", (HealthIndicator) () -> Health.up().build()))
			.run((context) -> {
				CompositeHealthContributor redis = context.getBean(RedisHealthContributor.class);
				assertThat(redis.stream().map(CompositeHealthContributor.Entry::name)).containsExactly("connection",
						"queue");
			});
	}

	@Test
	void twoContributionsWithOneNameFailStartUp() {
		this.contextRunner
			.withBean("a", RedisHealthContribution.class,
					() -> new RedisHealthContribution("queue", (HealthIndicator) () -> Health.up().build()))
			.withBean("b", RedisHealthContribution.class,
					() -> new RedisHealthContribution("queue", (HealthIndicator) () -> Health.up().build()))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("named 'queue'"));
	}

	@Test
	void embeddedWithoutTheEmbeddedRedisLibraryFailsStartUpSayingWhatToAdd() {
		this.contextRunner.withPropertyValues("redis.embedded.enabled=true", "spring.data.redis.port=1")
			.withClassLoader(new FilteredClassLoader("redis.embedded"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("com.github.codemonstur:embedded-redis is not on the class path"));
	}

	@Test
	void embeddedWithAClusterConfigurationFailsStartUp() {
		this.contextRunner
			.withPropertyValues("redis.embedded.enabled=true", "spring.data.redis.cluster.nodes=127.0.0.1:1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("single standalone server"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		final RedisKeys keys = RedisKeys.withPrefix("mine");

		@Bean
		RedisKeys userKeys() {
			return this.keys;
		}

		@Bean
		UserClock userClock(RedisConnectionFactory connectionFactory) {
			return new UserClock(connectionFactory);
		}

		@Bean
		ValueCodec userCodec() {
			return ValueCodec.create(JsonMapper.builder().build(), CodecOptions.defaults());
		}

		@Bean
		UserHealth redisHealthContributor() {
			return new UserHealth();
		}

		@Bean
		EmbeddedRedisServer userEmbeddedRedisServer() {
			return new EmbeddedRedisServer("127.0.0.1", 1, null) {

				@Override
				public void afterPropertiesSet() {
				}

			};
		}

	}

	record Order(String orderId, int quantity) {

	}

	static class UserClock extends RedisServerClock {

		UserClock(RedisConnectionFactory connectionFactory) {
			super(connectionFactory);
		}

	}

	static class UserHealth implements HealthIndicator {

		@Override
		public Health health() {
			return Health.up().build();
		}

	}

}
