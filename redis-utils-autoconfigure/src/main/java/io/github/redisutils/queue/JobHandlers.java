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

import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The registry of job handlers by job type, filled programmatically or from
 * {@link JobHandler @JobHandler} methods. Types are global: a type is handled the same
 * way in every queue. Thread-safe.
 *
 * @author redis-utils authors
 */
public final class JobHandlers {

	private final ConcurrentHashMap<String, Registration> handlers = new ConcurrentHashMap<>();

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Register the handler of a job type.
	 * @param <T> the payload type
	 * @param type the job type
	 * @param payloadType the type payloads are decoded into
	 * @param processor the handler
	 * @throws IllegalStateException if the type already has a handler
	 */
	public <T> void register(String type, Class<T> payloadType, JobProcessor<T> processor) {
		registerDecodedFunction(type, payloadType, (payload, context) -> {
			processor.process(payloadType.cast(payload), context);
			return null;
		});
	}

	/**
	 * Register the handler of a job type that returns a result, kept with the completed
	 * job.
	 * @param <T> the payload type
	 * @param type the job type
	 * @param payloadType the type payloads are decoded into
	 * @param function the handler
	 * @throws IllegalStateException if the type already has a handler
	 */
	public <T> void registerFunction(String type, Class<T> payloadType, JobFunction<T> function) {
		registerDecodedFunction(type, payloadType,
				(payload, context) -> function.apply(payloadType.cast(payload), context));
	}

	/**
	 * Register the handler of a job type whose payload type is generic, for example
	 * {@code List<Order>}.
	 * @param type the job type
	 * @param payloadType the type payloads are decoded into
	 * @param processor the handler, given the decoded payload
	 * @throws IllegalStateException if the type already has a handler
	 */
	public void registerDecoded(String type, Type payloadType, JobProcessor<@Nullable Object> processor) {
		registerDecodedFunction(type, payloadType, (payload, context) -> {
			processor.process(payload, context);
			return null;
		});
	}

	/**
	 * Register the handler of a job type whose payload type is generic and that returns a
	 * result, kept with the completed job.
	 * @param type the job type
	 * @param payloadType the type payloads are decoded into
	 * @param function the handler, given the decoded payload
	 * @throws IllegalStateException if the type already has a handler
	 */
	public void registerDecodedFunction(String type, Type payloadType, JobFunction<@Nullable Object> function) {
		Assert.hasText(type, "'type' must not be empty");
		Registration previous = this.handlers.putIfAbsent(type, new Registration(payloadType, function));
		Assert.state(previous == null, () -> "Job type '" + type + "' already has a handler");
		this.listeners.forEach(Runnable::run);
	}

	/**
	 * Remove the handler of a job type. Jobs of that type taken afterwards go to the dead
	 * letters.
	 * @param type the job type
	 * @return whether a handler was removed
	 */
	public boolean unregister(String type) {
		return this.handlers.remove(type) != null;
	}

	/**
	 * Return the job types that have a handler.
	 * @return the types
	 */
	public Set<String> types() {
		return Set.copyOf(this.handlers.keySet());
	}

	/**
	 * Be told when a handler is registered (workers start with the first one).
	 */
	void onRegistration(Runnable listener) {
		this.listeners.add(listener);
	}

	@Nullable Registration get(String type) {
		return this.handlers.get(type);
	}

	record Registration(Type payloadType, JobFunction<@Nullable Object> function) {

	}

}
