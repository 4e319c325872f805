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

import io.github.redisutils.batch.RedisBatches;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of pipelined batches, under {@code redis.batch.*}.
 *
 * @author redis-utils authors
 */
@ConfigurationProperties("redis.batch")
public class RedisBatchProperties implements Validator {

	/**
	 * Whether the RedisBatches bean (pipelined batches of typed reads and writes) is
	 * created.
	 */
	private boolean enabled = true;

	/**
	 * Largest number of entries one batch accepts; queueing one more fails the call.
	 */
	private int maxSize = RedisBatches.DEFAULT_MAX_SIZE;

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

	@Override
	public boolean supports(Class<?> type) {
		return RedisBatchProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RedisBatches.problems(((RedisBatchProperties) target).maxSize)
			.forEach((field, problem) -> errors.rejectValue(field, "invalid", problem));
	}

}
