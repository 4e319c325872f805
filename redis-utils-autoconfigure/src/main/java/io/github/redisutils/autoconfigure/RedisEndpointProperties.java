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

import io.github.redisutils.core.SettingProblems;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Settings of the redisutils actuator endpoint ({@code redis.endpoint.*}). Whether it is
 * enabled and exposed is set the Boot way, with {@code management.endpoint.redisutils.*}
 * and {@code management.endpoints.web.exposure.include}.
 *
 * @author redis-utils authors
 */
@ConfigurationProperties("redis.endpoint")
public class RedisEndpointProperties implements Validator {

	/**
	 * Longest time the redisutils endpoint waits for each of its sections and operations;
	 * a section that takes longer shows an error entry and the others answer as usual. At
	 * most 1m.
	 */
	private Duration timeout = Duration.ofSeconds(2);

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	@Override
	public boolean supports(Class<?> type) {
		return RedisEndpointProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RedisEndpointProperties properties = (RedisEndpointProperties) target;
		new SettingProblems().positive("timeout", properties.timeout)
			.atMost("timeout", properties.timeout, Duration.ofMinutes(1), null)
			.toMap()
			.forEach((field, problem) -> errors.rejectValue(field, "invalid", problem));
	}

}
