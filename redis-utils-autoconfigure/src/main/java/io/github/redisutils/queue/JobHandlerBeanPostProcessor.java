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
package io.github.redisutils.queue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Registers the {@link JobHandler @JobHandler} methods of beans in the
 * {@link JobHandlers} registry.
 *
 * @author redis-utils authors
 */
public class JobHandlerBeanPostProcessor implements BeanPostProcessor {

	private final Supplier<JobHandlers> handlers;

	/**
	 * Create a post-processor.
	 * @param handlers the registry, looked up when the first handler is found (post
	 * processors are created early and must not drag other beans along)
	 */
	public JobHandlerBeanPostProcessor(Supplier<JobHandlers> handlers) {
		this.handlers = handlers;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		Map<Method, JobHandler> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<JobHandler>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, JobHandler.class));
		methods.forEach((method, annotation) -> register(bean, beanName,
				AopUtils.selectInvocableMethod(method, bean.getClass()), annotation.value()));
		return bean;
	}

	private void register(Object bean, String beanName, Method method, String type) {
		Type[] parameters = method.getGenericParameterTypes();
		Class<?>[] raw = method.getParameterTypes();
		int payloadIndex = -1;
		int contextIndex = -1;
		for (int i = 0; i < raw.length; i++) {
			if (raw[i] == JobContext.class && contextIndex < 0) {
				contextIndex = i;
			}
			else if (payloadIndex < 0) {
				payloadIndex = i;
			}
			else {
				throw new IllegalStateException("@JobHandler method " + beanName + "." + method.getName()
						+ " must take the payload and optionally a JobContext, nothing else");
			}
		}
		Type payloadType = (payloadIndex >= 0) ? parameters[payloadIndex] : Object.class;
		int payloadAt = payloadIndex;
		int contextAt = contextIndex;
		ReflectionUtils.makeAccessible(method);
		// A method that returns a value (not void) completes its job with that result.
		this.handlers.get().registerDecodedFunction(type, payloadType, (payload, context) -> {
			@Nullable Object[] args = new Object[raw.length];
			if (payloadAt >= 0) {
				args[payloadAt] = payload;
			}
			if (contextAt >= 0) {
				args[contextAt] = context;
			}
			try {
				return method.invoke(bean, args);
			}
			catch (InvocationTargetException ex) {
				if (ex.getTargetException() instanceof Exception exception) {
					throw exception;
				}
				throw (Error) ex.getTargetException();
			}
		});
	}

}
