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

import java.util.function.Consumer;

import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.RedisThreads;
import io.github.redisutils.core.codec.ValueCodec;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Typed publish/subscribe on Redis.
 * <p>
 * <b>Classic mode</b> ({@link #publish}, {@link #subscribe}, {@link #psubscribe}): Redis
 * pub/sub, at most once. Messages published while a subscriber is disconnected are lost
 * for it; the subscription itself resumes by itself after a reconnect.
 * <p>
 * <b>Reliable mode</b> ({@link #publishReliably}, {@link #subscribeReliably}): a Redis
 * Stream per channel, at least once to each consumer group (one per application), each
 * entry acknowledged after its handler returns; entries held by a dead consumer are
 * claimed by another. A reliable channel and a classic channel of the same name are
 * separate.
 * <p>
 * Every message travels in an envelope (id, payload type, timestamp, origin instance) and
 * is encoded with the {@link ValueCodec}; it is decoded into the type each receiver
 * declares. Channel names are qualified with a namespace (by default the key prefix), so
 * applications sharing a Redis do not hear each other unless they choose the same
 * namespace.
 *
 * @author redis-utils authors
 */
public interface RedisPubSub {

	/**
	 * The feature's name in health and the outage back-off's meters.
	 */
	String FEATURE = "pubsub";

	/**
	 * Publish a message on a channel.
	 * @param channel the channel, without the namespace
	 * @param message the payload
	 * @return how many subscriptions received it (on Redis Cluster, those of the node
	 * that took the command, as Redis reports)
	 * @throws io.github.redisutils.core.RedisUnavailableException if Redis cannot be
	 * reached
	 */
	long publish(String channel, Object message);

	/**
	 * Append a message to a channel's reliable stream.
	 * @param channel the channel, without the namespace
	 * @param message the payload
	 * @return the stream entry id
	 * @throws io.github.redisutils.core.RedisUnavailableException if Redis cannot be
	 * reached
	 */
	String publishReliably(String channel, Object message);

	/**
	 * Subscribe a handler to a channel.
	 * @param <T> the payload type
	 * @param channel the channel, without the namespace
	 * @param type the payload type
	 * @param handler what receives the payloads
	 * @return the subscription, to close to unsubscribe
	 */
	<T> Subscription subscribe(String channel, Class<T> type, Consumer<? super T> handler);

	/**
	 * Subscribe a handler to every channel that matches a glob-style pattern.
	 * @param <T> the payload type
	 * @param pattern the pattern, without the namespace
	 * @param type the payload type
	 * @param handler what receives the payloads
	 * @return the subscription, to close to unsubscribe
	 */
	<T> Subscription psubscribe(String pattern, Class<T> type, Consumer<? super T> handler);

	/**
	 * Consume a channel's reliable stream in the application's consumer group.
	 * @param <T> the payload type
	 * @param channel the channel, without the namespace
	 * @param type the payload type
	 * @param handler what receives the messages; when it throws, the message is delivered
	 * again later
	 * @return the subscription, to close to stop consuming
	 */
	<T> Subscription subscribeReliably(String channel, Class<T> type, MessageHandler<T> handler);

	/**
	 * Register a listener with every option.
	 * @param definition the listener
	 * @return the subscription, to close to unsubscribe
	 */
	Subscription register(ListenerDefinition definition);

	/**
	 * Return this instance's id, the {@link ReceivedMessage#origin() origin} of the
	 * messages it publishes.
	 * @return the instance id
	 */
	String instanceId();

	/**
	 * Return a snapshot of the subscriptions' state.
	 * @return the status
	 */
	PubSubStatus status();

	/**
	 * Create a pub/sub. It is a {@link org.springframework.context.SmartLifecycle}: it
	 * connects when started (handlers can be registered before) and stops consuming,
	 * waiting for running handlers, when stopped.
	 * @param connectionFactory the application's Lettuce connection factory
	 * @param codec codec of payloads
	 * @param options settings
	 * @param meterRegistry where meters go
	 * @return the pub/sub
	 */
	static RedisPubSub create(LettuceConnectionFactory connectionFactory, ValueCodec codec, PubSubOptions options,
			MeterRegistry meterRegistry) {
		return create(connectionFactory, codec, options, meterRegistry, RedisThreads.platform());
	}

	/**
	 * Create a pub/sub whose threads (handlers, reliable consumers, the subscription's
	 * worker) come from the given source.
	 * @param connectionFactory the application's Lettuce connection factory
	 * @param codec codec of payloads
	 * @param options settings
	 * @param meterRegistry where meters go
	 * @param threads where threads come from
	 * @return the pub/sub
	 */
	static RedisPubSub create(LettuceConnectionFactory connectionFactory, ValueCodec codec, PubSubOptions options,
			MeterRegistry meterRegistry, RedisThreads threads) {
		return create(connectionFactory, codec, options, meterRegistry, threads, OutageBackoff.disabled(FEATURE));
	}

	/**
	 * Create a pub/sub whose publishing skips Redis during an outage back-off: while it
	 * lasts, {@code publish} and {@code publishReliably} throw
	 * {@link io.github.redisutils.core.RedisUnavailableException} at once instead of
	 * waiting for a command timeout. Consumers are not held back by it: they reconnect on
	 * their own.
	 * @param connectionFactory the application's Lettuce connection factory
	 * @param codec codec of payloads
	 * @param options settings
	 * @param meterRegistry where meters go
	 * @param threads where threads come from
	 * @param outage the back-off publishing goes through
	 * ({@code OutageBackoffs.forFeature(RedisPubSub.FEATURE)})
	 * @return the pub/sub
	 */
	static RedisPubSub create(LettuceConnectionFactory connectionFactory, ValueCodec codec, PubSubOptions options,
			MeterRegistry meterRegistry, RedisThreads threads, OutageBackoff outage) {
		return new DefaultRedisPubSub(connectionFactory, codec, options, meterRegistry, threads, outage);
	}

}
