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

package io.github.redisutils.session;

/**
 * What the presence sets count at one moment, read together in one call.
 *
 * @param activeSessions the live sessions
 * @param onlineUsers the users with at least one live session
 * @author redis-utils authors
 */
record PresenceCounts(long activeSessions, long onlineUsers) {

	/** Nothing read yet. */
	static final PresenceCounts UNKNOWN = new PresenceCounts(-1, -1);

}
