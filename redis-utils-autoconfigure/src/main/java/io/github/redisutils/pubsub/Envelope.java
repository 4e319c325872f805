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

import java.lang.reflect.Type;
import java.time.Instant;
import java.util.UUID;

import io.github.redisutils.core.codec.ValueCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;

/**
 * What travels on a channel or in a stream entry: the envelope and the payload, encoded
 * together with the {@link ValueCodec} (as JSON by default:
 * {@code {"id":..,"type":..,"timestamp":..,"origin":..,"payload":{..}}}), so other tools
 * can read and write it too.
 *
 * @param <T> the payload type
 * @param id the message id
 * @param type the payload's class name, informational only
 * @param timestamp when it was published
 * @param origin the publishing instance's id
 * @param payload the payload
 * @author redis-utils authors
 */
record Envelope<T>(String id, String type, Instant timestamp, String origin, @Nullable T payload) {

	static byte[] encode(ValueCodec codec, String origin, @Nullable Object payload) {
		String type = (payload != null) ? payload.getClass().getName() : "null";
		return codec.encode(new Envelope<>(UUID.randomUUID().toString(), type, Instant.now(), origin, payload));
	}

	/**
	 * Decode an envelope whose payload is read as the receiver's type; the type name in
	 * the message is never used to pick a class.
	 */
	@SuppressWarnings("unchecked")
	static Envelope<Object> decode(ValueCodec codec, byte[] bytes, Type envelopeType) {
		Envelope<Object> envelope = (Envelope<Object>) codec.decode(bytes, envelopeType);
		if (envelope == null || envelope.id() == null || envelope.origin() == null || envelope.timestamp() == null) {
			throw new IllegalArgumentException("not a redis-utils pub/sub envelope");
		}
		return envelope;
	}

	static Type typeFor(Type payloadType) {
		return ResolvableType.forClassWithGenerics(Envelope.class, ResolvableType.forType(payloadType)).getType();
	}

}
