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

import io.github.redisutils.pubsub.PubSubOptions;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.validation.FieldError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests that invalid {@code redis.pubsub.*} properties fail start-up naming the property
 * and the reason.
 *
 * @author redis-utils authors
 */
class RedisPubSubPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsPubSubAutoConfiguration.class))
		.withPropertyValues(RedisServers.standalone().springProperties());

	@Test
	void validPropertiesBind() {
		this.contextRunner
			.withPropertyValues("redis.pubsub.namespace=shared", "redis.pubsub.executor.threads=3",
					"redis.pubsub.executor.queue-capacity=50", "redis.pubsub.reliable.group=billing",
					"redis.pubsub.reliable.consumer=node-1", "redis.pubsub.reliable.max-length=500",
					"redis.pubsub.reliable.claim-idle=5s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				PubSubOptions options = context.getBean(RedisPubSubProperties.class).toOptions("p", "g", "c");
				assertThat(options.namespace()).isEqualTo("shared");
				assertThat(options.threads()).isEqualTo(3);
				assertThat(options.queueCapacity()).isEqualTo(50);
				assertThat(options.reliable().group()).isEqualTo("billing");
				assertThat(options.reliable().consumer()).isEqualTo("node-1");
				assertThat(options.reliable().maxLength()).isEqualTo(500);
				assertThat(options.reliable().claimIdle()).isEqualTo(Duration.ofSeconds(5));
			});
	}

	@Test
	void defaultsTakeTheKeyPrefixAndTheApplicationsGroup() {
		PubSubOptions options = new RedisPubSubProperties().toOptions("prefix", "app", "instance");
		assertThat(options.namespace()).isEqualTo("prefix");
		assertThat(options.reliable().group()).isEqualTo("app");
		assertThat(options.reliable().consumer()).isEqualTo("instance");
		assertThat(options.reliable().block()).isEqualTo(Duration.ofSeconds(1));
		assertThat(options.reliable().claimIdle()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void namespaceWithBracesFails() {
		assertFailure("redis.pubsub.namespace=a{b}", "redis.pubsub.namespace", "must not contain '{'");
	}

	@Test
	void zeroChannelTagsFails() {
		assertFailure("redis.pubsub.max-channel-tags=0", "redis.pubsub.maxChannelTags", "must be positive");
	}

	@Test
	void zeroThreadsFails() {
		assertFailure("redis.pubsub.executor.threads=0", "redis.pubsub.executor.threads", "must be positive");
	}

	@Test
	void zeroQueueCapacityFails() {
		assertFailure("redis.pubsub.executor.queue-capacity=0", "redis.pubsub.executor.queueCapacity",
				"must be positive");
	}

	@Test
	void negativeShutdownTimeoutFails() {
		assertFailure("redis.pubsub.executor.shutdown-timeout=-1s", "redis.pubsub.executor.shutdownTimeout",
				"must not be negative");
	}

	@Test
	void blankGroupFails() {
		assertFailure("redis.pubsub.reliable.group= ", "redis.pubsub.reliable.group", "must not be empty");
	}

	@Test
	void blankConsumerFails() {
		assertFailure("redis.pubsub.reliable.consumer= ", "redis.pubsub.reliable.consumer", "must not be empty");
	}

	@Test
	void zeroMaxLengthFails() {
		assertFailure("redis.pubsub.reliable.max-length=0", "redis.pubsub.reliable.maxLength", "must be positive");
	}

	@Test
	void tooLargeBatchFails() {
		assertFailure("redis.pubsub.reliable.batch-size=10001", "redis.pubsub.reliable.batchSize",
				"between 1 and 10000");
	}

	@Test
	void zeroBlockFails() {
		assertFailure("redis.pubsub.reliable.block=0ms", "redis.pubsub.reliable.block", "block forever");
	}

	@Test
	void zeroClaimIdleFails() {
		assertFailure("redis.pubsub.reliable.claim-idle=0s", "redis.pubsub.reliable.claimIdle", "at least 1ms");
	}

	@Test
	void zeroMaxDeliveriesFails() {
		assertFailure("redis.pubsub.reliable.max-deliveries=0", "redis.pubsub.reliable.maxDeliveries",
				"must be positive");
	}

	@Test
	void propertiesAndRecordReportTheSameRuleWithTheSameMessage() {
		String expected = PubSubOptions.Reliable
			.problems("group", "consumer", 1000, 10_001, Duration.ofSeconds(1), Duration.ofSeconds(30), 3)
			.get("batchSize");
		assertThat(expected).isEqualTo("must be between 1 and 10000 (was 10001)");
		assertFailure("redis.pubsub.reliable.batch-size=10001", "redis.pubsub.reliable.batchSize", expected);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PubSubOptions.Reliable("group", "consumer", 1000, 10_001, Duration.ofSeconds(1),
					Duration.ofSeconds(30), 3))
			.withMessage("Invalid reliable pub/sub options: batchSize " + expected);
	}

	private void assertFailure(String property, String expectedProperty, String expectedReason) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			Throwable rootCause = NestedExceptionUtils.getRootCause(context.getStartupFailure());
			assertThat(rootCause).isInstanceOf(BindValidationException.class);
			ValidationErrors errors = ((BindValidationException) rootCause).getValidationErrors();
			assertThat(errors.getAllErrors()).singleElement().isInstanceOfSatisfying(FieldError.class, (error) -> {
				assertThat(error.getObjectName() + "." + error.getField()).isEqualTo(expectedProperty);
				assertThat(error.getDefaultMessage()).contains(expectedReason);
			});
		});
	}

}
