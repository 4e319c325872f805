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

import io.github.redisutils.actuate.RedisHealthContribution;
import io.github.redisutils.actuate.TokenBlacklistHealthIndicator;
import io.github.redisutils.blacklist.LocalRevocationCache;
import io.github.redisutils.blacklist.TokenBlacklistMonitor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code token-blacklist} child to the {@code redis} health contributor: failure
 * policy, failed checks and the local cache's sync state. Switched off alone by
 * {@code management.health.redis.token-blacklist.enabled=false}.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = RedisUtilsBlacklistAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(TokenBlacklistMonitor.class)
@ConditionalOnEnabledHealthIndicator("redis")
public final class RedisUtilsBlacklistHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "tokenBlacklistHealthContribution")
	@ConditionalOnEnabledHealthIndicator("redis.token-blacklist")
	RedisHealthContribution tokenBlacklistHealthContribution(TokenBlacklistMonitor tokenBlacklistMonitor,
			ObjectProvider<LocalRevocationCache> localRevocationCache) {
		return new RedisHealthContribution(TokenBlacklistMonitor.FEATURE,
				new TokenBlacklistHealthIndicator(tokenBlacklistMonitor, localRevocationCache.getIfAvailable()));
	}

}
