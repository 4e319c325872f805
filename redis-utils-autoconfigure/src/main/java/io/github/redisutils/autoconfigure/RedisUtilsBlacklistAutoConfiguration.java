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

import io.github.redisutils.core.OutageBackoffs;
import io.github.redisutils.blacklist.LocalRevocationCache;
import io.github.redisutils.blacklist.ReactiveTokenBlacklist;
import io.github.redisutils.blacklist.RevocationSubscriber;
import io.github.redisutils.blacklist.TokenBlacklist;
import io.github.redisutils.blacklist.TokenBlacklistMonitor;
import io.github.redisutils.blacklist.security.TokenBlacklistJwtDecoderPostProcessor;
import io.github.redisutils.core.RedisKeys;
import io.github.redisutils.core.RedisThreads;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Token blacklist: {@link TokenBlacklist}, its reactive twin when a reactive connection
 * factory exists, a local near-cache kept in sync over pub/sub (Lettuce), and, with
 * {@code redis.token-blacklist.security.enabled=true}, the Spring Security integration
 * that makes every JWT decoder reject revoked tokens.
 *
 * @author redis-utils authors
 */
@AutoConfiguration(after = RedisUtilsAutoConfiguration.class)
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnBean(RedisConnectionFactory.class)
@ConditionalOnBooleanProperty(name = "redis.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "redis.token-blacklist.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RedisTokenBlacklistProperties.class)
public final class RedisUtilsBlacklistAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TokenBlacklistMonitor tokenBlacklistMonitor(RedisTokenBlacklistProperties properties,
			ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<OutageBackoffs> outageBackoffs) {
		return new TokenBlacklistMonitor(properties.getOnFailure(), MeterRegistries.applicationOrNoop(meterRegistry),
				outageBackoffs.getIfAvailable(OutageBackoffs::disabled).forFeature(TokenBlacklistMonitor.FEATURE));
	}

	@Bean
	@ConditionalOnMissingBean
	TokenBlacklist tokenBlacklist(RedisConnectionFactory redisConnectionFactory, RedisKeys redisKeys,
			RedisTokenBlacklistProperties properties, TokenBlacklistMonitor tokenBlacklistMonitor,
			ObjectProvider<LocalRevocationCache> localRevocationCache) {
		return TokenBlacklist.create(redisConnectionFactory, redisKeys, properties.toOptions(), tokenBlacklistMonitor,
				localRevocationCache.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ LettuceConnectionFactory.class, RedisClient.class })
	@ConditionalOnBean(LettuceConnectionFactory.class)
	@ConditionalOnBooleanProperty(name = "redis.token-blacklist.local-cache.enabled", matchIfMissing = true)
	static class LocalCacheConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LocalRevocationCache localRevocationCache(RedisTokenBlacklistProperties properties,
				ObjectProvider<MeterRegistry> meterRegistry) {
			RedisTokenBlacklistProperties.LocalCache localCache = properties.getLocalCache();
			return new LocalRevocationCache(localCache.getMaxSize(), localCache.getTimeToLive(),
					MeterRegistries.applicationOrNoop(meterRegistry));
		}

		@Bean
		@ConditionalOnMissingBean
		RevocationSubscriber revocationSubscriber(LettuceConnectionFactory redisConnectionFactory, RedisKeys redisKeys,
				LocalRevocationCache localRevocationCache, ObjectProvider<RedisThreads> redisThreads,
				ObjectProvider<MeterRegistry> meterRegistry) {
			return new RevocationSubscriber(redisConnectionFactory, redisKeys, localRevocationCache,
					redisThreads.getIfAvailable(RedisThreads::platform),
					MeterRegistries.applicationOrNoop(meterRegistry));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Mono.class, ReactiveRedisConnectionFactory.class })
	@ConditionalOnBean(ReactiveRedisConnectionFactory.class)
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactiveTokenBlacklist reactiveTokenBlacklist(ReactiveRedisConnectionFactory redisConnectionFactory,
				RedisKeys redisKeys, RedisTokenBlacklistProperties properties,
				TokenBlacklistMonitor tokenBlacklistMonitor,
				ObjectProvider<LocalRevocationCache> localRevocationCache) {
			return ReactiveTokenBlacklist.create(redisConnectionFactory, redisKeys, properties.toOptions(),
					tokenBlacklistMonitor, localRevocationCache.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JwtDecoder.class, Mono.class })
	@ConditionalOnBooleanProperty("redis.token-blacklist.security.enabled")
	static class SecurityConfiguration {

		@Bean
		@ConditionalOnMissingBean
		static TokenBlacklistJwtDecoderPostProcessor tokenBlacklistJwtDecoderPostProcessor() {
			return new TokenBlacklistJwtDecoderPostProcessor();
		}

	}

}
