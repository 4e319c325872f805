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
import java.util.Map;

import io.github.redisutils.core.SettingProblems;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the meters the library adds besides each feature's own,
 * under {@code redis.metrics.*}: the server meters. They validate themselves when bound:
 * a bad value fails start-up naming the property.
 *
 * @author redis-utils authors
 */
@ConfigurationProperties("redis.metrics")
public class RedisMetricsProperties implements Validator {

	private final Server server = new Server();

	public Server getServer() {
		return this.server;
	}

	@Override
	public boolean supports(Class<?> type) {
		return RedisMetricsProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RedisMetricsProperties properties = (RedisMetricsProperties) target;
		properties.server.problems().forEach((field, problem) -> errors.rejectValue(field, "invalid", problem));
	}

	/**
	 * The server meters: INFO of every node the application talks to, sampled on a
	 * background thread.
	 */
	public static class Server {

		/**
		 * Whether the server meters (redis.server.*) are registered and sampled when a
		 * MeterRegistry bean exists.
		 */
		private boolean enabled = true;

		/**
		 * Time between two samples of every node's INFO.
		 */
		private Duration interval = Duration.ofSeconds(15);

		/**
		 * Longest time one sample may wait for Redis; shorter than the interval. Meters
		 * keep their last values when it passes.
		 */
		private Duration timeout = Duration.ofSeconds(2);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		Map<String, String> problems() {
			SettingProblems problems = new SettingProblems().positive("server.interval", this.interval)
				.positive("server.timeout", this.timeout);
			if (this.interval != null && this.timeout != null && !this.interval.isNegative() && !this.interval.isZero()
					&& this.timeout.compareTo(this.interval) >= 0) {
				problems.add("server.timeout", "must be shorter than redis.metrics.server.interval (" + this.interval
						+ ") (was " + this.timeout + ")");
			}
			return problems.toMap();
		}

	}

}
