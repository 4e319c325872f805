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

/**
 * What a limiter answers when Redis cannot be reached or does not answer within the
 * command timeout.
 *
 * @author redis-utils authors
 */
public enum RateLimitFailureMode {

	/**
	 * Allow the request: availability matters more than the limit. The decision is
	 * counted with outcome {@code error}.
	 */
	OPEN,

	/**
	 * Reject the request (HTTP 503 on the web): the limit protects something that must
	 * not be overrun. The decision is counted with outcome {@code error}.
	 */
	CLOSED

}
