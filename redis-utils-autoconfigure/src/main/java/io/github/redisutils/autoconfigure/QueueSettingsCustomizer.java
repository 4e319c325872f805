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

import io.github.redisutils.queue.QueueSettings;

/**
 * Callback that adjusts the settings of a queue beyond what {@code redis.queue.*} can
 * express, for example settings computed at start-up. The auto-configured
 * {@link io.github.redisutils.queue.JobQueues} passes the settings of each queue (the
 * {@code redis.queue.queues.<name>.*} values over the {@code redis.queue.*} defaults)
 * through every customizer bean, in {@link org.springframework.core.annotation.Order
 * order}, when the queue is first used: configured queues and others alike.
 *
 * @author redis-utils authors
 */
@FunctionalInterface
public interface QueueSettingsCustomizer {

	/**
	 * Customize the settings of a queue.
	 * @param queue the queue name
	 * @param settings the settings so far: from the properties, then from the customizers
	 * ordered before this one
	 * @return the settings to use, {@code settings} itself when this queue is not this
	 * customizer's concern
	 */
	QueueSettings customize(String queue, QueueSettings settings);

}
