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

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

import io.github.redisutils.core.OutageBackoff;
import io.github.redisutils.core.codec.ValueCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;

/**
 * Publishing side of {@link DefaultRedisPubSub}: encodes a message into its
 * {@link Envelope} and sends it with {@code PUBLISH} (classic) or {@code XADD} (reliable)
 * through the application's connection factory. Apart from receiving because it shares
 * nothing with it but the names and the meters.
 *
 * @author redis-utils authors
 */
final class PubSubPublisher {

	private final LettuceConnectionFactory connectionFactory;

	private final ValueCodec codec;

	private final PubSubOptions options;

	private final PubSubNames names;

	private final String instanceId;

	private final PubSubMetrics metrics;

	private final OutageBackoff outage;

	PubSubPublisher(LettuceConnectionFactory connectionFactory, ValueCodec codec, PubSubOptions options,
			PubSubNames names, String instanceId, PubSubMetrics metrics, OutageBackoff outage) {
		this.connectionFactory = connectionFactory;
		this.outage = outage;
		this.codec = codec;
		this.options = options;
		this.names = names;
		this.instanceId = instanceId;
		this.metrics = metrics;
	}

	long publish(String channel, Object message) {
		byte[] name = this.names.redisChannel(channel).getBytes(StandardCharsets.UTF_8);
		byte[] bytes = Envelope.encode(this.codec, this.instanceId, message);
		Long receivers = execute("publish a message", new String(name, StandardCharsets.UTF_8),
				(connection) -> connection.publish(name, bytes));
		this.metrics.of(channel, false).published.increment();
		return (receivers != null) ? receivers : 0;
	}

	String publishReliably(String channel, Object message) {
		byte[] stream = this.names.streamKey(channel).getBytes(StandardCharsets.UTF_8);
		byte[] bytes = Envelope.encode(this.codec, this.instanceId, message);
		MapRecord<byte[], byte[], byte[]> record = MapRecord.create(stream,
				Map.of(StreamConsumer.FIELD.getBytes(StandardCharsets.UTF_8), bytes));
		RecordId id = execute("publish a message reliably", new String(stream, StandardCharsets.UTF_8),
				(connection) -> connection.streamCommands()
					.xAdd(record, XAddOptions.maxlen(this.options.reliable().maxLength()).approximateTrimming(true)));
		this.metrics.of(channel, true).published.increment();
		return String.valueOf(id);
	}

	private <R> @Nullable R execute(String what, String key, Function<RedisConnection, R> action) {
		return this.outage.call(() -> {
			try (RedisConnection connection = this.connectionFactory.getConnection()) {
				return action.apply(connection);
			}
		}, what, key);
	}

}
