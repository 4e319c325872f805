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

import org.jspecify.annotations.Nullable;

/**
 * A configuration mistake that property validation cannot catch: a route naming a policy
 * that does not exist, a key resolver naming a missing bean, a key prefix derived from an
 * application name that cannot be one. It names the property (or the declaration) at
 * fault and what to do; with Spring Boot, start-up fails with Boot's "APPLICATION FAILED
 * TO START" report built from it.
 *
 * @author redis-utils authors
 */
public class RedisConfigurationException extends RedisUtilsException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final String problem;

	private final String action;

	/**
	 * Create an exception for a property.
	 * @param property the property or declaration at fault, such as
	 * {@code redis.rate-limit.web.routes[0].policy} or
	 * {@code @JobHandler method mailer.send}
	 * @param problem what is wrong with it
	 * @param action what to do about it
	 */
	public RedisConfigurationException(String property, String problem, String action) {
		this(property, problem, action, null);
	}

	/**
	 * Create an exception for a property, with its cause.
	 * @param property the property or declaration at fault
	 * @param problem what is wrong with it
	 * @param action what to do about it
	 * @param cause the underlying failure
	 */
	public RedisConfigurationException(String property, String problem, String action, @Nullable Throwable cause) {
		super(property + ": " + problem, cause);
		this.property = property;
		this.problem = problem;
		this.action = action;
	}

	/**
	 * Return the property or declaration at fault.
	 * @return the property
	 */
	public String property() {
		return this.property;
	}

	/**
	 * Return what is wrong.
	 * @return the problem
	 */
	public String problem() {
		return this.problem;
	}

	/**
	 * Return what to do about it.
	 * @return the action
	 */
	public String action() {
		return this.action;
	}

}
