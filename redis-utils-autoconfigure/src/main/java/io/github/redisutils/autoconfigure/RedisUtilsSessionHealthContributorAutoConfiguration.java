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

import io.github.redisutils.session.SessionStore;
import io.github.redisutils.actuate.RedisHealthContribution;
import io.github.redisutils.actuate.SessionsHealthIndicator;
import io.github.redisutils.session.SessionMetrics;
import io.github.redisutils.session.SessionStoreOptions;
import io.github.redisutils.session.SessionsStatus;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code session} child to the {@code redis} health contributor: the store's
 * settings and the number of live sessions. Switched off alone by
 * {@code management.health.redis.session.enabled=false}.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = RedisUtilsSessionAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(SessionMetrics.class)
@ConditionalOnEnabledHealthIndicator("redis")
public final class RedisUtilsSessionHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "sessionHealthContribution")
	@ConditionalOnEnabledHealthIndicator("redis.session")
	RedisHealthContribution sessionHealthContribution(RedisSessionProperties properties,
			SessionMetrics sessionMetrics) {
		SessionStoreOptions options = properties.toOptions();
		return new RedisHealthContribution(SessionStore.FEATURE,
				new SessionsHealthIndicator(() -> SessionsStatus.of(options, sessionMetrics)));
	}

}
