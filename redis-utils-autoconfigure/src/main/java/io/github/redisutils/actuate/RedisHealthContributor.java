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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;

/**
 * The {@code redis} health contributor at {@code /actuator/health/redis}: the
 * {@code connection} check first, then one child per feature that reports state
 * ({@link RedisHealthContribution} beans).
 *
 * @author redis-utils authors
 */
public class RedisHealthContributor implements CompositeHealthContributor, DisposableBean {

	private final RedisConnectionHealthIndicator connection;

	private final Map<String, HealthContributor> children;

	/**
	 * Create the composite.
	 * @param connection the connection check, always the first child
	 * @param contributions the features' children, in order
	 * @throws IllegalStateException if two children share a name
	 */
	public RedisHealthContributor(RedisConnectionHealthIndicator connection,
			List<RedisHealthContribution> contributions) {
		this.connection = connection;
		Map<String, HealthContributor> children = new LinkedHashMap<>();
		children.put(RedisHealthContribution.CONNECTION, connection);
		for (RedisHealthContribution contribution : contributions) {
			if (children.putIfAbsent(contribution.name(), contribution.contributor()) != null) {
				throw new IllegalStateException("Two children of the 'redis' health contributor are named '"
						+ contribution.name() + "'; give each RedisHealthContribution a distinct name");
			}
		}
		this.children = Collections.unmodifiableMap(children);
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		return this.children.get(name);
	}

	@Override
	public Stream<Entry> stream() {
		return this.children.entrySet().stream().map((child) -> new Entry(child.getKey(), child.getValue()));
	}

	@Override
	public void destroy() {
		this.connection.destroy();
	}

}
