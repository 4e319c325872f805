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
 * A Spring application event about a session, published by the {@link SessionStore} on
 * the instance that made the change. Sessions that expire in Redis (idle or absolute) are
 * not announced: the store does not depend on keyspace notifications.
 *
 * @author redis-utils authors
 */
public sealed interface SessionEvent permits SessionCreatedEvent, SessionDestroyedEvent, SessionEvictedEvent {

	/**
	 * Return the session's id.
	 * @return the id
	 */
	String sessionId();

	/**
	 * Return the user the session belongs to.
	 * @return the user id
	 */
	String userId();

}
