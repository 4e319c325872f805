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

import io.github.redisutils.blacklist.FailurePolicy;
import io.github.redisutils.blacklist.TokenBlacklistOptions;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the token blacklist, under {@code redis.token-blacklist.*}.
 * They validate themselves when bound: a bad value fails start-up naming the property.
 *
 * @author redis-utils authors
 */
@ConfigurationProperties("redis.token-blacklist")
public class RedisTokenBlacklistProperties implements Validator {

	/**
	 * Whether the token blacklist is enabled.
	 */
	private boolean enabled = true;

	/**
	 * What a check answers when Redis cannot be asked within the command timeout
	 * (spring.data.redis.timeout): closed counts the token as revoked (401), open as
	 * valid.
	 */
	private FailurePolicy onFailure = FailurePolicy.CLOSED;

	/**
	 * Longest lifetime of a token the application accepts. A per-user revocation lives
	 * this long (plus a second), and a revoked token whose expiry is unknown is kept this
	 * long: set it to at least the longest lifetime the issuer grants.
	 */
	private Duration maxTokenLifetime = Duration.ofDays(1);

	private final LocalCache localCache = new LocalCache();

	private final Security security = new Security();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public FailurePolicy getOnFailure() {
		return this.onFailure;
	}

	public void setOnFailure(FailurePolicy onFailure) {
		this.onFailure = onFailure;
	}

	public Duration getMaxTokenLifetime() {
		return this.maxTokenLifetime;
	}

	public void setMaxTokenLifetime(Duration maxTokenLifetime) {
		this.maxTokenLifetime = maxTokenLifetime;
	}

	public LocalCache getLocalCache() {
		return this.localCache;
	}

	public Security getSecurity() {
		return this.security;
	}

	/**
	 * Return the blacklist options these properties describe.
	 * @return the options
	 */
	public TokenBlacklistOptions toOptions() {
		return new TokenBlacklistOptions(this.onFailure, this.maxTokenLifetime);
	}

	@Override
	public boolean supports(Class<?> type) {
		return RedisTokenBlacklistProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RedisTokenBlacklistProperties properties = (RedisTokenBlacklistProperties) target;
		TokenBlacklistOptions.problems(properties.onFailure, properties.maxTokenLifetime)
			.forEach((field, problem) -> errors.rejectValue(field, "invalid", problem));
		if (properties.localCache.maxSize < 1) {
			errors.rejectValue("localCache.maxSize", "invalid", "must be positive");
		}
		if (properties.localCache.timeToLive.isNegative() || properties.localCache.timeToLive.isZero()) {
			errors.rejectValue("localCache.timeToLive", "invalid", "must be positive");
		}
	}

	/**
	 * Local near-cache of check outcomes, kept in sync over Redis pub/sub.
	 */
	public static class LocalCache {

		/**
		 * Whether checks are answered from a local cache kept in sync over pub/sub (needs
		 * Lettuce). A revocation reaches every instance as fast as a pub/sub message.
		 */
		private boolean enabled = true;

		/**
		 * Most entries of each kind (token ids, subjects) the local cache holds.
		 */
		private int maxSize = 10_000;

		/**
		 * Longest time a cached outcome is used: the bound on staleness should a lost
		 * subscription go unnoticed (a silent network partition).
		 */
		private Duration timeToLive = Duration.ofSeconds(30);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(int maxSize) {
			this.maxSize = maxSize;
		}

		public Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

	}

	/**
	 * Spring Security OAuth2 resource-server integration.
	 */
	public static class Security {

		/**
		 * Whether every JwtDecoder and ReactiveJwtDecoder bean rejects revoked tokens
		 * (401 invalid_token) after its own checks. Off by default: it puts Redis, and
		 * the failure policy, on every authenticated request.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
