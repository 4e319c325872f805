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
package io.github.redisutils.pubsub;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Finds {@link PubSubListener} methods on beans as they are initialized and registers
 * them with {@link RedisPubSub} once every singleton exists, the way
 * {@code @EventListener} methods are found. A method that declares its parameters wrongly
 * fails start-up, naming it.
 *
 * @author redis-utils authors
 */
public class PubSubListenerProcessor implements BeanPostProcessor, SmartInitializingSingleton {

	private final ObjectProvider<RedisPubSub> pubSub;

	private final Set<Class<?>> withoutListeners = ConcurrentHashMap.newKeySet();

	private final List<ListenerDefinition> found = new ArrayList<>();

	private final List<Subscription> subscriptions = new ArrayList<>();

	private boolean initialized;

	/**
	 * Create a processor.
	 * @param pubSub the pub/sub to register listeners with, looked up when the context's
	 * singletons exist
	 */
	public PubSubListenerProcessor(ObjectProvider<RedisPubSub> pubSub) {
		this.pubSub = pubSub;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (this.withoutListeners.contains(targetClass)) {
			return bean;
		}
		Map<Method, PubSubListener> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<PubSubListener>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, PubSubListener.class));
		if (methods.isEmpty()) {
			this.withoutListeners.add(targetClass);
			return bean;
		}
		List<ListenerDefinition> definitions = new ArrayList<>();
		methods.forEach((method, annotation) -> definitions.add(definition(bean, beanName, method, annotation)));
		synchronized (this.found) {
			if (this.initialized) {
				// A bean created after start-up (a prototype, a lazy bean).
				definitions
					.forEach((definition) -> this.subscriptions.add(this.pubSub.getObject().register(definition)));
			}
			else {
				this.found.addAll(definitions);
			}
		}
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		synchronized (this.found) {
			this.initialized = true;
			if (this.found.isEmpty()) {
				return;
			}
			RedisPubSub redisPubSub = this.pubSub.getObject();
			this.found.forEach((definition) -> this.subscriptions.add(redisPubSub.register(definition)));
			this.found.clear();
		}
	}

	/**
	 * Return how many listener subscriptions were registered.
	 * @return the count
	 */
	public int registeredListeners() {
		synchronized (this.found) {
			return this.subscriptions.size();
		}
	}

	static ListenerDefinition definition(Object bean, String beanName, Method method, PubSubListener annotation) {
		String where = "@PubSubListener method " + method.getDeclaringClass().getName() + "." + method.getName()
				+ " (bean '" + beanName + "')";
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		ReflectionUtils.makeAccessible(invocable);
		Type[] types = method.getGenericParameterTypes();
		int payload = -1;
		int envelope = -1;
		int channel = -1;
		for (int i = 0; i < types.length; i++) {
			Class<?> raw = method.getParameterTypes()[i];
			if (raw == ReceivedMessage.class && envelope < 0) {
				envelope = i;
			}
			else if (payload < 0) {
				payload = i;
			}
			else if (raw == String.class && channel < 0) {
				channel = i;
			}
			else {
				throw new IllegalStateException(where + ": parameter " + i + " of type " + types[i].getTypeName()
						+ " is neither the payload, a ReceivedMessage nor the channel (a String after the payload)");
			}
		}
		Type payloadType;
		if (payload >= 0) {
			payloadType = types[payload];
		}
		else if (envelope >= 0) {
			ResolvableType generic = ResolvableType.forMethodParameter(method, envelope).getGeneric(0);
			payloadType = (generic.getType() instanceof Class<?> || generic.hasGenerics()) ? generic.getType()
					: Object.class;
		}
		else {
			throw new IllegalStateException(where + ": declare a payload parameter or a ReceivedMessage parameter");
		}
		if (annotation.channels().length == 0 && annotation.patterns().length == 0) {
			throw new IllegalStateException(where + ": declare channels or patterns");
		}
		if (annotation.reliable() && annotation.patterns().length > 0) {
			throw new IllegalStateException(where + ": a reliable listener cannot use patterns");
		}
		int payloadIndex = payload;
		int envelopeIndex = envelope;
		int channelIndex = channel;
		int arity = types.length;
		MessageHandler<Object> handler = (message) -> {
			@Nullable Object[] args = new Object[arity];
			if (payloadIndex >= 0) {
				args[payloadIndex] = message.payload();
			}
			if (envelopeIndex >= 0) {
				args[envelopeIndex] = message;
			}
			if (channelIndex >= 0) {
				args[channelIndex] = message.channel();
			}
			try {
				invocable.invoke(bean, args);
			}
			catch (InvocationTargetException ex) {
				Throwable cause = ex.getTargetException();
				if (cause instanceof Exception exception) {
					throw exception;
				}
				throw (Error) cause;
			}
		};
		return new ListenerDefinition(Arrays.asList(annotation.channels()), Arrays.asList(annotation.patterns()),
				payloadType, handler, annotation.reliable(),
				StringUtils.hasText(annotation.group()) ? annotation.group() : null, annotation.skipOwnMessages());
	}

}
