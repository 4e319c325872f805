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

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One part of the {@code redisutils} actuator endpoint: a feature, or anything else an
 * operator wants next to them (a server snapshot, for example). Every bean of this type
 * is one entry of {@code GET /actuator/redisutils} and answers
 * {@code GET /actuator/redisutils/<name>}.
 * <p>
 * The endpoint calls a section on its own threads and waits
 * {@code redis.endpoint.timeout} at most: a section may talk to Redis, but must read only
 * what is bounded (a page, a size, never a SCAN of the keyspace). A section that does not
 * answer in time shows an {@code error} entry instead; the other sections answer as
 * usual.
 *
 * @author redis-utils authors
 */
public interface RedisEndpointSection {

	/**
	 * Return the section's name: its key in the summary and its path segment. Features
	 * use their {@code FEATURE} name ({@code lock}, {@code queue}, ...).
	 * @return the name
	 */
	String name();

	/**
	 * Return what the summary shows of this section.
	 * @return the summary, values that Jackson writes as JSON
	 */
	Map<String, Object> summary();

	/**
	 * Return the section in detail, one page of each list that can grow.
	 * @param query the page asked for and the optional name of one item
	 * @return the details, values that Jackson writes as JSON
	 */
	default Map<String, Object> details(RedisEndpointQuery query) {
		return summary();
	}

	/**
	 * Create a section from functions.
	 * @param name the section's name
	 * @param summary what the summary shows
	 * @param details what the section shows in detail
	 * @return the section
	 */
	static RedisEndpointSection of(String name, Supplier<Map<String, Object>> summary,
			Function<RedisEndpointQuery, Map<String, Object>> details) {
		return new RedisEndpointSection() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public Map<String, Object> summary() {
				return summary.get();
			}

			@Override
			public Map<String, Object> details(RedisEndpointQuery query) {
				return details.apply(query);
			}

			@Override
			public String toString() {
				return "RedisEndpointSection[" + name + "]";
			}

		};
	}

}
