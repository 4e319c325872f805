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
package io.github.redisutils.queue;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One job to enqueue with {@link JobQueue#enqueueAll(java.util.List)}.
 *
 * @param type the job type, which selects the handler
 * @param payload the payload, encoded with the value codec
 * @param options priority, delay, attempts, backoff, unique key, timeout
 * @author redis-utils authors
 */
public record JobRequest(String type, @Nullable Object payload, JobOptions options) {

	/**
	 * Create a request, checking it.
	 * @param type the job type
	 * @param payload the payload
	 * @param options the options
	 */
	public JobRequest {
		Assert.hasText(type, "'type' must not be empty");
		Assert.notNull(options, "'options' must not be null");
	}

	/**
	 * A job with the default options.
	 * @param type the job type
	 * @param payload the payload
	 * @return the request
	 */
	public static JobRequest of(String type, @Nullable Object payload) {
		return new JobRequest(type, payload, JobOptions.defaults());
	}

}
