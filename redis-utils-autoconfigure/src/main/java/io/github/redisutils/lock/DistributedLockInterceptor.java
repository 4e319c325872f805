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

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.format.datetime.standard.DurationFormatterUtils;

/**
 * Runs {@link DistributedLock @DistributedLock} methods under their lock. The annotation
 * of each method is read and its expression parsed once.
 *
 * @author redis-utils authors
 */
public class DistributedLockInterceptor implements MethodInterceptor {

	private final Supplier<DistributedLocks> locks;

	private final Supplier<Duration> defaultWait;

	private final SpelExpressionParser parser = new SpelExpressionParser();

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final Map<Method, Settings> settings = new ConcurrentHashMap<>();

	/**
	 * Create an interceptor.
	 * @param locks supplies the registry, looked up on first use so that the interceptor
	 * can be created before it
	 * @param defaultWait the wait of methods that do not set one
	 */
	public DistributedLockInterceptor(Supplier<DistributedLocks> locks, Duration defaultWait) {
		this(locks, () -> defaultWait);
	}

	/**
	 * Create an interceptor that looks up the locks and the default wait on first use, as
	 * an advisor created early by the auto-proxy creator must.
	 * @param locks supplies the locks
	 * @param defaultWait supplies the wait of methods that do not set one
	 */
	public DistributedLockInterceptor(Supplier<DistributedLocks> locks, Supplier<Duration> defaultWait) {
		this.locks = locks;
		this.defaultWait = defaultWait;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target)
				: invocation.getMethod().getDeclaringClass();
		Method method = AopUtils.getMostSpecificMethod(invocation.getMethod(), targetClass);
		Settings settings = this.settings.computeIfAbsent(method, (key) -> settings(key, invocation.getMethod()));
		Object name = settings.key()
			.getValue(new MethodBasedEvaluationContext(target, method, invocation.getArguments(), this.parameterNames));
		if (name == null) {
			throw new IllegalArgumentException("@DistributedLock key of " + method.toGenericString() + " ('"
					+ settings.key().getExpressionString() + "') evaluated to null");
		}
		LockHandle handle = this.locks.get()
			.tryAcquire(name.toString(), settings.waitTime(), settings.leaseTime())
			.orElseThrow(() -> new LockTimeoutException("Could not acquire lock '" + name + "' for " + method.getName()
					+ " within " + settings.waitTime().toMillis() + " ms"));
		try (handle) {
			return invocation.proceed();
		}
	}

	private Settings settings(Method method, Method invoked) {
		DistributedLock annotation = AnnotatedElementUtils.findMergedAnnotation(method, DistributedLock.class);
		if (annotation == null) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(invoked, DistributedLock.class);
		}
		if (annotation == null) {
			throw new IllegalStateException("No @DistributedLock on " + method.toGenericString());
		}
		try {
			Expression key = this.parser.parseExpression(annotation.key());
			Duration wait = annotation.waitTime().isBlank() ? this.defaultWait.get()
					: duration(method, "waitTime", annotation.waitTime());
			Duration lease = annotation.leaseTime().isBlank() ? null
					: duration(method, "leaseTime", annotation.leaseTime());
			return new Settings(key, wait, lease);
		}
		catch (ParseException ex) {
			throw new IllegalStateException(
					"Invalid @DistributedLock key on " + method.toGenericString() + ": " + ex.getMessage(), ex);
		}
	}

	private static Duration duration(Method method, String attribute, String text) {
		try {
			return DurationFormatterUtils.detectAndParse(text.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid @DistributedLock " + attribute + " '" + text + "' on "
					+ method.toGenericString() + ": use a duration such as 500ms, 5s or PT5S", ex);
		}
	}

	private record Settings(Expression key, Duration waitTime, @Nullable Duration leaseTime) {

	}

}
