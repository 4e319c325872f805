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
import java.util.ArrayList;
import java.util.List;

import io.github.redisutils.session.LimitPolicy;
import io.github.redisutils.session.SessionStoreOptions;
import io.github.redisutils.session.http.HttpSessionAttributes;
import io.github.redisutils.session.http.HttpSessionOutagePolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the session store, under {@code redis.session.*}. They
 * validate themselves when bound: a bad value fails start-up naming the property.
 *
 * @author redis-utils authors
 */
@ConfigurationProperties("redis.session")
public class RedisSessionProperties implements Validator {

	/**
	 * Whether the session store is enabled.
	 */
	private boolean enabled = true;

	/**
	 * How long a session lives without being touched.
	 */
	private Duration idleTimeout = Duration.ofMinutes(30);

	/**
	 * Longest a session lives from its creation, however active it is.
	 */
	private Duration absoluteLifetime = Duration.ofHours(12);

	/**
	 * Least time between two writes of one session's expiry by touch; touches in between
	 * write nothing. Zero writes on every touch.
	 */
	private Duration touchInterval = Duration.ofMinutes(1);

	/**
	 * Most live sessions per user; 0 for no limit.
	 */
	private int maxPerUser;

	/**
	 * What a session more than max-per-user does: evict-oldest evicts the sessions that
	 * expire first, refuse fails the new one.
	 */
	private LimitPolicy limitPolicy = LimitPolicy.EVICT_OLDEST;

	/**
	 * Least time between two reads of the active-sessions and online-users counts behind
	 * the gauges and the health details.
	 */
	private Duration activeCountRefresh = Duration.ofSeconds(15);

	/**
	 * Spring Session's HttpSession stored in the session store.
	 */
	private final Http http = new Http();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public Duration getAbsoluteLifetime() {
		return this.absoluteLifetime;
	}

	public void setAbsoluteLifetime(Duration absoluteLifetime) {
		this.absoluteLifetime = absoluteLifetime;
	}

	public Duration getTouchInterval() {
		return this.touchInterval;
	}

	public void setTouchInterval(Duration touchInterval) {
		this.touchInterval = touchInterval;
	}

	public int getMaxPerUser() {
		return this.maxPerUser;
	}

	public void setMaxPerUser(int maxPerUser) {
		this.maxPerUser = maxPerUser;
	}

	public LimitPolicy getLimitPolicy() {
		return this.limitPolicy;
	}

	public void setLimitPolicy(LimitPolicy limitPolicy) {
		this.limitPolicy = limitPolicy;
	}

	public Duration getActiveCountRefresh() {
		return this.activeCountRefresh;
	}

	public void setActiveCountRefresh(Duration activeCountRefresh) {
		this.activeCountRefresh = activeCountRefresh;
	}

	public Http getHttp() {
		return this.http;
	}

	/**
	 * Return the store options these properties describe.
	 * @return the options
	 */
	public SessionStoreOptions toOptions() {
		return new SessionStoreOptions(this.idleTimeout, this.absoluteLifetime, this.touchInterval, this.maxPerUser,
				this.limitPolicy);
	}

	@Override
	public boolean supports(Class<?> type) {
		return RedisSessionProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RedisSessionProperties properties = (RedisSessionProperties) target;
		SessionStoreOptions
			.problems(properties.idleTimeout, properties.absoluteLifetime, properties.touchInterval,
					properties.maxPerUser, properties.limitPolicy)
			.forEach((field, problem) -> errors.rejectValue(field, "invalid", problem));
		if (properties.activeCountRefresh.isNegative()) {
			errors.rejectValue("activeCountRefresh", "invalid", "must not be negative");
		}
		List<String> trusted = properties.http.trustedPackages;
		for (int i = 0; i < trusted.size(); i++) {
			String problem = HttpSessionAttributes.problem(trusted.get(i));
			if (problem != null) {
				errors.rejectValue("http.trustedPackages[" + i + "]", "invalid", problem);
			}
		}
	}

	/**
	 * Spring Session's {@code HttpSession} in the session store.
	 */
	public static class Http {

		/**
		 * Whether Spring Session's HttpSession, or WebFlux's WebSession in a reactive web
		 * application, is stored in the session store (needs spring-session-core). The
		 * idle timeout comes from spring.session.timeout, else
		 * server.servlet.session.timeout (server.reactive.session.timeout), else
		 * redis.session.idle-timeout.
		 */
		private boolean enabled;

		/**
		 * What requests get while Redis cannot be reached: 'fail' fails them, 'anonymous'
		 * serves them without their session (nobody is logged in, nothing is written).
		 */
		private HttpSessionOutagePolicy outagePolicy = HttpSessionOutagePolicy.FAIL;

		/**
		 * Packages (with their subpackages) whose classes may be stored as session
		 * attributes, besides java.lang, java.util, java.time, java.math, java.net,
		 * Spring Security and the application's own packages (those of its
		 * {@code @SpringBootApplication}).
		 */
		private List<String> trustedPackages = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public HttpSessionOutagePolicy getOutagePolicy() {
			return this.outagePolicy;
		}

		public void setOutagePolicy(HttpSessionOutagePolicy outagePolicy) {
			this.outagePolicy = outagePolicy;
		}

		public List<String> getTrustedPackages() {
			return this.trustedPackages;
		}

		public void setTrustedPackages(List<String> trustedPackages) {
			this.trustedPackages = trustedPackages;
		}

	}

}
