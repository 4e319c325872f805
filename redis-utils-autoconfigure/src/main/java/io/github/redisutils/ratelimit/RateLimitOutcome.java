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
package io.github.redisutils.ratelimit;

import java.util.Locale;

/**
 * Why a decision came out the way it did; the {@code outcome} tag of the
 * {@code redis.rate.limit.decisions} meter.
 *
 * @author redis-utils authors
 */
public enum RateLimitOutcome {

	/**
	 * Within the limit.
	 */
	ALLOWED,

	/**
	 * Over the limit.
	 */
	REJECTED,

	/**
	 * The key is blocked.
	 */
	BLOCKED,

	/**
	 * Redis was unavailable; the policy's {@link RateLimitFailureMode} decided.
	 */
	ERROR;

	/**
	 * Return the name used as a meter tag value: {@code allowed}, {@code rejected},
	 * {@code blocked} or {@code error}.
	 * @return the tag value
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
