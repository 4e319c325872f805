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

import java.util.Locale;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * How the application reaches Redis, as configured on its connection factory.
 *
 * @author redis-utils authors
 */
public enum RedisMode {

	/**
	 * One server.
	 */
	STANDALONE,

	/**
	 * A primary found through Redis Sentinel.
	 */
	SENTINEL,

	/**
	 * Redis Cluster.
	 */
	CLUSTER;

	private static final boolean LETTUCE_PRESENT = ClassUtils.isPresent(
			"org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
			RedisMode.class.getClassLoader());

	/**
	 * Return the name shown in health details: {@code standalone}, {@code sentinel}, or
	 * {@code cluster}.
	 * @return the display name
	 */
	public String displayName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Find the mode a connection factory is configured for.
	 * @param connectionFactory the connection factory
	 * @return its mode; for factories other than Lettuce's, {@link #CLUSTER} or
	 * {@link #STANDALONE} only
	 */
	public static RedisMode of(RedisConnectionFactory connectionFactory) {
		if (LETTUCE_PRESENT && connectionFactory instanceof LettuceConnectionFactory lettuce) {
			if (lettuce.isClusterAware()) {
				return CLUSTER;
			}
			return lettuce.isRedisSentinelAware() ? SENTINEL : STANDALONE;
		}
		try (RedisConnection connection = connectionFactory.getConnection()) {
			return (connection instanceof RedisClusterConnection) ? CLUSTER : STANDALONE;
		}
	}

}
