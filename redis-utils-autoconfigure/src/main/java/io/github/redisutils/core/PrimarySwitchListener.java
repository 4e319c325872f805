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
package io.github.redisutils.core;

/**
 * Implemented by what holds a dedicated Redis connection (a blocking fetch, a
 * subscription, a stream consumer): told when Sentinel switched the primary, it drops its
 * connection so that the next one is made to the new primary. Lettuce resolves the
 * primary through Sentinel only when it connects, so a connection that stays open keeps
 * talking to the old primary, which may accept writes it later discards.
 * <p>
 * Called by {@link SentinelPrimaryWatcher} on its own thread, once per switch, after the
 * shared connection was reset. Implementations must return quickly (close, do not
 * reconnect synchronously) and must not throw; an exception is logged and ignored.
 *
 * @author redis-utils authors
 */
@FunctionalInterface
public interface PrimarySwitchListener {

	/**
	 * Sentinel switched the primary: drop dedicated connections to the old one.
	 * @param primarySwitch the old and the new primary
	 */
	void primarySwitched(PrimarySwitch primarySwitch);

}
