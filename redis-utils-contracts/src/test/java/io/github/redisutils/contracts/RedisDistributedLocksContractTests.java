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

package io.github.redisutils.contracts;

import java.util.List;

import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.lock.LockOptions;
import io.github.redisutils.test.RedisServers;
import io.github.redisutils.test.StandaloneRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * redis-utils' own {@link DistributedLocks} keeps the published contract: two registries
 * on connections of their own stand for two application instances.
 *
 * @author redis-utils authors
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisDistributedLocksContractTests extends DistributedLocksContract {

	private final StandaloneRedis redis = RedisServers.standalone();

	private final RedisKeys keys = RedisKeys.withPrefix("contracts");

	private LettuceConnectionFactory firstConnection;

	private LettuceConnectionFactory secondConnection;

	private DistributedLocks first;

	private DistributedLocks second;

	@BeforeAll
	void startTwoInstances() {
		this.firstConnection = connect();
		this.secondConnection = connect();
		this.first = DistributedLocks.create(this.firstConnection, this.keys, LockOptions.defaults(),
				new SimpleMeterRegistry(), List.of());
		this.second = DistributedLocks.create(this.secondConnection, this.keys, LockOptions.defaults(),
				new SimpleMeterRegistry(), List.of());
	}

	private LettuceConnectionFactory connect() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(this.redis.host(), this.redis.port()));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	@AfterAll
	void stop() {
		this.first.close();
		this.second.close();
		this.firstConnection.destroy();
		this.secondConnection.destroy();
	}

	@Override
	protected DistributedLocks locks() {
		return this.first;
	}

	@Override
	protected DistributedLocks otherInstance() {
		return this.second;
	}

}
