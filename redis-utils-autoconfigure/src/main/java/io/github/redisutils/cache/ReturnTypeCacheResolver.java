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
package io.github.redisutils.cache;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.aop.support.AopUtils;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheOperationInvocationContext;
import org.springframework.cache.interceptor.CacheResolver;
import org.springframework.core.ResolvableType;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * A {@link CacheResolver} that hands each cached method a view of its redis-utils caches
 * that decodes entries into the method's return type, generics included
 * ({@code List<Order>}), and unwrapped from {@code Optional}. Spring's cache abstraction
 * reads with {@code Cache.get(key)}, which carries no type; this is how entries stored as
 * plain JSON, without type information, come back as the right classes.
 * <p>
 * Caches that are not redis-utils caches are returned as they are, so the resolver also
 * serves a {@link CacheManager} that mixes kinds. The auto-configuration installs it
 * through a {@code CachingConfigurer} unless the application declares its own; one that
 * does should return this resolver from {@code cacheResolver()}.
 *
 * @author redis-utils authors
 */
public class ReturnTypeCacheResolver implements CacheResolver {

	private final Supplier<CacheManager> cacheManager;

	private final Map<MethodOnTarget, Type> returnTypes = new ConcurrentHashMap<>();

	/**
	 * Create a resolver over a cache manager.
	 * @param cacheManager the cache manager
	 */
	public ReturnTypeCacheResolver(CacheManager cacheManager) {
		this(() -> cacheManager);
	}

	/**
	 * Create a resolver over a cache manager obtained on first use, so that declaring the
	 * resolver does not create the manager early.
	 * @param cacheManager supplies the cache manager
	 */
	public ReturnTypeCacheResolver(Supplier<CacheManager> cacheManager) {
		Assert.notNull(cacheManager, "'cacheManager' must not be null");
		this.cacheManager = SingletonSupplier.of(cacheManager);
	}

	@Override
	public Collection<? extends Cache> resolveCaches(CacheOperationInvocationContext<?> context) {
		Collection<String> names = context.getOperation().getCacheNames();
		List<Cache> caches = new ArrayList<>(names.size());
		Type type = null;
		for (String name : names) {
			Cache cache = this.cacheManager.get().getCache(name);
			if (cache == null) {
				throw new IllegalArgumentException(
						"Cannot find cache named '" + name + "' for " + context.getOperation());
			}
			if (cache instanceof RedisUtilsCache redisCache) {
				if (type == null) {
					MethodOnTarget method = new MethodOnTarget(context.getMethod(),
							AopUtils.getTargetClass(context.getTarget()));
					type = this.returnTypes.computeIfAbsent(method,
							(key) -> valueType(key.method(), key.targetClass()));
				}
				cache = redisCache.typed(type);
			}
			caches.add(cache);
		}
		return caches;
	}

	static Type valueType(Method method, Class<?> targetClass) {
		ResolvableType type = ResolvableType.forMethodReturnType(method, targetClass);
		if (Optional.class == type.resolve()) {
			type = type.getGeneric(0);
		}
		Class<?> resolved = type.resolve();
		if (resolved == null || resolved == void.class || resolved == Void.class) {
			return Object.class;
		}
		if (resolved.isPrimitive()) {
			return org.springframework.util.ClassUtils.resolvePrimitiveIfNecessary(resolved);
		}
		return type.getType();
	}

	private record MethodOnTarget(Method method, Class<?> targetClass) {

	}

}
