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
package io.github.redisutils.actuate;

import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.util.Assert;

/**
 * A child of the {@code redis} health contributor. Each feature with state worth
 * reporting (lock watchdog, queues, pub/sub subscriptions) declares a bean of this type;
 * the composite at {@code /actuator/health/redis} collects them all, after its first
 * child {@code connection}, in the beans' order.
 *
 * @param name the child's name in the health tree, for example {@code "queue"}; must not
 * contain {@code '/'} and must not be {@code "connection"}
 * @param contributor what reports the child's health
 * @author redis-utils authors
 */
public record RedisHealthContribution(String name, HealthContributor contributor) {

	/**
	 * Name of the first child, reserved for the connection check.
	 */
	public static final String CONNECTION = "connection";

	/**
	 * Create a contribution, checking its name.
	 * @param name the child's name
	 * @param contributor what reports the child's health
	 */
	public RedisHealthContribution {
		Assert.hasText(name, "'name' must not be empty");
		Assert.isTrue(name.indexOf('/') < 0, () -> "Redis health child name '" + name + "' must not contain '/'");
		Assert.notNull(contributor, "'contributor' must not be null");
	}

}
