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
package io.github.redisutils.pubsub;

/**
 * A registered handler. Closing it unsubscribes: the handler receives no message after
 * {@link #close()} returns, except one already being handled. Closing twice does nothing.
 *
 * @author redis-utils authors
 */
public interface Subscription extends AutoCloseable {

	/**
	 * Return whether the handler is still registered.
	 * @return {@code false} once closed
	 */
	boolean isActive();

	/**
	 * Unsubscribe the handler; the Redis channel is unsubscribed when no other handler of
	 * this instance listens to it.
	 */
	@Override
	void close();

}
