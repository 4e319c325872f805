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
package io.github.redisutils.session.http;

/**
 * What HTTP requests get while Redis cannot be reached (an outage, a timeout, the outage
 * back-off skipping calls).
 *
 * @author redis-utils authors
 */
public enum HttpSessionOutagePolicy {

	/**
	 * Fail the request: the session read or write throws
	 * {@link io.github.redisutils.core.RedisUnavailableException}, which the
	 * application's error handling turns into a response (a 500 by default). Nothing is
	 * served on a session that could not be checked and nothing written is silently
	 * dropped. The default.
	 */
	FAIL,

	/**
	 * Serve the request without its session: a session that cannot be read counts as
	 * absent, so the request is anonymous (Spring Security asks for a login where one is
	 * needed; public pages keep working), and a session that cannot be written is dropped
	 * with a rate-limited warning. Nobody is authenticated without Redis, so this never
	 * lets a request in that {@link #FAIL} would have refused; what a user loses is the
	 * state written during the outage (a login, a cart change). Sessions come back when
	 * Redis does.
	 */
	ANONYMOUS

}
