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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated method while holding a distributed lock, through Spring AOP
 * (auto-configured when Spring AOP is on the class path; the method must be called
 * through the bean's proxy, as for {@code @Transactional}).
 * <p>
 * The lock is held for the method's execution: a method that returns a
 * {@code CompletableFuture} or another asynchronous result releases it on return, before
 * the work completes. Use {@link DistributedLocks#tryAcquire} for asynchronous code.
 * <pre class="code">
 * &#64;DistributedLock(key = "'order:' + #orderId", waitTime = "5s")
 * public void ship(String orderId) { ... }
 * </pre>
 *
 * @author redis-utils authors
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface DistributedLock {

	/**
	 * SpEL expression for the lock name, evaluated against the method's arguments
	 * ({@code #name} with parameter names compiled in, else {@code #p0}, {@code #a0}),
	 * with the target bean as root object.
	 * @return the lock name expression
	 */
	String key();

	/**
	 * Longest wait for the lock, as {@code 500ms}, {@code 5s} or ISO-8601 {@code PT5S};
	 * empty for {@code redis.lock.wait}. A method whose wait runs out throws
	 * {@link LockTimeoutException} without running.
	 * @return the wait
	 */
	String waitTime() default "";

	/**
	 * Fixed lease, in the same formats as {@link #waitTime()}; empty for the configured
	 * lease renewed by the watchdog while the method runs.
	 * @return the lease
	 */
	String leaseTime() default "";

}
