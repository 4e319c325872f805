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
package io.github.redisutils.lock;

/**
 * Told when a lock renewed by the watchdog is lost while its holder still works under it,
 * so that the work can stop or check its fencing token instead of going on unaware. Beans
 * of this type are registered with the auto-configured registry. Called on one of the
 * watchdog's threads, possibly on several at once: return quickly.
 *
 * @author redis-utils authors
 */
@FunctionalInterface
public interface LockLostListener {

	/**
	 * Called once per lost acquisition.
	 * @param event what was lost and why
	 */
	void lockLost(LockLostEvent event);

}
