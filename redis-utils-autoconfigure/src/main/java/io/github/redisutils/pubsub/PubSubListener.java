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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as a handler of messages published with {@link RedisPubSub}. The
 * methods are found when the application context starts, the way {@code @EventListener}
 * methods are.
 * <p>
 * Parameters: the payload, whose declared (possibly generic) type is the message type;
 * optionally a {@link ReceivedMessage} for the envelope, and a {@code String} after the
 * payload for the concrete channel. A method with only a {@code ReceivedMessage<T>}
 * parameter receives payloads of type {@code T}.
 *
 * <pre class="code">
 * &#64;PubSubListener(channels = "orders")
 * void onOrder(OrderEvent event) { ... }
 *
 * &#64;PubSubListener(patterns = "chat:*")
 * void onChat(ChatLine line, String channel) { ... }
 *
 * &#64;PubSubListener(channels = "invoices", reliable = true)
 * void onInvoice(Invoice invoice, ReceivedMessage&lt;Invoice&gt; envelope) { ... }
 * </pre>
 *
 * @author redis-utils authors
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PubSubListener {

	/**
	 * Channels to subscribe to, without the namespace.
	 * @return the channels
	 */
	String[] channels() default {};

	/**
	 * Glob-style patterns ({@code PSUBSCRIBE}) to subscribe to, without the namespace.
	 * Not allowed with {@link #reliable()}.
	 * @return the patterns
	 */
	String[] patterns() default {};

	/**
	 * Whether to consume the channels' reliable streams (messages published with
	 * {@link RedisPubSub#publishReliably}) at least once, instead of classic pub/sub.
	 * @return whether reliable
	 */
	boolean reliable() default false;

	/**
	 * Consumer group of a reliable listener; empty for the application's group
	 * ({@code redis.pubsub.reliable.group}). Two reliable listeners of one application on
	 * one channel need distinct groups, or they share its messages.
	 * @return the group
	 */
	String group() default "";

	/**
	 * Whether to skip messages this instance published itself.
	 * @return whether to skip them
	 */
	boolean skipOwnMessages() default false;

}
