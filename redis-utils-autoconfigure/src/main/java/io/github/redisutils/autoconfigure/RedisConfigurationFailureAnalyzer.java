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

import io.github.redisutils.core.RedisConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link RedisConfigurationException}, however deep in the start-up failure, into
 * Spring Boot's "APPLICATION FAILED TO START" report naming the property and what to do.
 *
 * @author redis-utils authors
 */
class RedisConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<RedisConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RedisConfigurationException cause) {
		String description = "Invalid redis-utils configuration:%n%n    Property: %s%n    Reason: %s%n"
			.formatted(cause.property(), cause.problem());
		return new FailureAnalysis(description, cause.action(), cause);
	}

}
