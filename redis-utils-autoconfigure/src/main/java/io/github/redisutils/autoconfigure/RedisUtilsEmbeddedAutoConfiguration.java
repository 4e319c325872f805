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

import io.github.redisutils.embedded.EmbeddedRedisServer;
import io.github.redisutils.embedded.EmbeddedRedisServer.EmbeddedRedisException;

import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Starts an embedded Redis for development when {@code redis.embedded.enabled=true} and
 * nothing listens at the configured address. Every connection factory depends on the
 * embedded server, so it runs before the first connection is made.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(before = DataRedisAutoConfiguration.class)
@ConditionalOnClass({ RedisConnectionFactory.class, DataRedisConnectionDetails.class })
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("redis.embedded.enabled")
public final class RedisUtilsEmbeddedAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EmbeddedRedisServer embeddedRedisServer(DataRedisConnectionDetails connectionDetails) {
		DataRedisConnectionDetails.Standalone standalone = connectionDetails.getStandalone();
		if (standalone == null || connectionDetails.getCluster() != null || connectionDetails.getSentinel() != null
				|| connectionDetails.getMasterReplica() != null) {
			throw new EmbeddedRedisException("redis.embedded.enabled is true but spring.data.redis.* describes a "
					+ "Cluster, Sentinel or primary/replica setup; the embedded server is a single standalone "
					+ "server: remove those settings or set redis.embedded.enabled=false");
		}
		String password = (connectionDetails.getUsername() == null) ? connectionDetails.getPassword() : null;
		return new EmbeddedRedisServer(standalone.getHost(), standalone.getPort(), password);
	}

	@Bean
	@ConditionalOnMissingBean
	static EmbeddedRedisDependsOnPostProcessor embeddedRedisDependsOnPostProcessor() {
		return new EmbeddedRedisDependsOnPostProcessor();
	}

	/**
	 * Makes every Redis connection factory depend on the embedded server.
	 */
	static final class EmbeddedRedisDependsOnPostProcessor extends AbstractDependsOnBeanFactoryPostProcessor {

		EmbeddedRedisDependsOnPostProcessor() {
			super(RedisConnectionFactory.class, EmbeddedRedisServer.class);
		}

	}

}
