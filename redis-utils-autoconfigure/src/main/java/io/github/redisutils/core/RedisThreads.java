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

import java.lang.reflect.Method;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The one source of the library's threads: every thread is named
 * {@code redis-utils-<feature>-N} and is a daemon, so it never keeps a JVM alive. With
 * virtual threads requested (Spring Boot's {@code spring.threads.virtual.enabled}) and a
 * JVM that has them (Java 21 and newer), the threads are virtual; otherwise platform
 * threads. The library compiles for Java 17, so {@code Thread.ofVirtual()} is looked up
 * reflectively, here only.
 *
 * @author redis-utils authors
 */
public final class RedisThreads {

	private static final @Nullable Method OF_VIRTUAL = method(Thread.class, "ofVirtual");

	private static final @Nullable Method NAME = method(builderType(), "name", String.class, long.class);

	private static final @Nullable Method FACTORY = method(builderType(), "factory");

	private static final RedisThreads PLATFORM = new RedisThreads(false);

	private final boolean virtual;

	private RedisThreads(boolean virtual) {
		this.virtual = virtual;
	}

	/**
	 * Return threads that are platform daemon threads.
	 * @return the platform thread source
	 */
	public static RedisThreads platform() {
		return PLATFORM;
	}

	/**
	 * Return a thread source.
	 * @param virtual whether virtual threads are wanted; honoured only where the JVM
	 * supports them
	 * @return the thread source
	 */
	public static RedisThreads of(boolean virtual) {
		return (virtual && isVirtualSupported()) ? new RedisThreads(true) : PLATFORM;
	}

	/**
	 * Return whether this JVM can start virtual threads.
	 * @return {@code true} on Java 21 and newer
	 */
	public static boolean isVirtualSupported() {
		return OF_VIRTUAL != null && NAME != null && FACTORY != null;
	}

	/**
	 * Return whether the threads are virtual.
	 * @return whether the threads are virtual
	 */
	public boolean isVirtual() {
		return this.virtual;
	}

	/**
	 * Return a factory of threads named {@code redis-utils-<feature>-N}, counting from 1.
	 * @param feature the feature (and its part), for example {@code lock-watchdog}
	 * @return the thread factory
	 */
	public ThreadFactory factory(String feature) {
		return factory(feature, true);
	}

	/**
	 * Return a factory of threads named {@code redis-utils-<feature>-N}, counting from 1.
	 * @param feature the feature (and its part)
	 * @param daemon whether platform threads are daemons; a non-daemon thread keeps the
	 * JVM alive (virtual threads are always daemons: Boot's
	 * {@code spring.main.keep-alive} keeps such an application alive)
	 * @return the thread factory
	 */
	public ThreadFactory factory(String feature, boolean daemon) {
		String prefix = "redis-utils-" + feature + "-";
		if (this.virtual) {
			return virtualFactory(prefix);
		}
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(daemon);
			return thread;
		};
	}

	/**
	 * Start a thread named {@code redis-utils-<feature>-N}.
	 * @param feature the feature (and its part)
	 * @param task what the thread runs
	 * @return the started thread
	 */
	public Thread start(String feature, Runnable task) {
		Thread thread = factory(feature).newThread(task);
		thread.start();
		return thread;
	}

	private static ThreadFactory virtualFactory(String prefix) {
		try {
			Object builder = OF_VIRTUAL.invoke(null);
			builder = NAME.invoke(builder, prefix, 1L);
			return (ThreadFactory) FACTORY.invoke(builder);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new IllegalStateException("Could not create virtual threads", ex);
		}
	}

	private static @Nullable Class<?> builderType() {
		try {
			return Class.forName("java.lang.Thread$Builder");
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
	}

	private static @Nullable Method method(@Nullable Class<?> type, String name, Class<?>... parameters) {
		if (type == null) {
			return null;
		}
		try {
			return type.getMethod(name, parameters);
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

	@Override
	public String toString() {
		return this.virtual ? "virtual threads" : "platform threads";
	}

}
