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
package io.github.redisutils.lock.shedlock;

import io.github.redisutils.test.RedisServers;
import net.javacrumbs.shedlock.core.ExtensibleLockProvider;
import net.javacrumbs.shedlock.test.support.AbstractExtensibleLockProviderIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * ShedLock's own contract for extensible lock providers (its
 * {@code AbstractExtensibleLockProviderIntegrationTest}, which includes the plain
 * {@code AbstractLockProviderIntegrationTest} and its fuzz test), run against the
 * auto-configured {@link RedisShedLockProvider} on a standalone Redis.
 *
 * @author redis-utils authors
 */
class RedisShedLockProviderStandaloneContractTests extends AbstractExtensibleLockProviderIntegrationTest {

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		context = ShedLockTestApplication.start(RedisServers.standalone().springProperties());
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Override
	protected ExtensibleLockProvider getLockProvider() {
		return context.getBean(RedisShedLockProvider.class);
	}

	@Override
	protected void assertLocked(String lockName) {
		ShedLockTestApplication.assertLocked(context, lockName);
	}

	@Override
	protected void assertUnlocked(String lockName) {
		ShedLockTestApplication.assertUnlocked(context, lockName);
	}

}
