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
package io.github.redisutils.blacklist;

/**
 * What a check answers when Redis cannot be asked (unreachable, or no answer within the
 * command timeout).
 *
 * @author redis-utils authors
 */
public enum FailurePolicy {

	/**
	 * The token counts as revoked: requests are refused while Redis is unavailable. The
	 * safe default for a security check.
	 */
	CLOSED,

	/**
	 * The token counts as valid: requests carrying a revoked token are accepted while
	 * Redis is unavailable, in exchange for availability.
	 */
	OPEN;

	/**
	 * Return the answer a check gives when Redis cannot be asked.
	 * @return whether the token counts as revoked
	 */
	public boolean revokedOnFailure() {
		return this == CLOSED;
	}

}
