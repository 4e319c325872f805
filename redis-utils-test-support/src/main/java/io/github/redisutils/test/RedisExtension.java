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

package io.github.redisutils.test;

import java.util.Set;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves parameters of test constructors, test methods and lifecycle methods of type
 * {@link StandaloneRedis}, {@link ClusterRedis}, {@link SentinelRedis} (the shared
 * servers of {@link RedisServers}) and {@link DedicatedRedis} (a new server for each
 * parameter, closed once the test, or the test class for a class-level parameter, is
 * done).
 * <p>
 * A server that cannot be obtained fails the test; it is never skipped.
 *
 * @see RedisTest
 */
public class RedisExtension implements ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(RedisExtension.class);

	private static final Set<Class<?>> SUPPORTED = Set.of(StandaloneRedis.class, ClusterRedis.class,
			SentinelRedis.class, DedicatedRedis.class);

	/**
	 * Resolves constructor parameters in the scope of the test method, so that a
	 * {@link DedicatedRedis} injected into a test instance lives as long as that
	 * instance.
	 * @param rootContext the context of the test class
	 * @return {@link ExtensionContextScope#TEST_METHOD}
	 */
	@Override
	public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
		return ExtensionContextScope.TEST_METHOD;
	}

	/**
	 * Whether the parameter is one of the supported server types.
	 * @param parameterContext the parameter
	 * @param extensionContext the context
	 * @return whether it can be resolved
	 */
	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return SUPPORTED.contains(parameterContext.getParameter().getType());
	}

	/**
	 * Returns the server for the parameter.
	 * @param parameterContext the parameter
	 * @param extensionContext the context
	 * @return the server
	 * @throws ParameterResolutionException if the server cannot be obtained
	 */
	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		try {
			if (type == StandaloneRedis.class) {
				return RedisServers.standalone();
			}
			if (type == ClusterRedis.class) {
				return RedisServers.cluster();
			}
			if (type == SentinelRedis.class) {
				return RedisServers.sentinel();
			}
			DedicatedRedis dedicated = RedisServers.dedicated();
			// The store closes AutoCloseable values when its context ends.
			extensionContext.getStore(NAMESPACE).put(dedicated, dedicated);
			return dedicated;
		}
		catch (RuntimeException ex) {
			throw new ParameterResolutionException(
					"No " + type.getSimpleName() + " for " + parameterContext.getParameter() + ": " + ex.getMessage(),
					ex);
		}
	}

}
