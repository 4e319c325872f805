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

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a {@code GET /actuator/redisutils/<section>} asks for: one page of each list, and
 * optionally one item by name (a queue, a cache, a rate-limit key).
 *
 * @param page the page, from 0
 * @param size how many items a page holds, 1 to {@link #MAX_SIZE}
 * @param name the item asked for, or {@code null} for all
 * @author redis-utils authors
 */
public record RedisEndpointQuery(int page, int size, @Nullable String name) {

	/**
	 * Items a page holds unless the request says otherwise.
	 */
	public static final int DEFAULT_SIZE = 20;

	/**
	 * Most items a page may hold.
	 */
	public static final int MAX_SIZE = 100;

	/**
	 * Check the query.
	 * @param page the page, from 0
	 * @param size how many items a page holds, 1 to {@link #MAX_SIZE}
	 * @param name the item asked for, or {@code null} for all
	 * @throws IllegalArgumentException if the page is negative or the size out of range
	 */
	public RedisEndpointQuery {
		if (page < 0) {
			throw new IllegalArgumentException("page must not be negative (was " + page + ")");
		}
		if (size < 1 || size > MAX_SIZE) {
			throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + " (was " + size + ")");
		}
	}

	/**
	 * Return the first page of the default size.
	 * @return the query
	 */
	public static RedisEndpointQuery firstPage() {
		return new RedisEndpointQuery(0, DEFAULT_SIZE, null);
	}

	/**
	 * Return the index of the page's first item.
	 * @return the offset
	 */
	public int offset() {
		return (int) Math.min((long) this.page * this.size, Integer.MAX_VALUE);
	}

	/**
	 * Return this query's page of a list held in memory.
	 * @param <T> the items' type
	 * @param items all items
	 * @return the page, possibly empty
	 */
	public <T> List<T> pageOf(List<T> items) {
		int from = Math.min(offset(), items.size());
		return items.subList(from, Math.min(from + this.size, items.size()));
	}

}
