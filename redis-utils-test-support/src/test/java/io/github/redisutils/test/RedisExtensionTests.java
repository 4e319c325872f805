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

package io.github.redisutils.test;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisExtension}, registered through {@link RedisTest}.
 */
@RedisTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisExtensionTests {

	private static @Nullable DedicatedRedis fromEarlierTest;

	private final StandaloneRedis fromConstructor;

	private @Nullable StandaloneRedis fromBeforeEach;

	RedisExtensionTests(StandaloneRedis redis) {
		this.fromConstructor = redis;
	}

	@BeforeEach
	void captureFromLifecycleMethod(StandaloneRedis redis) {
		this.fromBeforeEach = redis;
	}

	@Test
	@Order(1)
	void constructorAndLifecycleMethodParametersAreTheSharedStandaloneServer() {
		assertThat(this.fromConstructor).isSameAs(RedisServers.standalone());
		assertThat(this.fromBeforeEach).isSameAs(RedisServers.standalone());
	}

	@Test
	@Order(2)
	void methodParametersAreTheSharedServers(StandaloneRedis standalone, ClusterRedis cluster, SentinelRedis sentinel) {
		assertThat(standalone).isSameAs(RedisServers.standalone());
		assertThat(cluster).isSameAs(RedisServers.cluster());
		assertThat(sentinel).isSameAs(RedisServers.sentinel());
	}

	@Test
	@Order(3)
	void aDedicatedParameterIsANewRunningServer(DedicatedRedis first, DedicatedRedis second) {
		assertThat(first.isRunning()).isTrue();
		assertThat(second.isRunning()).isTrue();
		assertThat(first.port()).isNotEqualTo(second.port());
		fromEarlierTest = first;
	}

	@Test
	@Order(4)
	void aDedicatedParameterIsClosedOnceItsTestIsDone() {
		assertThat(fromEarlierTest).isNotNull();
		assertThat(fromEarlierTest.isRunning()).isFalse();
	}

	@Test
	void parametersOfOtherTypesAreLeftToOtherResolvers(TestInfo testInfo, StandaloneRedis redis) {
		assertThat(testInfo.getTestMethod()).isPresent();
		assertThat(redis).isSameAs(RedisServers.standalone());
	}

	@Nested
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class DedicatedConstructorParameter {

		private static @Nullable DedicatedRedis fromEarlierInstance;

		private final DedicatedRedis redis;

		DedicatedConstructorParameter(DedicatedRedis redis) {
			this.redis = redis;
		}

		@Test
		@Order(1)
		void runsForTheTestInstance() {
			assertThat(this.redis.isRunning()).isTrue();
			fromEarlierInstance = this.redis;
		}

		@Test
		@Order(2)
		void isClosedOnceThatInstanceIsDone() {
			assertThat(fromEarlierInstance).isNotNull().isNotSameAs(this.redis);
			assertThat(fromEarlierInstance.isRunning()).isFalse();
			assertThat(this.redis.isRunning()).isTrue();
		}

	}

}
