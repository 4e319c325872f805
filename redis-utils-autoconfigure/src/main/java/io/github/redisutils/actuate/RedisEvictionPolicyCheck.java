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
package io.github.redisutils.actuate;

import java.util.Collection;
import java.util.function.Supplier;

import io.github.redisutils.core.ErrorText;
import io.github.redisutils.core.RedisThreads;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Logs once at start-up, as a warning, when the server's {@code maxmemory-policy} lets a
 * full Redis evict the data of features in use ({@link RedisEvictionRisk}).
 * <p>
 * The check runs on a thread of its own once every singleton is created, so it never
 * delays or fails start-up: when Redis is down or denies {@code INFO}, it logs at debug
 * level and nothing else. It is bounded by the command timeout of the connection.
 *
 * @author redis-utils authors
 */
public class RedisEvictionPolicyCheck implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(RedisEvictionPolicyCheck.class);

	private final RedisConnectionProbe probe;

	private final Supplier<? extends Collection<String>> featuresInUse;

	private final RedisThreads threads;

	/**
	 * Create a check.
	 * @param connectionFactory the application's connection factory
	 * @param featuresInUse the features in use by their health names
	 * @param threads where the checking thread comes from
	 */
	public RedisEvictionPolicyCheck(RedisConnectionFactory connectionFactory,
			Supplier<? extends Collection<String>> featuresInUse, RedisThreads threads) {
		this.probe = new RedisConnectionProbe(connectionFactory);
		this.featuresInUse = featuresInUse;
		this.threads = threads;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.threads.start("eviction-check", this::check);
	}

	/**
	 * Check the policy now and log a warning when it puts features at risk.
	 * @return the warning logged, or {@code null} when there was none
	 */
	public @Nullable String check() {
		try {
			RedisConnectionProbe.Report report = this.probe.probe();
			String warning = RedisEvictionRisk.warning(report.maxMemoryPolicy(), report.maxMemory(),
					this.featuresInUse.get());
			if (warning != null) {
				logger.warn("Redis " + warning);
			}
			return warning;
		}
		catch (RuntimeException ex) {
			logger.debug("Could not check the maxmemory-policy of Redis: " + ErrorText.firstLine(String.valueOf(ex)));
			return null;
		}
	}

}
