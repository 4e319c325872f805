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
import org.junit.jupiter.api.Test;

import static io.github.redisutils.autoconfigure.PropertiesBinding.assertRejected;
import static io.github.redisutils.autoconfigure.PropertiesBinding.bind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests that invalid {@code redis.pubsub.*} properties fail start-up naming the property
 * and the reason.
 *
 * @author redis-utils authors
 */
class RedisPubSubPropertiesTests {

	@Test
	void validPropertiesBind() {
		PubSubOptions options = bind(RedisPubSubProperties.class, "redis.pubsub.namespace=shared",
				"redis.pubsub.executor.threads=3", "redis.pubsub.executor.queue-capacity=50",
				"redis.pubsub.reliable.group=billing", "redis.pubsub.reliable.consumer=node-1",
				"redis.pubsub.reliable.max-length=500", "redis.pubsub.reliable.claim-idle=5s")
			.toOptions("p", "g", "c");
		assertThat(options.namespace()).isEqualTo("shared");
		assertThat(options.threads()).isEqualTo(3);
		assertThat(options.queueCapacity()).isEqualTo(50);
		assertThat(options.reliable().group()).isEqualTo("billing");
		assertThat(options.reliable().consumer()).isEqualTo("node-1");
		assertThat(options.reliable().maxLength()).isEqualTo(500);
		assertThat(options.reliable().claimIdle()).isEqualTo(Duration.ofSeconds(5));
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
		assertRejected(RedisPubSubProperties.class, "redis.pubsub.namespace", "must not contain '{'",
				"redis.pubsub.namespace=a{b}");
	}

	@Test
	void zeroChannelTagsFails() {
		assertRejected(RedisPubSubProperties.class, "redis.pubsub.maxChannelTags", "must be positive",
				"redis.pubsub.max-channel-tags=0");
	}

	@Test
	void zeroThreadsFails() {
		assertRejected(RedisPubSubProperties.class, "redis.pubsub.executor.threads", "must be positive",
				"redis.pubsub.executor.threads=0");
	}

	@Test
	void zeroQueueCapacityFails() {
		assertRejected(RedisPubSubProperties.class, "redis.pubsub.executor.queueCapacity", "must be positive",
				"redis.pubsub.executor.queue-capacity=0");
	}

	@Test
	void negativeShutdownTimeoutFails() {
		assertRejected(RedisPubSubProperties.class, "redis.pubsub.executor.shutdownTimeout", "must not be negative",
				"redis.pubsub.executor.shutdown-timeout=-1s");
	}

	@Test
	void blankGroupFails() {
		assertRejected(RedisPubSubProperties.class, "redis.pubsub.reliable.group", "must not be empty",
				"redis.pubsub.reliable.group= ");
	}

	@Test
	void blankConsumerFails() {
		assertRejected(RedisPubSubProperties.class, "redis.pubsub.reliable.consumer", "must not be empty",
				"redis.pubsub.reliable.consumer= ");
	}

	@Test
	void zeroMaxLengthFails() {
		assertRejected(RedisPubSubProperties.class, "redis.pubsub.reliable.maxLength", "must be positive",
				"redis.pubsub.reliable.max-length=0");
	}

	@Test
	void tooLargeBatchFails() {
		assertRejected(RedisPubSubProperties.class, "redis.pubsub.reliable.batchSize", "between 1 and 10000",
				"redis.pubsub.reliable.batch-size=10001");
	}

	@Test
	void zeroBlockFails() {
		assertRejected(RedisPubSubProperties.class, "redis.pubsub.reliable.block", "block forever",
				"redis.pubsub.reliable.block=0ms");
	}

	@Test
	void zeroClaimIdleFails() {
		assertRejected(RedisPubSubProperties.class, "redis.pubsub.reliable.claimIdle", "at least 1ms",
				"redis.pubsub.reliable.claim-idle=0s");
	}

	@Test
	void zeroMaxDeliveriesFails() {
		assertRejected(RedisPubSubProperties.class, "redis.pubsub.reliable.maxDeliveries", "must be positive",
				"redis.pubsub.reliable.max-deliveries=0");
	}

	@Test
	void propertiesAndRecordReportTheSameRuleWithTheSameMessage() {
		String expected = PubSubOptions.Reliable
			.problems("group", "consumer", 1000, 10_001, Duration.ofSeconds(1), Duration.ofSeconds(30), 3)
			.get("batchSize");
		assertThat(expected).isEqualTo("must be between 1 and 10000 (was 10001)");
		assertRejected(RedisPubSubProperties.class, "redis.pubsub.reliable.batchSize", expected,
				"redis.pubsub.reliable.batch-size=10001");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PubSubOptions.Reliable("group", "consumer", 1000, 10_001, Duration.ofSeconds(1),
					Duration.ofSeconds(30), 3))
			.withMessage("Invalid reliable pub/sub options: batchSize " + expected);
	}

}
