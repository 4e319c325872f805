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
package io.github.redisutils.ratelimit.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits the requests a handler method (or every handler method of a controller) serves,
 * in addition to the routes configured under {@code redis.rate-limit.web.routes}. An
 * annotation on the method wins over one on its class.
 *
 * <pre class="code">
 * &#64;RateLimit(policy = "search", key = "principal")
 * &#64;GetMapping("/search")
 * List&lt;Hit&gt; search(&#64;RequestParam String q) { ... }
 * </pre>
 *
 * @author redis-utils authors
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RateLimit {

	/**
	 * Name of the policy applied.
	 * @return the policy name
	 */
	String policy();

	/**
	 * Key of each request: {@code ip}, {@code principal}, {@code header:<name>},
	 * {@code spel:<expression>} or {@code bean:<resolver bean name>}. Empty means
	 * {@code redis.rate-limit.web.default-key}.
	 * @return the key specification
	 */
	String key() default "";

}
